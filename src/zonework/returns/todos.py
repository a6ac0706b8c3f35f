"""The 数据填报 to-dos (see core/todos.py).

- a zone's statistician (may file returns): each filing of their zones not yet submitted — red when
  returned or past its due day, yellow within the reminder days, green otherwise;
- the province's reviewer (may review returns): each submitted filing of their zones, to approve or
  return.
"""

from django.utils.translation import gettext_noop

from zonework.core import clock, scope
from zonework.core.todos import Todo

from .choices import FilingStatus
from .remind import remind_days


def _filings(user, zone, action, statuses):
    from .models import ReturnFiling

    qs = (scope.restrict(ReturnFiling.objects.all(), user, action)
          .filter(status__in=statuses, form__active=True).select_related("form", "zone"))
    return scope.in_zone(qs, zone).order_by("year", "period", "pk")[:200]


def todo_items(user, zone):
    items = []
    today = clock.today()
    if user.has_perm("returns.file_returnfiling"):
        for f in _filings(user, zone, "file", (FilingStatus.DRAFT, FilingStatus.RETURNED)):
            due = f.due_date
            if f.status == FilingStatus.RETURNED:
                light, label, note = "red", gettext_noop("更正退回的报表"), "已退回"
            else:
                late = today > due
                light = "red" if late else ("yellow" if (due - today).days <= remind_days() else "green")
                label, note = gettext_noop("填报报表"), ("已逾期" if late else "")
            items.append(Todo(kind=f"returns.{f.status}", kind_label=label, title=str(f), url=f.get_absolute_url(),
                              due=due, light=light, note=note, zone=f.zone.short_name or f.zone.name))
    if user.has_perm("returns.review_returnfiling"):
        for f in _filings(user, zone, "review", (FilingStatus.SUBMITTED,)):
            items.append(Todo(kind="returns.review", kind_label=gettext_noop("审核报表"), title=str(f),
                              url=f.get_absolute_url() + "review/", due=f.due_date, light="yellow",
                              zone=f.zone.short_name or f.zone.name))
    return items
