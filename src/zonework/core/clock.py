"""The one clock of zonework.

Every "today" and "now" in the product comes from here, so that a zone's day is the day in its own
time zone (``settings.TIME_ZONE``, ``Asia/Shanghai`` unless ``ZONEWORK_TIME_ZONE`` says otherwise) and
tests can freeze time in one place with ``time-machine``. A direct ``date.today()``,
``datetime.now()`` or ``timezone.now()`` elsewhere in ``src/`` fails ``tests/core/test_clock.py``:
the server's own time zone (UTC on most hosts) would put a document uploaded at 00:30 Beijing time on
the previous day.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def zone_info() -> ZoneInfo:
    """The time zone in which the zone's calendar days are counted."""
    return ZoneInfo(settings.TIME_ZONE)


def now() -> datetime.datetime:
    """The current instant, aware (stored in UTC by Django)."""
    return timezone.now()


def today() -> datetime.date:
    """Today's calendar date in the zone's time zone."""
    return now().astimezone(zone_info()).date()


def localtime(value: datetime.datetime | None = None) -> datetime.datetime:
    """An aware instant shown in the zone's time zone (now when omitted)."""
    value = now() if value is None else value
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value.astimezone(zone_info())


def localdate(value: datetime.datetime | None = None) -> datetime.date:
    """The zone's calendar date of an instant (today when omitted)."""
    return localtime(value).date()


def month_has_ended(year: int, month: int, on: datetime.date | None = None) -> bool:
    """Whether the calendar month is over (on ``on``, today by default), so its statistics can exist."""
    on = on or today()
    return (year, month) < (on.year, on.month)


def last_ended_month(on: datetime.date | None = None) -> tuple[int, int]:
    """(year, month) of the latest month that is over: last month, or last December in January."""
    on = on or today()
    return (on.year, on.month - 1) if on.month > 1 else (on.year - 1, 12)
