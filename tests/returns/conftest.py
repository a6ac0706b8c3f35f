"""Returns fixtures: the province's reviewer over two zones, a statistician in each zone, a monthly
form of two indicators, and a clock frozen on the 5th of June of this year (May's returns are due on
the 10th)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import RoleFactory, UnitFactory, role_user
from zonework.core import clock
from zonework.core.choices import DataScope
from zonework.returns.demo import FILER_PERMS, REVIEWER_PERMS

YEAR = clock.today().year
FILER = [*FILER_PERMS, "economy.view_indicator", "economy.view_observation", "economy.view_target", "core.view_zone"]


def moment(month, day, year=None):
    return datetime.datetime(year or YEAR, month, day, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def june():
    with time_machine.travel(moment(6, 5), tick=True) as traveller:
        yield traveller


@pytest.fixture
def reviewer(units, zone, other_zone):
    role = RoleFactory(code="return_reviewer", name="省级审核员", data_scope=DataScope.ALL, perms=REVIEWER_PERMS)
    user = role_user(role.code, UnitFactory(zone=zone, name="省商务厅", kind="office"), username="province1")
    user.zones.add(zone, other_zone)
    return user


@pytest.fixture
def filer_role(db):
    return RoleFactory(code="statistician", name="统计员", data_scope=DataScope.ALL, perms=FILER)


@pytest.fixture
def statistician(units, filer_role):
    return role_user(filer_role.code, units["econ"], username="tongji1")


@pytest.fixture
def far_statistician(units, filer_role):
    return role_user(filer_role.code, units["far"], username="tongji2")


@pytest.fixture
def indicators(db):
    from tests.economy.factories import indicator

    return [indicator("industrial_output_above_scale"), indicator("fixed_asset_investment")]


@pytest.fixture
def form(reviewer, zone, other_zone, indicators):
    from zonework.returns import actions

    return actions.create_form({"name": "主要经济指标月报", "frequency": "monthly", "due_day": 10, "jump_pct": 30,
                                "zones": [zone, other_zone], "indicators": indicators}, acting_user=reviewer)


@pytest.fixture
def may():
    year, month = clock.last_ended_month()
    assert (year, month) == (YEAR, 5)
    return year, month


@pytest.fixture
def filing(form, reviewer, zone, may):
    from zonework.returns import actions

    actions.open_filings(form, *may, acting_user=reviewer)
    return form.filings.get(zone=zone)


def rows_for(filing, **by_code):
    """{figure_id: row} from code=(ytd, yoy[, note])."""
    rows = {}
    for figure in filing.figures.select_related("indicator"):
        ytd, yoy, *note = by_code[figure.indicator.code]
        rows[figure.pk] = {"ytd_value": ytd, "yoy_pct": yoy, "unit": "", "note": note[0] if note else ""}
    return rows


def figure(filing, code):
    return filing.figures.get(indicator__code=code)
