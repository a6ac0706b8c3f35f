"""Time limits in working days, and the light each request shows (enterprises/limits.py)."""

import datetime

import pytest

from zonework.enterprises import limits

D = datetime.date
MON = D(2025, 6, 2)  # a Monday
FRI = D(2025, 6, 6)


@pytest.mark.parametrize(("start", "n", "expected"), [
    (MON, 0, MON), (MON, 1, D(2025, 6, 3)), (MON, 2, D(2025, 6, 4)), (MON, 10, D(2025, 6, 16)),
    (FRI, 1, D(2025, 6, 9)),            # Friday + 1 working day = Monday
    (D(2025, 6, 7), 1, D(2025, 6, 9)),  # received on a Saturday
    (MON, 25, D(2025, 7, 7)),
])
def test_add_working_days_skips_weekends(start, n, expected):
    assert limits.add_working_days(start, n) == expected


def test_holidays_and_make_up_days_from_settings(settings):
    settings.ZONEWORK_HOLIDAYS = ["2025-06-03"]
    settings.ZONEWORK_WORKDAYS = ["2025-06-07"]
    assert limits.add_working_days(MON, 1) == D(2025, 6, 4)
    assert limits.add_working_days(FRI, 1) == D(2025, 6, 7)


@pytest.mark.parametrize(("category", "complex_", "expected"), [
    ("other", False, {"start": 1, "reply": 2, "resolve": 10}),
    ("other", True, {"start": 1, "reply": 2, "resolve": 25}),
])
def test_default_limits(category, complex_, expected):
    assert limits.limits_for(category, complex_) == expected


def test_category_override(settings):
    settings.ZONEWORK_REQUEST_LIMITS = {"land": {"resolve": 15}}
    assert limits.limits_for("land") == {"start": 1, "reply": 2, "resolve": 15}
    assert limits.limits_for("policy")["resolve"] == 10


# (done steps, today, closed, complex, expected light) for a request received Monday 2 June 2025.
# Due: start Tue 3 June, reply Wed 4 June, resolve Mon 16 June (complex: Mon 7 July).
@pytest.mark.parametrize(("done", "today", "closed", "complex_", "expected"), [
    ({}, MON, False, False, "green"),                                      # received today: not yellow at birth
    ({"start": MON}, MON, False, False, "green"),                          # assigned the same day
    ({}, D(2025, 6, 3), False, False, "yellow"),                           # start due today
    ({}, D(2025, 6, 4), False, False, "red"),                              # not assigned in 1 working day
    ({"start": D(2025, 6, 3)}, D(2025, 6, 4), False, False, "yellow"),      # reply due today
    ({"start": D(2025, 6, 3)}, D(2025, 6, 5), False, False, "red"),         # no reply in 2 working days
    ({"start": MON, "reply": D(2025, 6, 4)}, D(2025, 6, 10), False, False, "green"),
    ({"start": MON, "reply": D(2025, 6, 4)}, D(2025, 6, 13), False, False, "yellow"),  # resolve due Mon
    ({"start": MON, "reply": D(2025, 6, 4)}, D(2025, 6, 17), False, False, "red"),
    ({"start": MON, "reply": D(2025, 6, 4)}, D(2025, 6, 17), False, True, "green"),    # complex: 25 days
    ({"start": MON, "reply": D(2025, 6, 4), "resolve": D(2025, 6, 16)}, D(2025, 8, 1), True, False, "green"),
    ({"start": MON, "reply": D(2025, 6, 4), "resolve": D(2025, 6, 17)}, D(2025, 8, 1), True, False, "yellow"),
])
def test_light(done, today, closed, complex_, expected):
    colour, note = limits.light(MON, done, today, "other", complex_, closed=closed)
    assert colour == expected, note


def test_a_reopened_request_starts_green_on_the_day_it_is_reopened():
    reopened = D(2025, 6, 10)
    assert limits.light(reopened, {}, reopened, "other")[0] == "green"
    assert limits.light(reopened, {}, D(2025, 6, 11), "other")[0] == "yellow"  # 交办 due that day


def test_red_note_says_how_late():
    colour, note = limits.light(MON, {}, D(2025, 6, 6), "other")
    assert colour == "red" and note == "交办已超期3个工作日（时限2025-06-03）"


def _walk_count(start, end, holidays, workdays):
    """The definition, one day at a time: what the closed form must agree with."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if limits.is_working_day(day, holidays, workdays):
            count += 1
    return count


def test_closed_form_counts_agree_with_walking_the_calendar(settings):
    """A 国务院 holiday calendar (a week off at 国庆 with two 调休 Saturdays, a holiday on a Sunday) and
    random ranges across a year end: the due dates and counts users see are those of the day-by-day rule."""
    import random

    holidays = ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08",
                "2025-12-28", "2026-01-01", "2026-01-02"]
    workdays = ["2025-09-28", "2025-10-11", "2026-01-04"]
    settings.ZONEWORK_HOLIDAYS, settings.ZONEWORK_WORKDAYS = holidays, workdays
    off = {datetime.date.fromisoformat(d) for d in holidays}
    on = {datetime.date.fromisoformat(d) for d in workdays}
    rng = random.Random(7)
    base = datetime.date(2025, 9, 1)
    for _ in range(400):
        start = base + datetime.timedelta(days=rng.randint(0, 160))
        end = start + datetime.timedelta(days=rng.randint(-3, 60))
        assert limits.working_days_between(start, end) == _walk_count(start, end, off, on), (start, end)
        n = rng.randint(0, 30)
        due = limits.add_working_days(start, n)
        walked, day = n, start
        while walked > 0:
            day += datetime.timedelta(days=1)
            if limits.is_working_day(day, off, on):
                walked -= 1
        assert due == day, (start, n)
    # 9-30 (Tue) + 1 working day skips the whole 国庆 week to 10-09 (Thu).
    assert limits.add_working_days(datetime.date(2025, 9, 30), 1) == datetime.date(2025, 10, 9)
    assert limits.add_working_days(datetime.date(2025, 10, 10), 1) == datetime.date(2025, 10, 11)  # 调休 Saturday


def test_a_changed_holiday_setting_is_seen_at_once(settings):
    friday = datetime.date(2025, 6, 6)
    settings.ZONEWORK_HOLIDAYS = []
    assert limits.add_working_days(friday, 1) == datetime.date(2025, 6, 9)
    settings.ZONEWORK_HOLIDAYS = ["2025-06-09"]
    assert limits.add_working_days(friday, 1) == datetime.date(2025, 6, 10)
