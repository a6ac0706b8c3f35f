"""The 来源文件 to-dos (see core/todos.py): documents read and waiting for someone to review and
commit them."""

from django.utils.translation import gettext_noop

from zonework.core import scope
from zonework.core.todos import Todo
from zonework.documents.choices import DocumentStatus
from zonework.documents.models import SourceDocument


def todo_items(user, zone):
    if not user.has_perm("documents.change_sourcedocument"):
        return []
    documents = scope.in_zone(scope.restrict(SourceDocument.objects.all(), user, "change"), zone)
    return [Todo(kind="documents.review", kind_label=gettext_noop("审阅来源文件"), title=d.filename,
                 url=d.get_absolute_url(), light="green", zone=d.zone.short_name or d.zone.name)
            for d in documents.filter(status=DocumentStatus.READ).select_related("zone").order_by("created_at")]
