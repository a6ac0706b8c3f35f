"""One clock: the zone's day is the day in Beijing, whatever the server's time zone, and nobody reads
the time around it."""

import ast
import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from zonework.core import clock

SRC = Path(__file__).resolve().parents[2] / "src" / "zonework"
UTC = datetime.UTC

# Calls that read the machine's clock without the zone's time zone, or around the one clock.
FORBIDDEN = {
    ("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"),
    ("timezone", "now"), ("timezone", "localdate"), ("timezone", "localtime"), ("time", "localtime"),
}


def direct_clock_calls(tree):
    """Calls and references alike: `default=datetime.date.today` on a field reads the server's day too."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
            if (name, node.attr) in FORBIDDEN:
                yield node.lineno, f"{name}.{node.attr}()"


TESTS = Path(__file__).resolve().parents[1]
# The one clock itself, and the test header that prints the machine's real day beside the frozen one.
EXEMPT = {SRC / "core" / "clock.py", TESTS / "conftest.py"}


@pytest.mark.parametrize("root", [SRC, TESTS], ids=["src", "tests"])
def test_no_code_reads_the_time_around_the_clock(root):
    """Tests too: a test's date.today() is the server's day (UTC), the product's is Beijing's, and
    from 16:00 UTC they differ."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts or path in EXEMPT:
            continue
        for line, call in direct_clock_calls(ast.parse(path.read_text(encoding="utf-8"))):
            found.append(f"{path.relative_to(root.parent)}:{line} {call}")
    assert not found, "use zonework.core.clock instead of:\n" + "\n".join(found)


@pytest.mark.parametrize(("source", "hits"), [
    ("import datetime\nx = datetime.date.today()", ["date.today()"]),
    ("from datetime import date\nx = date.today()", ["date.today()"]),
    ("from django.utils import timezone\nx = timezone.now()", ["timezone.now()"]),
    ("import datetime\nx = datetime.datetime.now(tz=None)", ["datetime.now()"]),
    ("from zonework.core import clock\nx = clock.today(); y = clock.now()", []),
    ("import datetime\nx = datetime.date(2026, 1, 1)", []),
    ("import datetime\nf = models.DateField(default=datetime.date.today)", ["date.today()"]),
])
def test_the_check_finds_direct_calls(source, hits):
    assert [call for _, call in direct_clock_calls(ast.parse(source))] == hits


@pytest.mark.parametrize(("utc", "beijing_day"), [
    (datetime.datetime(2026, 6, 30, 16, 30, tzinfo=UTC), datetime.date(2026, 7, 1)),   # 00:30 in Beijing
    (datetime.datetime(2026, 6, 30, 15, 59, tzinfo=UTC), datetime.date(2026, 6, 30)),  # 23:59 in Beijing
    (datetime.datetime(2026, 12, 31, 16, 0, tzinfo=UTC), datetime.date(2027, 1, 1)),   # New Year at midnight
    (datetime.datetime(2028, 2, 28, 16, 0, tzinfo=UTC), datetime.date(2028, 2, 29)),   # a leap day
])
def test_today_is_the_day_in_beijing(utc, beijing_day):
    with time_machine.travel(utc, tick=False):
        assert clock.today() == beijing_day
        assert clock.localdate(clock.now()) == beijing_day
        assert clock.localtime().utcoffset() == datetime.timedelta(hours=8)


def test_the_time_zone_is_a_setting():
    with time_machine.travel(datetime.datetime(2026, 6, 30, 16, 30, tzinfo=UTC), tick=False), \
            override_settings(TIME_ZONE="Asia/Urumqi"):  # UTC+6: still 30 June at 22:30
        assert clock.zone_info() == ZoneInfo("Asia/Urumqi")
        assert clock.today() == datetime.date(2026, 6, 30)


def test_a_naive_time_is_taken_as_utc():
    assert clock.localtime(datetime.datetime(2026, 6, 30, 16, 30)).date() == datetime.date(2026, 7, 1)


@pytest.mark.parametrize(("year", "month", "on", "ended"), [
    (2026, 11, datetime.date(2026, 12, 1), True),
    (2026, 12, datetime.date(2026, 12, 31), False),   # the last day: December is not over yet
    (2026, 12, datetime.date(2027, 1, 1), True),
    (2027, 1, datetime.date(2026, 12, 31), False),    # next year's January
    (2028, 2, datetime.date(2028, 2, 29), False),
    (2028, 2, datetime.date(2028, 3, 1), True),
])
def test_a_month_has_ended_only_once_the_next_has_begun(year, month, on, ended):
    assert clock.month_has_ended(year, month, on) is ended


def test_month_has_ended_asks_the_clock_by_default():
    with time_machine.travel(datetime.datetime(2026, 12, 31, 16, 30, tzinfo=UTC), tick=False):  # 01-01 in Beijing
        assert clock.month_has_ended(2026, 12) is True
