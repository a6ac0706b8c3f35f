"""招商 to-dos: a stalled project is on the list of whoever may move it, and leaves it when it moves."""

import datetime

from tests.investment.factories import make_project
from zonework.core import clock
from zonework.core.todos import todos_for
from zonework.investment import actions
from zonework.investment.choices import Stage


def stalled(user):
    return {item.title: item for item in todos_for(user) if item.kind == "investment.stalled"}


def test_a_stalled_project_waits_on_its_unit_until_its_stage_moves(unit_user, leader, zone, units, settings):
    settings.ZONEWORK_STALL_YELLOW_MONTHS, settings.ZONEWORK_STALL_RED_MONTHS = 2, 3
    today = clock.today()
    project = make_project(unit_user, zone, units["invest"], "新能源电池项目",
                           [(today - datetime.timedelta(days=130), Stage.LEAD)])
    item = stalled(unit_user)["新能源电池项目"]
    assert item.light == "red" and item.url == project.get_absolute_url()
    assert "新能源电池项目" not in stalled(leader)  # a leader reads the funnel; the unit moves the project
    actions.change_stage(project, Stage.NEGOTIATING, date=today, reason="已进入实质洽谈", acting_user=unit_user)
    assert "新能源电池项目" not in stalled(unit_user)
