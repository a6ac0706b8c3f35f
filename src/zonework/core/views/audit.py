from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from zonework.core import clock, numbers, scope
from zonework.core.audit import change_rows, export_lines, write_entry
from zonework.core.choices import AuditAction
from zonework.core.filtersets import AuditEntryFilterSet
from zonework.core.models import AuditEntry
from zonework.core.tables import AuditEntryTable

from .generic import ObjectListView


class AuditListView(ObjectListView):
    """The auditor's viewer: filter and export; there is no edit or delete page for entries."""

    model, table_class, filterset_class = AuditEntry, AuditEntryTable, AuditEntryFilterSet
    zone_filter = False
    per_page = 50

    def require(self, action):
        require_audit_reader(self.request.user)

    def get_queryset(self):
        return super().get_queryset().select_related("content_type")

    def extra_context(self):
        query = f"?since={self.request.GET['time_after']}" if self.request.GET.get("time_after") else ""
        return {"retention_url": reverse("core:audit_retention_export") + query}


def require_audit_reader(user):
    if not scope.can(user, "view", AuditEntry):
        if user.is_system_admin:
            raise PermissionDenied("三员分立：系统管理员不能查看审计日志，请由审计管理员查看。")
        raise PermissionDenied(scope.denied_message("view", AuditEntry))


@login_required
def audit_detail(request, pk):
    require_audit_reader(request.user)
    entry = get_object_or_404(scope.restrict(AuditEntry.objects.all(), request.user), pk=pk)
    return render(request, "core/audit_detail.html", {"entry": entry, "title": "审计日志详情",
                                                      "changes": change_rows(entry)})


@login_required
def audit_retention_export(request):
    """The retention file (`zonework audit-export` from the browser): entries from `since` with their
    hashes, and the chain's head hash on the last line."""
    require_audit_reader(request.user)
    try:
        since = numbers.parse_date(request.GET.get("since", ""), "起始日期")
    except numbers.NotADate as exc:
        messages.error(request, str(exc))
        return redirect("core:audit_list")
    write_entry(AuditAction.EXPORT, event="audit.exported",
                message=f"导出审计日志留存文件（{'自' + since.isoformat() if since else '全部'}）")
    stamp = clock.localtime().strftime("%Y%m%d%H%M%S")  # the file is named in the zone's time, like the viewer
    response = StreamingHttpResponse(export_lines(since), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.jsonl"'
    return response
