"""The statistician's to-do: last month's figures from the bureau's release day until they are in."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from zonework.core import clock
from zonework.core.todos import todos_for
from zonework.economy import actions

SHANGHAI = ZoneInfo("Asia/Shanghai")


def on_day(day_of_month):
    """10:00 Beijing time on that day of the month the suite runs in (real or frozen)."""
    today = clock.today()
    return time_machine.travel(datetime.datetime(today.year, today.month, day_of_month, 10, tzinfo=SHANGHAI),
                               tick=False)


def due(user):
    return {item.title: item for item in todos_for(user) if item.kind == "economy.statistics_due"}


def months_back(n):
    today = clock.today()
    index = today.year * 12 + today.month - 1 - n
    return index // 12, index % 12 + 1


def test_last_month_is_due_from_the_release_day_until_its_figures_are_in(statistician, zone, tracked, settings):
    settings.ZONEWORK_STATISTICS_DUE_DAY = 15
    with on_day(10):
        last, before = months_back(1), months_back(2)
        items = due(statistician)
        # Before the release day only the month before last is owed, and it is late.
        assert f"{zone.short_name} {last[0]}年{last[1]}月" not in items
        assert items[f"{zone.short_name} {before[0]}年{before[1]}月"].light == "red"
    with on_day(20):
        items = due(statistician)
        item = items[f"{zone.short_name} {last[0]}年{last[1]}月"]
        assert item.light == "yellow" and item.url.startswith(f"/economy/statistics/{last[0]}/{last[1]}/")
        actions.create_observation({"zone": zone, "indicator": tracked[0], "year": last[0], "month": last[1],
                                    "ytd_value": Decimal("120"), "value_unit": "亿元"}, acting_user=statistician)
        assert f"{zone.short_name} {last[0]}年{last[1]}月" not in due(statistician)


def test_a_user_who_does_not_enter_statistics_is_not_asked(leader, zone, tracked):
    with on_day(20):
        assert due(leader) == {}
