"""Celery wrapper: schedule `send_reminders_task` with Celery beat (or run `zonework remind` from cron)."""

from celery import shared_task

from zonework.core.context import audit_context


@shared_task(name="work.send_reminders")
def send_reminders_task(date=None):
    import datetime

    from zonework.work.remind import send_reminders

    with audit_context(source="celery"):
        sent = send_reminders(datetime.date.fromisoformat(date) if date else None)
    return len(sent)
