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
