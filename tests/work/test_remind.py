"""Reminders and warnings (`zonework remind`): who gets what, when, and never twice."""

import datetime

from django.core import mail
from django.core.management import call_command

from tests.factories import role_user
from tests.work.conftest import TODAY
from zonework.work import actions
from zonework.work.choices import ReminderKind, WarningLevel
from zonework.work.models import Reminder, Task
from zonework.work.remind import send_reminders


def _assigned_long_ago(task, days=100):
    when = task.assigned_at - datetime.timedelta(days=days)
    Task.objects.filter(pk=task.pk).update(assigned_at=when)


def test_missed_reports_warn_then_escalate_to_the_units_leader(tasks, units, django_capture_on_commit_callbacks):
    unit_user = role_user("unit_user", units["invest"], username="zs", email="zs@example.cn")
    boss = role_user("leader", units["invest"], username="zs-boss", email="boss@example.cn")
    task = tasks["t_invest"]
    _assigned_long_ago(task)
    with django_capture_on_commit_callbacks(execute=True):  # e-mail goes out on commit
        sent = send_reminders(TODAY)
    mine = [r for r in sent if r.task_id == task.pk]
    kinds = {r.kind for r in mine}
    assert ReminderKind.REPORT_MISSED_ESCALATED in kinds
    escalated = next(r for r in mine if r.kind == ReminderKind.REPORT_MISSED_ESCALATED)
    assert escalated.level == WarningLevel.RED
    assert set(escalated.recipients.all()) >= {unit_user, boss}
    assert any("boss@example.cn" in m.to for m in mail.outbox)
    assert "红牌警示" in escalated.message


def test_the_same_reminder_is_never_sent_twice(tasks, units):
    _assigned_long_ago(tasks["t_invest"])
    first = send_reminders(TODAY)
    assert first
    outbox = len(mail.outbox)
    assert send_reminders(TODAY) == []
    call_command("remind")
    assert Reminder.objects.count() == len(first) and len(mail.outbox) == outbox


def test_one_missed_report_is_a_yellow_warning(tasks, unit_user):
    task = tasks["t_invest"]
    _assigned_long_ago(task, days=45)
    task.refresh_from_db()
    from zonework.work.lights import task_light

    missed = task_light(task, TODAY).missed_dates
    actions.report_progress(task, {"text": "补报", "progress": 10, "date": missed[0]}, acting_user=unit_user) \
        if len(missed) > 1 else None
    sent = send_reminders(TODAY)
    levels = {r.kind: r.level for r in sent if r.task_id == task.pk}
    assert levels.get(ReminderKind.REPORT_MISSED) == WarningLevel.YELLOW


def test_deadline_soon_and_overdue(tasks, units):
    soon, late = tasks["t_invest"], tasks["t_econ"]
    Task.objects.filter(pk=soon.pk).update(deadline=TODAY + datetime.timedelta(days=2))
    Task.objects.filter(pk=late.pk).update(deadline=TODAY - datetime.timedelta(days=1))
    sent = {(r.task_id, r.kind): r for r in send_reminders(TODAY)}
    assert (soon.pk, ReminderKind.DEADLINE_SOON) in sent
    overdue = sent[(late.pk, ReminderKind.OVERDUE)]
    assert overdue.level == WarningLevel.RED and "已超过完成时限" in overdue.message


def test_a_unit_without_a_leader_escalates_to_the_supervisors(tasks, supervisor):
    late = tasks["t_econ"]
    Task.objects.filter(pk=late.pk).update(deadline=TODAY - datetime.timedelta(days=1))
    reminder = next(r for r in send_reminders(TODAY) if r.kind == ReminderKind.OVERDUE and r.task_id == late.pk)
    assert supervisor in reminder.recipients.all()


def test_report_due_soon_is_a_plain_reminder(tasks):
    task = tasks["t_invest"]
    # Monthly report days stop at 28: run the reminders on the first day from today whose report date
    # two days on is a valid report day, so the case is exercised on every date the suite runs.
    when = TODAY
    while (when + datetime.timedelta(days=2)).day > 28:
        when += datetime.timedelta(days=1)
    Task.objects.filter(pk=task.pk).update(report_day=(when + datetime.timedelta(days=2)).day)
    sent = [r for r in send_reminders(when) if r.task_id == task.pk]
    assert any(r.kind == ReminderKind.REPORT_DUE and r.level == "" for r in sent)


def test_celery_task_wraps_the_command(tasks):
    from zonework.work.tasks import send_reminders_task

    _assigned_long_ago(tasks["t_invest"])
    assert send_reminders_task.apply().get() >= 1
