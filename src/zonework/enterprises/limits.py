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

import datetime

from django.conf import settings

from zonework.core import clock

STEPS = ("start", "reply", "resolve")
STEP_LABELS = {"start": "交办", "reply": "答复", "resolve": "办结"}


def today():
    """The date lights are computed for (one place, so a test can move the clock)."""
    return clock.today()


def _dates(name):
    return {datetime.date.fromisoformat(str(d)) if not isinstance(d, datetime.date) else d
            for d in getattr(settings, name)}


def is_working_day(day, holidays=None, workdays=None):
    holidays = _dates("ZONEWORK_HOLIDAYS") if holidays is None else holidays
    workdays = _dates("ZONEWORK_WORKDAYS") if workdays is None else workdays
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def add_working_days(day, n):
    """The n-th working day after `day` (n = 0: `day` itself)."""
    holidays, workdays = _dates("ZONEWORK_HOLIDAYS"), _dates("ZONEWORK_WORKDAYS")
    while n > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays, workdays):
            n -= 1
    return day


def working_days_between(start, end):
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    holidays, workdays = _dates("ZONEWORK_HOLIDAYS"), _dates("ZONEWORK_WORKDAYS")
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays, workdays):
            count += 1
    return count


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
