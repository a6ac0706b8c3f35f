"""Messages (站内信) from the supervision workflow: 交办, 退回, 催办, reminders and leaders' 批示 reach the
lead unit's users, once per event; the 批示 stands on the unit's to-do list until it is replied to."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import role_user
from tests.work.conftest import TODAY
from zonework.core import scope
from zonework.core.models import AuditEntry, Message
from zonework.core.todos import todos_for
from zonework.work import actions
from zonework.work.models import Task
from zonework.work.remind import send_reminders


def inbox(user, kind=None):
    rows = Message.objects.filter(recipient=user)
    return list(rows.filter(kind=kind) if kind else rows)


def test_assignment_reaches_the_lead_units_users_only(unit_user, econ_user, tasks):
    [message] = inbox(unit_user, "assigned")
    assert tasks["t_invest"].title in message.title
    assert message.link == tasks["t_invest"].get_absolute_url()
    assert message.read_at is None
    # 经信局 leads t_econ: its user hears of that one, not of 招商局's task.
    assert [m.title for m in inbox(econ_user, "assigned")] == [f"新交办任务：{tasks['t_econ']}"]


def test_a_return_sends_the_reason_and_a_second_return_is_a_second_message(unit_user, tasks, supervisor):
    task = tasks["t_invest"]
    actions.accept_task(task, acting_user=unit_user)
    for reason in ("材料不全", "缺少验收报告"):
        actions.request_completion(task, acting_user=unit_user, note="已完成")
        actions.return_task(task, acting_user=supervisor, reason=reason)
    bodies = sorted(m.body for m in inbox(unit_user, "returned"))
    assert bodies == ["退回理由：材料不全", "退回理由：缺少验收报告"]


def test_a_manual_reminder_is_one_message_and_repeating_it_adds_none(unit_user, tasks, supervisor):
    task = tasks["t_invest"]
    actions.remind_task(task, acting_user=supervisor, message="请本周内报送")
    with pytest.raises(ValidationError):
        actions.remind_task(task, acting_user=supervisor)
    [message] = inbox(unit_user, "urged")
    assert message.body == "请本周内报送"


def test_scheduled_reminders_send_each_message_once(unit_user, tasks):
    Task.objects.filter(pk=tasks["t_invest"].pk).update(assigned_at=tasks["t_invest"].assigned_at
                                                        - datetime.timedelta(days=100))
    assert send_reminders(TODAY)
    first = len(inbox(unit_user, "reminder"))
    assert first >= 1
    assert send_reminders(TODAY) == []
    assert len(inbox(unit_user, "reminder")) == first


def test_the_same_event_twice_gives_each_person_one_message(unit_user, tasks):
    from zonework.core import actions as core_actions

    first = core_actions.send_message([unit_user, unit_user], kind="notice", title="一", event_key="x:1")
    again = core_actions.send_message([unit_user], kind="notice", title="一", event_key="x:1")
    assert len(first) == 1 and again == []
    assert Message.objects.filter(recipient=unit_user, event_key="x:1").count() == 1


def test_a_leaders_instruction_is_a_message_and_a_todo_until_replied(unit_user, tasks, leader):
    task = tasks["t_invest"]
    actions.accept_task(task, acting_user=unit_user)
    ins = actions.give_instruction(task, acting_user=leader, text="请加快进度，月底前见成效")
    [message] = inbox(unit_user, "instruction")
    assert message.body == "请加快进度，月底前见成效"
    todo = [i for i in todos_for(unit_user) if i.kind == "work.instruction"]
    assert len(todo) == 1 and todo[0].title == str(task) and "月底前见成效" in todo[0].note
    assert AuditEntry.objects.filter(event="task.instructed", object_id=str(task.pk)).exists()

    actions.reply_instruction(ins, acting_user=unit_user, reply="已召开专题会，月底前完成")
    assert not [i for i in todos_for(unit_user) if i.kind == "work.instruction"]
    ins.refresh_from_db()
    assert ins.reply == "已召开专题会，月底前完成" and ins.replied_by == unit_user
    [answer] = inbox(leader, "reply")
    assert answer.body == "已召开专题会，月底前完成"
    with pytest.raises(ValidationError):
        actions.reply_instruction(ins, acting_user=unit_user, reply="再次回复")


def test_only_a_leader_instructs_and_only_the_lead_unit_replies(unit_user, econ_user, tasks, leader, units,
                                                               supervisor):
    task = tasks["t_invest"]
    for not_a_leader in (unit_user, supervisor):
        with pytest.raises(scope.ScopeDenied):
            actions.give_instruction(task, acting_user=not_a_leader, text="不是领导的批示")
    with pytest.raises(ValidationError):
        actions.give_instruction(task, acting_user=leader, text="  ")
    ins = actions.give_instruction(task, acting_user=leader, text="抓紧")
    with pytest.raises(scope.ScopeDenied):  # 经信局 only supports this task
        actions.reply_instruction(ins, acting_user=econ_user, reply="配合单位回复")
    far_leader = role_user("leader", units["far"], username="far-leader")
    with pytest.raises(scope.ScopeDenied):
        actions.give_instruction(task, acting_user=far_leader, text="别区领导")
    assert task.instructions.count() == 1


def test_the_instruction_and_reply_show_on_the_tasks_timeline(unit_user, tasks, leader, login, client):
    task = tasks["t_invest"]
    actions.accept_task(task, acting_user=unit_user)
    login(leader)
    response = client.post(f"/work/tasks/{task.pk}/instruct/", {"text": "务必按期完成"}, follow=True)
    assert "批示已送达牵头单位" in response.content.decode()
    client.logout()
    login(unit_user)
    page = client.get(task.get_absolute_url()).content.decode()
    assert "领导批示待回复" in page and "务必按期完成" in page
    ins = task.instructions.get()
    client.post(f"/work/tasks/{task.pk}/reply_instruction/", {"instruction": ins.pk, "reply": "已部署落实"})
    page = client.get(task.get_absolute_url()).content.decode()
    assert "领导批示待回复" not in page
    assert "务必按期完成" in page and "已部署落实" in page and "回复批示" in page
    # An empty reply is refused with a message and changes nothing.
    actions.give_instruction(task, acting_user=leader, text="再批示")
    response = client.post(f"/work/tasks/{task.pk}/reply_instruction/",
                           {"instruction": task.instructions.get(text="再批示").pk, "reply": ""}, follow=True)
    assert "请填写办理回复" in response.content.decode()
    assert task.instructions.get(text="再批示").replied_at is None


def test_with_the_email_channel_a_reminder_is_mailed_once(units, tasks, supervisor, settings,
                                                          django_capture_on_commit_callbacks):
    from django.core import mail

    person = role_user("unit_user", units["invest"], username="zs-mail", email="zs@example.cn")
    settings.ZONEWORK_CHANNELS = [{"class": "zonework.core.channels.EmailChannel"}]
    with django_capture_on_commit_callbacks(execute=True):
        actions.remind_task(tasks["t_invest"], acting_user=supervisor, message="请今天反馈")
    to_person = [m for m in mail.outbox if "zs@example.cn" in m.to]
    assert len(to_person) == 1 and "请今天反馈" in to_person[0].body
    assert Message.objects.get(recipient=person, kind="urged").deliveries.get().status == "sent"
