from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from zonework.work.choices import OPEN_STATUSES

from .common import tasks_of, with_lights


def home_cards(request):
    """The home page's card: the user's open tasks by light."""
    user = request.user
    if not user.is_authenticated or not user.has_perm("work.view_task"):
        return []
    tasks = with_lights(list(tasks_of(request).filter(status__in=OPEN_STATUSES)))
    if not tasks:
        return []
    red = sum(1 for t in tasks if t.light == "red")
    yellow = sum(1 for t in tasks if t.light == "yellow")
    url = reverse("work:unit") if user.unit_id and not user.has_perm("work.supervise_task") else reverse("work:board")
    return [{"title": gettext("督查督办"), "body": format_html(
        '{}<span class="badge text-bg-danger">{} {}</span> <span class="badge text-bg-warning">{} {}</span> '
        '<a href="{}">{}</a>', gettext("在办任务%(n)s项：") % {"n": len(tasks)}, gettext("红灯"), red,
        gettext("黄灯"), yellow, url, gettext("查看"))}]
