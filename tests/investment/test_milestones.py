"""Major projects: light by milestone slippage, and the seeded industry codes."""

import datetime

import pytest

from zonework.core.models import Industry
from zonework.investment.milestones import milestone_light

D = datetime.date
TODAY = D(2025, 6, 30)


@pytest.mark.parametrize(("milestones", "expected", "note"), [
    ([], "green", "按计划推进"),
    ([("construction_start", D(2025, 3, 1), D(2025, 3, 10))], "green", "按计划推进"),   # 9 days late: tolerated
    ([("construction_start", D(2025, 3, 1), D(2025, 4, 15))], "yellow", "开工滞后45天完成"),
    ([("construction_start", D(2025, 6, 20), None)], "yellow", "开工已滞后10天"),
    ([("construction_start", D(2025, 5, 1), None)], "red", "开工已滞后60天"),
    ([("completion", D(2025, 7, 10), None)], "yellow", "竣工将于2025-07-10到期"),
    ([("completion", D(2025, 9, 1), None)], "green", "按计划推进"),
    ([("construction_start", D(2025, 1, 1), D(2025, 1, 1)), ("production_start", D(2025, 4, 1), None)],
     "red", "投产已滞后90天"),
    ([("construction_start", None, None)], "green", "按计划推进"),  # no plan, nothing to slip
])
def test_milestone_light(milestones, expected, note):
    assert milestone_light(milestones, TODAY) == (expected, note)


def test_industries_are_seeded(db):
    assert Industry.objects.filter(level="section").count() == 20
    assert Industry.objects.filter(level="division").count() == 97
    cars = Industry.objects.get(code="36")
    assert (cars.name, cars.section.code, cars.section.name) == ("汽车制造业", "C", "制造业")
