"""Reminders before and after the due day: a 站内信 to the zone's statisticians, once per filing and
kind however often the job runs, through the Celery task that beat runs every morning."""

from django.conf import settings
from django.core.management import call_command

from zonework.core import clock
from zonework.core.models import Message
from zonework.returns import actions
from zonework.returns.tasks import send_reminders_task

from .conftest import moment, rows_for


def test_due_soon_then_overdue_each_sent_once(filing, statistician, far_statistician, june):
    assert send_reminders_task.delay().get() == 0  # 5 June: due 10 June, more than 3 days ahead
    june.move_to(moment(6, 8))
    assert send_reminders_task.delay().get() == 2  # one per zone's statistician
    assert send_reminders_task.delay().get() == 0  # a second run sends nothing again
    mine = Message.objects.get(recipient=statistician)
    assert (mine.title, mine.kind) == (f"填报即将到期：{filing}", "reminder")
    assert "还有2天" in mine.body and mine.link == f"/returns/filings/{filing.pk}/"
    june.move_to(moment(6, 13))
    call_command("remind_returns")
    late = Message.objects.filter(recipient=statistician).order_by("-id").first()
    assert late.title == f"填报逾期：{filing}" and "已逾期3天" in late.body
    call_command("remind_returns")
    assert Message.objects.filter(recipient=statistician).count() == 2


def test_a_submitted_filing_is_not_chased(filing, statistician, june):
    """Past the due day, a zone that has submitted gets no 逾期 message."""
    actions.fill_filing(filing, rows_for(filing, industrial_output_above_scale=("100", "8"),
                                         fixed_asset_investment=("50", "6")), acting_user=statistician)
    actions.submit_filing(filing, acting_user=statistician)
    june.move_to(moment(6, 13))
    from zonework.returns.remind import send_reminders

    sent = send_reminders(clock.today())
    assert sent == []  # the other zone has no statistician in this test; ours has submitted


def test_beat_runs_the_reminders_every_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["returns-reminders"]
    assert entry["task"] == "returns.send_reminders"
