"""{% audit_history obj %}: the 变更记录 section of a detail page, from the audit log."""

from django import template
from django.contrib.contenttypes.models import ContentType

from zonework.core.audit import change_rows
from zonework.core.todos import DONE_ACTIONS

register = template.Library()
LIMIT = 50


@register.inclusion_tag("core/_audit_history.html", takes_context=True)
def audit_history(context, obj):
    """The object's own changes and business events, newest first (who, when, what changed), for anyone
    who may see the page; refusals, exports, IPs and request ids stay in the auditor's viewer."""
    from zonework.core.models import AuditEntry

    entries = list(AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                             object_id=str(obj.pk), action__in=DONE_ACTIONS)
                   .select_related("content_type")
                   .order_by("-time", "-pk")[:LIMIT])
    for e in entries:
        e.rows = change_rows(e)
    return {"entries": entries, "limit": LIMIT}
