"""One reading of typed numbers and dates: what staff type in a cell is read the same on every page."""

import datetime
from decimal import Decimal

import pytest

from zonework.core.numbers import NotADate, NotANumber, as_decimal, decimal_text, parse_date, parse_decimal


@pytest.mark.parametrize(("raw", "expected"), [
    (None, None), ("", None), ("  ", None), ("-", None), ("—", None), ("无", None), ("/", None),
    (1234, Decimal("1234")), (12.5, Decimal("12.5")), (Decimal("3.10"), Decimal("3.10")),
    ("1,234.5", Decimal("1234.5")), ("1，234.5", Decimal("1234.5")), ("１２３４．５", Decimal("1234.5")),
    (" 8.5% ", Decimal("8.5")), ("８．５％", Decimal("8.5")), ("-3.2", Decimal("-3.2")),
    ("1 200", Decimal("1200")), ("0", Decimal("0")),
])
def test_typed_numbers_are_read_alike(raw, expected):
    assert parse_decimal(raw) == expected


@pytest.mark.parametrize(("raw", "message"), [
    ("abc", "本月值“abc”不是数字。"), ("12元", "本月值“12元”不是数字。"), ("NaN", "本月值“NaN”不是数字。"),
    ("inf", "本月值“inf”不是数字。"), (True, "本月值“True”不是数字。"), ("1.2.3", "本月值“1.2.3”不是数字。"),
    (float("nan"), "本月值“nan”不是数字。"), ("1e999", "本月值“1e999”超出可以记录的范围。"),
])
def test_text_that_is_not_a_number_is_refused_in_chinese(raw, message):
    with pytest.raises(NotANumber) as err:
        parse_decimal(raw, "本月值")
    assert str(err.value) == message


def test_computations_get_none_for_unreadable_values():
    assert as_decimal("不详") is None
    assert as_decimal("12") == Decimal("12")
    assert decimal_text("1,200.00") == "1200"
    assert decimal_text(" ") is None


@pytest.mark.parametrize(("raw", "expected"), [
    ("2026-03-31", datetime.date(2026, 3, 31)), ("2026/3/1", datetime.date(2026, 3, 1)),
    ("2026.12.31", datetime.date(2026, 12, 31)), ("2028年2月29日", datetime.date(2028, 2, 29)),
    ("20270101", datetime.date(2027, 1, 1)), ("２０２６－０５－０１", datetime.date(2026, 5, 1)),
    (datetime.datetime(2026, 6, 30, 15, 0), datetime.date(2026, 6, 30)), ("", None), (None, None),
    ("2026-06-30 00:00:00", datetime.date(2026, 6, 30)),
])
def test_typed_dates_are_read_alike(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(("raw", "fragment"), [
    ("2027-02-29", "该日不存在"), ("2026-13-01", "该日不存在"), ("明年", "请写作2026-03-31"), ("31/12/2026", "请写作"),
])
def test_impossible_dates_are_refused_in_chinese(raw, fragment):
    with pytest.raises(NotADate) as err:
        parse_date(raw, "截止日期")
    assert str(err.value).startswith("截止日期“") and fragment in str(err.value)
