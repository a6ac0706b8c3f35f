"""The 企业服务 to-dos (see core/todos.py): open service requests near or past their time limit
(limits.py), for whoever may handle them."""

from django.utils.translation import gettext_noop

from zonework.core import scope
from zonework.core.todos import Todo
from zonework.enterprises.choices import RequestState
from zonework.enterprises.models import ServiceRequest


def todo_items(user, zone):
    if not user.has_perm("enterprises.change_servicerequest"):
        return []
    requests = scope.in_zone(scope.restrict(ServiceRequest.objects.all(), user, "change"), zone)
    items = []
    for req in requests.exclude(state=RequestState.CLOSED).select_related("zone", "enterprise"):
        light, note = req.light()
        if light in ("red", "yellow"):
            items.append(Todo(kind="enterprises.request", kind_label=gettext_noop("办理企业诉求"), title=str(req),
                              url=req.get_absolute_url(), light=light, note=note,
                              zone=req.zone.short_name or req.zone.name))
    return items
