"""The stall rule: no stage change for 2 months yellow, 3 months red (settings, defaults)."""

import datetime

import pytest

from tests.investment.factories import make_project
from zonework.core import clock
from zonework.investment import stall
from zonework.investment.choices import Stage
from zonework.investment.models import InvestmentProject

D = datetime.date


@pytest.mark.parametrize(("last", "today", "stage", "expected"), [
    (D(2025, 3, 15), D(2025, 5, 14), "negotiating", None),
    (D(2025, 3, 15), D(2025, 5, 15), "negotiating", "yellow"),
    (D(2025, 3, 15), D(2025, 6, 14), "signed", "yellow"),
    (D(2025, 3, 15), D(2025, 6, 15), "signed", "red"),
    (D(2024, 12, 31), D(2025, 2, 28), "lead", "yellow"),     # 31 Dec + 2 months = 28 Feb
    (D(2024, 11, 30), D(2025, 2, 28), "lead", "red"),
    (D(2024, 1, 1), D(2025, 1, 1), "full_capacity", None),  # nothing left to do
    (D(2024, 1, 1), D(2025, 1, 1), "terminated", None),
])
def test_stall_light(last, today, stage, expected):
    assert stall.stall_light(last, today, stage=stage) == expected


def test_thresholds_come_from_settings(settings):
    settings.ZONEWORK_STALL_YELLOW_MONTHS = 1
    settings.ZONEWORK_STALL_RED_MONTHS = 2
    assert stall.stall_light(D(2025, 1, 10), D(2025, 2, 10)) == "yellow"
    assert stall.stall_light(D(2025, 1, 10), D(2025, 3, 10)) == "red"


def test_stalled_list_holds_only_stalled_projects(zone, units, admin_user):
    today = clock.today()
    make_project(admin_user, zone, units["invest"], "久未推进", [(stall.add_months(today, -4), Stage.NEGOTIATING)])
    make_project(admin_user, zone, units["invest"], "稍有停滞", [(stall.add_months(today, -2), Stage.SIGNED)])
    make_project(admin_user, zone, units["invest"], "刚刚洽谈", [(today, Stage.NEGOTIATING)])
    rows = stall.stalled_projects(InvestmentProject.objects.all(), today)
    assert [(p.name, light) for p, light in rows] == [("久未推进", "red"), ("稍有停滞", "yellow")]
