from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from zonework.core import scope
from zonework.core.audit import change_rows
from zonework.core.filtersets import AuditEntryFilterSet
from zonework.core.models import AuditEntry
from zonework.core.tables import AuditEntryTable

from .generic import ObjectListView


class AuditListView(ObjectListView):
    """The auditor's viewer: filter and export; there is no edit or delete page for entries."""

    model, table_class, filterset_class = AuditEntry, AuditEntryTable, AuditEntryFilterSet
    zone_filter = False
    per_page = 50

    def get_queryset(self):
        return super().get_queryset().select_related("content_type", "zone")


@login_required
def audit_detail(request, pk):
    if not request.user.has_perm("core.view_auditentry"):
        raise PermissionDenied(scope.denied_message("view", AuditEntry))
    entry = get_object_or_404(scope.restrict(AuditEntry.objects.all(), request.user), pk=pk)
    return render(request, "core/audit_detail.html", {"entry": entry, "title": "审计日志详情",
                                                      "changes": change_rows(entry)})
