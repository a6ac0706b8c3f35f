"""Time limits of service requests ("企有所呼、我必有应") and the light each request shows.

Limits (DOMAIN_NOTES, Gaps: Zaozhuang), counted in working days from the request's clock start
(the day it was received, or the day it was reopened):
  start   (交办: the request is assigned to a handling unit)   within 1 working day
  reply   (答复: the enterprise gets an answer)                within 2 working days
  resolve (办结: closed)                                        within 10, or 25 when marked complex
The limits are settings.ZONEWORK_REQUEST_DEFAULT_LIMITS (the one place they are written), with
per-category overrides in settings.ZONEWORK_REQUEST_LIMITS = {"land": {"resolve": 15}, ...}.

Working days skip Saturdays and Sundays and the dates in settings.ZONEWORK_HOLIDAYS; dates in
settings.ZONEWORK_WORKDAYS (调休 weekend working days) count as working days. "Within N working
days" of day D means on or before the N-th working day after D.

Light of a request on `today`:
  open:   red    when a step is past its due date and not done;
          yellow when the next step not yet done is due today or on the next working day, except on
                 the day the clock started: a request received (or reopened) today and within its
                 limits is green, since its 交办 limit of one working day always falls due tomorrow and
                 a request cannot be late before anyone has had a working day for it;
          green  otherwise.
  closed: green when every step was done on time, yellow (逾期办结) otherwise.
"""

import bisect
import datetime
import functools

from django.conf import settings

from zonework.core import clock

STEPS = ("start", "reply", "resolve")
STEP_LABELS = {"start": "交办", "reply": "答复", "resolve": "办结"}


def today():
    """The date lights are computed for (one place, so a test can move the clock)."""
    return clock.today()


def _as_dates(values):
    return {datetime.date.fromisoformat(str(d)) if not isinstance(d, datetime.date) else d for d in values}


def _dates(name):
    return _as_dates(getattr(settings, name))


@functools.lru_cache(maxsize=8)
def _calendar(holidays, workdays):
    """The exceptions to Monday–Friday as sorted ordinals: weekdays off (法定节假日 not also worked) and
    weekend days worked (调休). Cached by the settings' values, so a changed setting is seen at once."""
    off, on = _as_dates(holidays), _as_dates(workdays)
    weekdays_off = sorted(d.toordinal() for d in off - on if d.weekday() < 5)
    weekends_on = sorted(d.toordinal() for d in on if d.weekday() >= 5)
    return weekdays_off, weekends_on


def _settings_calendar():
    return _calendar(tuple(settings.ZONEWORK_HOLIDAYS), tuple(settings.ZONEWORK_WORKDAYS))


def is_working_day(day, holidays=None, workdays=None):
    holidays = _dates("ZONEWORK_HOLIDAYS") if holidays is None else holidays
    workdays = _dates("ZONEWORK_WORKDAYS") if workdays is None else workdays
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def _weekdays_through(ordinal):
    """Monday–Friday days among ordinals 1..ordinal (ordinal 1, 0001-01-01, is a Monday)."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (0 when end <= start).

    In closed form: weekdays by arithmetic, then the holidays and 调休 days inside the range by
    bisection, so a page counting for hundreds of open requests does not walk their days one by one."""
    if end <= start:
        return 0
    off, on = _settings_calendar()
    a, b = start.toordinal(), end.toordinal()
    weekdays = _weekdays_through(b) - _weekdays_through(a)
    return (weekdays - (bisect.bisect_right(off, b) - bisect.bisect_right(off, a))
            + (bisect.bisect_right(on, b) - bisect.bisect_right(on, a)))


def _nth_weekday_after(ordinal, n):
    """The ordinal of the n-th Monday–Friday day after `ordinal` (n >= 1): the inverse of the count."""
    weeks, rest = divmod(_weekdays_through(ordinal) + n, 5)
    return weeks * 7 - 2 if rest == 0 else weeks * 7 + rest


def add_working_days(day, n):
    """The n-th working day after `day` (n = 0: `day` itself).

    Weekdays by arithmetic, moved on by the holidays that fall inside (usually one step); 调休 days can
    only bring the date earlier, and only when one lies in the range is the count bisected."""
    if n <= 0:
        return day
    off, on = _settings_calendar()
    a = day.toordinal()
    x = _nth_weekday_after(a, n)
    while True:
        missing = n - (_weekdays_through(x) - _weekdays_through(a)
                       - (bisect.bisect_right(off, x) - bisect.bisect_right(off, a)))
        if missing <= 0:
            break
        x = _nth_weekday_after(x, missing)
    if bisect.bisect_right(on, x) == bisect.bisect_right(on, a):
        return datetime.date.fromordinal(x)
    lo, hi = a + 1, x
    while lo < hi:
        mid = (lo + hi) // 2
        if working_days_between(day, datetime.date.fromordinal(mid)) >= n:
            hi = mid
        else:
            lo = mid + 1
    return datetime.date.fromordinal(lo)


def limits_for(category, is_complex=False):
    """{"start": n, "reply": n, "resolve": n} in working days for a category."""
    merged = {**settings.ZONEWORK_REQUEST_DEFAULT_LIMITS, **settings.ZONEWORK_REQUEST_LIMITS.get(category or "", {})}
    return {"start": merged["start"], "reply": merged["reply"],
            "resolve": merged["resolve_complex"] if is_complex else merged["resolve"]}


def due_dates(clock_date, category, is_complex=False):
    return {step: add_working_days(clock_date, n) for step, n in limits_for(category, is_complex).items()}


def light(clock_date, done, today, category="", is_complex=False, closed=False):
    """The light and a Chinese note. `done` maps step -> the date it was done (or None)."""
    due = due_dates(clock_date, category, is_complex)
    if closed:
        late = [s for s in STEPS if done.get(s) and done[s] > due[s]]
        if late:
            return "yellow", "逾期办结（" + "、".join(STEP_LABELS[s] for s in late) + "超时）"
        return "green", "按时办结"
    overdue = [s for s in STEPS if not done.get(s) and today > due[s]]
    if overdue:
        step = overdue[0]
        days = working_days_between(due[step], today)
        return "red", f"{STEP_LABELS[step]}已超期{max(days, 1)}个工作日（时限{due[step]}）"
    pending = [s for s in STEPS if not done.get(s)]
    if pending:
        step = pending[0]
        if today > clock_date and due[step] <= add_working_days(today, 1):
            return "yellow", f"{STEP_LABELS[step]}即将到期（时限{due[step]}）"
        return "green", f"{STEP_LABELS[step]}时限{due[step]}"
    return "green", "按时办理"
