"""Celery wrapper: Celery beat runs `send_reminders_task` every morning (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from zonework.core.context import audit_context


@shared_task(name="returns.send_reminders")
def send_reminders_task(date=None):
    import datetime

    from zonework.returns.remind import send_reminders

    with audit_context(source="celery"):
        sent = send_reminders(datetime.date.fromisoformat(date) if date else None)
    return len(sent)
