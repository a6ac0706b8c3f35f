"""领导批示 on a plan, and the leader's 待批示 list: what leaders, supervisors and units observe."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.work.conftest import TODAY
from zonework.core import scope
from zonework.core.models import Message
from zonework.core.todos import todos_for
from zonework.work import actions
from zonework.work.models import Task


def kinds(user):
    return {(i.kind, i.title) for i in todos_for(user)}


def test_a_plans_instruction_goes_to_the_supervision_office_until_it_replies(plan, leader, supervisor, unit_user):
    ins = actions.give_instruction(plan, acting_user=leader, text="请督查室按月通报进展")
    assert ins.zone == plan.zone and ins.unit is None and ins.plan == plan
    assert Message.objects.filter(recipient=supervisor, kind="instruction").count() == 1
    assert not Message.objects.filter(recipient=unit_user, kind="instruction").exists()
    assert ("work.instruction", str(plan)) in kinds(supervisor)
    with pytest.raises(scope.ScopeDenied):  # a unit's user is not the supervision office
        actions.reply_instruction(ins, acting_user=unit_user, reply="收到")
    actions.reply_instruction(ins, acting_user=supervisor, reply="已建立月通报制度")
    assert ("work.instruction", str(plan)) not in kinds(supervisor)
    assert Message.objects.filter(recipient=leader, kind="reply").get().body == "已建立月通报制度"


def test_only_a_leader_of_the_zone_instructs_on_a_plan_and_an_empty_one_changes_nothing(plan, supervisor, leader):
    with pytest.raises(scope.ScopeDenied):
        actions.give_instruction(plan, acting_user=supervisor, text="督查员不批示")
    with pytest.raises(ValidationError):
        actions.give_instruction(plan, acting_user=leader, text=" ")
    assert plan.instructions.count() == 0


def test_the_plan_page_of_instructions_takes_the_leaders_words_and_the_reply(plan, leader, supervisor, login, client):
    login(leader)
    board = client.get(f"/work/?plan={plan.pk}").content.decode()
    assert "批示本计划" in board
    response = client.post(f"/work/instructions/?plan={plan.pk}", {"text": "年底前全部办结"}, follow=True)
    page = response.content.decode()
    assert "批示已送达督查室" in page and "年底前全部办结" in page
    empty = client.post(f"/work/instructions/?plan={plan.pk}", {"text": ""})
    assert empty.status_code == 400 and "请填写批示内容" in empty.content.decode()
    client.logout()
    login(supervisor)
    ins = plan.instructions.get()
    client.post(f"/work/instructions/{ins.pk}/reply/", {"reply": "已分解到各单位"})
    page = client.get(f"/work/instructions/{ins.pk}/").content.decode()
    assert "已分解到各单位" in page and "回复批示" not in page


def _make_red(task, plan):
    past = max(TODAY - datetime.timedelta(days=5), plan.start_date)
    if past >= TODAY:
        pytest.skip("the plan started today; no deadline can have passed")
    Task.objects.filter(pk=task.pk).update(deadline=past)  # test setup: a deadline that has passed


def test_a_red_task_waits_for_the_leaders_instruction_and_leaves_the_list_once_given(tasks, plan, leader, unit_user):
    task = tasks["t_invest"]
    actions.accept_task(task, acting_user=unit_user)
    _make_red(task, plan)
    assert ("work.awaiting_instruction", str(task)) in kinds(leader)
    actions.give_instruction(task, acting_user=leader, text="本周内拿出方案")
    assert ("work.awaiting_instruction", str(task)) not in kinds(leader)
    assert ("work.red_task", str(task)) in kinds(leader)  # still red, but the ball is with the unit


def test_a_task_naming_another_leader_does_not_wait_for_this_one(tasks, plan, leader, units):
    from tests.factories import role_user

    other = role_user("leader", units["office"], username="leader2", display_name="李四")
    task = tasks["t_econ"]
    Task.objects.filter(pk=task.pk).update(leader="李四")  # test setup: the task names its 责任领导
    _make_red(task, plan)
    assert ("work.awaiting_instruction", str(task)) in kinds(other)
    assert ("work.awaiting_instruction", str(task)) not in kinds(leader)
