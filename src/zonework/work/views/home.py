from django.urls import reverse
from django.utils.html import format_html

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
    return [{"title": "督查督办", "body": format_html(
        '在办任务{}项：<span class="badge text-bg-danger">红灯 {}</span> '
        '<span class="badge text-bg-warning">黄灯 {}</span> <a href="{}">查看</a>', len(tasks), red, yellow, url)}]
