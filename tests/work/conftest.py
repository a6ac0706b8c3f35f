"""Fixtures for the work app: a plan in the shared zone with tasks that name 招商局 and 经信局.

    plan ── t_invest  (lead 招商局, support 经信局)
         ├─ t_econ    (lead 经信局, support 招商局)
         └─ t_other   (lead 党政办公室)
"""

import datetime

import pytest

from tests.factories import role_user
from tests.work.factories import PlanFactory, TaskFactory
from zonework.core import clock
from zonework.work import actions

TODAY = clock.today()
START = TODAY - datetime.timedelta(days=120)
DEADLINE = TODAY + datetime.timedelta(days=60)


@pytest.fixture
def plan(zone):
    return PlanFactory(zone=zone, title="年度工作要点", year=START.year, start_date=START,
                       end_date=DEADLINE + datetime.timedelta(days=30))


@pytest.fixture
def econ_user(units):
    return role_user("unit_user", units["econ"], username="jingxin1")


@pytest.fixture
def supervisor2(units):
    return role_user("supervisor", units["supervision"], username="supervisor2")


@pytest.fixture
def tasks(plan, units, supervisor):
    make = {
        "t_invest": TaskFactory(plan=plan, number="1", position=1, title="着力打造世界知名车都", lead_unit=units["invest"],
                                support_units=[units["econ"]], deadline=DEADLINE),
        "t_econ": TaskFactory(plan=plan, number="2", position=2, title="加快培育集聚创新主体和载体",
                              lead_unit=units["econ"], support_units=[units["invest"]],
                              deadline=DEADLINE),
        "t_other": TaskFactory(plan=plan, number="3", position=3, title="深化重点领域改革", lead_unit=units["office"],
                               deadline=DEADLINE),
    }
    for task in make.values():
        actions.assign_task(task, acting_user=supervisor)
    return make
