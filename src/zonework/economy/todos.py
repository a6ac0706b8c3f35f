"""The 经济运行 to-dos (see core/todos.py).

- whoever enters statistics (the add-observation permission): a month whose figures are due — from
  the statistics bureau's release day of the following month (ZONEWORK_STATISTICS_DUE_DAY) — and not
  yet in, for each zone they enter for;
- leader: the year's red indicators of the current zone, as the dashboard lights them.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_noop

from zonework.core import clock, scope
from zonework.core.choices import RoleCode
from zonework.core.todos import Todo


def due_months(today):
    """[(year, month, light)]: the months whose statistics should be in by `today`, newest first."""
    year, month = clock.last_ended_month()
    prev = (year, month - 1) if month > 1 else (year - 1, 12)
    months = [(*prev, "red")]
    if today.day >= settings.ZONEWORK_STATISTICS_DUE_DAY:
        months.insert(0, (year, month, "yellow"))
    return months


def todo_items(user, zone):
    from zonework.economy.models import Observation

    items = []
    today = clock.today()
    if user.has_perm("economy.add_observation"):
        zones = [zone] if zone is not None else list(scope.zones_for(user)[:50])
        for z in zones:
            have = set(Observation.objects.filter(zone=z, month__isnull=False, year__gte=today.year - 1)
                       .values_list("year", "month").distinct())
            for year, month, light in due_months(today):
                if (year, month) not in have:
                    due = datetime.date(*_next_month(year, month), settings.ZONEWORK_STATISTICS_DUE_DAY)
                    items.append(Todo(kind="economy.statistics_due", kind_label=gettext_noop("上报月度统计数据"),
                                      title=f"{z.short_name or z.name} {year}年{month}月", due=due, light=light,
                                      url=reverse("economy:statistics_month", args=[year, month]) + f"?zone={z.pk}",
                                      zone=z.short_name or z.name))
    if zone is not None and RoleCode.LEADER in user.role_codes() and user.has_perm("economy.view_target"):
        from zonework.economy import dashboard

        data = dashboard.build(zone, today.year)
        for card in data["cards"]:
            if card.assessment.light == "red":
                items.append(Todo(kind="economy.red_indicator", kind_label=gettext_noop("红灯指标"),
                                  title=f"{card.target.indicator.name}（{today.year}年）", light="red",
                                  url=reverse("economy:dashboard") + f"?zone={zone.pk}&year={today.year}",
                                  note=card.assessment.label, zone=zone.short_name or zone.name))
    return items


def _next_month(year, month):
    return (year, month + 1) if month < 12 else (year + 1, 1)
