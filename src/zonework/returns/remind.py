"""Reminders of returns (填报提醒), through the same path as task reminders: a 站内信 per statistician
(core.actions.send_message), sent on through the configured channels (core.delivery), run every
morning by Celery beat (returns.send_reminders) or from cron (`zonework remind_returns`).

| when | message |
|---|---|
| the due day is within ZONEWORK_RETURN_REMIND_DAYS (3) and the filing is not submitted | 即将到期 |
| the due day has passed and the filing is not submitted (未报 or 退回) | 逾期未报 |

Each reminder's event key names the filing, the kind and the due day, so a second run the same day,
or cron and beat both, never sends it twice.
"""

from django.conf import settings

from zonework.core import actions as core_actions
from zonework.core import clock

from .choices import FilingStatus


def remind_days():
    return int(getattr(settings, "ZONEWORK_RETURN_REMIND_DAYS", 3))


def reminders_for(filing, today):
    """(kind, event_key, title, body) due for `filing` on `today`, or None."""
    due = filing.due_date
    days = (due - today).days
    if 0 <= days <= remind_days():
        return ("reminder", f"returns:due:{filing.pk}:{due.isoformat()}", f"填报即将到期：{filing}",
                f"“{filing}”应于{due}前报送（还有{days}天）。")
    if days < 0:
        state = "已退回尚未重新报送" if filing.status == FilingStatus.RETURNED else "尚未报送"
        return ("urged", f"returns:overdue:{filing.pk}:{due.isoformat()}", f"填报逾期：{filing}",
                f"“{filing}”应于{due}前报送，{state}，已逾期{-days}天，请尽快报送。")
    return None


def send_reminders(today=None):
    """Send every returns reminder due `today`; returns the messages created (none when already sent)."""
    from .actions import filers
    from .models import ReturnFiling

    today = today or clock.today()
    sent = []
    filings = (ReturnFiling.objects.filter(status__in=(FilingStatus.DRAFT, FilingStatus.RETURNED), form__active=True)
               .select_related("form", "zone").order_by("pk"))
    for filing in filings:
        due = reminders_for(filing, today)
        if due is None:
            continue
        kind, key, title, body = due
        sent += core_actions.send_message(filers(filing.zone), kind=kind, title=title, body=body,
                                          link=filing.get_absolute_url(), event_key=key, zone=filing.zone)
    return sent
