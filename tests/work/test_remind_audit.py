"""Reminders on record and e-mailed only once their transaction has committed."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from tests.factories import role_user
from zonework.core import clock
from zonework.core.audit import SYSTEM_ACTOR
from zonework.core.models import AuditEntry
from zonework.work import actions
from zonework.work.choices import ReminderKind
from zonework.work.models import Reminder, Task
from zonework.work.remind import send_reminders


class Boom(Exception):
    pass


@pytest.fixture
def overdue(tasks, units):
    """经信局's task is a day past its deadline; 经信局 has a user with an e-mail address."""
    role_user("unit_user", units["econ"], username="jx-mail", email="jx@example.cn")
    task = tasks["t_econ"]
    Task.objects.filter(pk=task.pk).update(deadline=clock.today() - datetime.timedelta(days=1))
    task.refresh_from_db()
    return task


def events(name, reminder):
    return AuditEntry.objects.filter(event=name, content_type__model="reminder", object_id=str(reminder.pk))


def test_a_committed_run_mails_the_unit_and_leaves_its_trail(overdue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind")
    reminder = Reminder.objects.get(task=overdue, kind=ReminderKind.OVERDUE)
    [message] = [m for m in mail.outbox if "jx@example.cn" in m.to]
    assert overdue.title in message.subject and "已超过完成时限" in message.body
    assert reminder.emailed_to and "jx@example.cn" in reminder.emailed_to
    sent = events("reminder.sent", reminder).get()
    assert sent.user_name == SYSTEM_ACTOR and sent.source == "command"
    assert "jx-mail" in sent.after["recipients"] and sent.after["level"] == "red"
    assert "jx@example.cn" in events("reminder.emailed", reminder).get().after["to"]


def test_a_rolled_back_run_sends_no_mail(overdue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Boom), transaction.atomic():
        assert send_reminders(clock.today())
        raise Boom
    assert callbacks == [] and mail.outbox == []
    assert not Reminder.objects.exists()
    assert not AuditEntry.objects.filter(event__startswith="reminder.").exists()


def test_a_reminder_sent_twice_mails_once(overdue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = send_reminders(clock.today())
    mailed = len(mail.outbox)
    assert first and mailed
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(clock.today()) == []
    assert len(mail.outbox) == mailed
    assert AuditEntry.objects.filter(event="reminder.sent").count() == len(first)


def test_a_supervisors_reminder_names_the_supervisor_and_mails_after_commit(
        overdue, supervisor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reminder = actions.remind_task(overdue, acting_user=supervisor, message="请本周内报送进展")
        assert mail.outbox == []  # not while the transaction is open
    for callback in callbacks:
        callback()
    assert [m.body for m in mail.outbox] == ["请本周内报送进展"]
    sent = events("reminder.sent", reminder).get()
    assert sent.user == supervisor and "请本周内报送进展" in sent.message
    assert events("reminder.emailed", reminder).get().user == supervisor


def test_a_failed_e_mail_is_on_record_and_the_reminder_stands(overdue, django_capture_on_commit_callbacks):
    with mock.patch("zonework.work.remind.send_mail", side_effect=OSError("邮件服务器无响应")), \
            django_capture_on_commit_callbacks(execute=True):
        send_reminders(clock.today())
    reminder = Reminder.objects.get(task=overdue, kind=ReminderKind.OVERDUE)
    assert reminder.emailed_to == []
    failed = events("reminder.email_failed", reminder).get()
    assert "邮件服务器无响应" in failed.message and "jx@example.cn" in failed.after["to"]
    assert not events("reminder.emailed", reminder).exists()
