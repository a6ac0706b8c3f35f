"""Shared fixtures: one zone with a small unit tree, and a user per built-in role.

    zone ── 党政办公室 ── 督查室
         ├─ 招商局 ── 招商一科
         └─ 经信局
    other_zone ── 招商局
"""

import datetime
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import PASSWORD, UnitFactory, ZoneFactory, role_user

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ZONEWORK_SHARED", REPO.parent / "shared"))
ARTIFACTS = REPO / "test-artifacts"

# ZONEWORK_TEST_TODAY=YYYY-MM-DD runs the whole suite as if it were 10:00 Beijing time on that day, so
# CI can try the days that break date logic (12-31, 01-01, 02-29, December) without waiting for them.
# The clock ticks on from there: timeouts, lockout windows and progress timings still see time pass.
TEST_TODAY_VAR = "ZONEWORK_TEST_TODAY"
_session_clock = None


def frozen_test_today():
    """The date the run is frozen on (from ZONEWORK_TEST_TODAY), or None for the real clock."""
    text = os.environ.get(TEST_TODAY_VAR, "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise pytest.UsageError(f"{TEST_TODAY_VAR}={text!r} is not a date in the form YYYY-MM-DD") from None


def _freeze_session_clock():
    global _session_clock
    day = frozen_test_today()
    if day is not None and _session_clock is None:
        start = datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai"))
        _session_clock = time_machine.travel(start, tick=True)
        _session_clock.start()


# Frozen at import, not in pytest_configure: given a path (`pytest tests/work/...`), pytest imports the
# conftests along it before configure, and their module-level `clock.today()` must see the frozen day.
_freeze_session_clock()


def pytest_configure(config):
    _freeze_session_clock()


    # The production hasher (PBKDF2, ~1 M iterations) costs a third of a second per user created or
    # logged in, and the suite does that thousands of times: most of its running time. Tests check who
    # may log in, not how hard a hash is to crack, so they use a cheap hasher; the settings stay as shipped.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_unconfigure(config):
    global _session_clock
    if _session_clock is not None:
        _session_clock.stop()
        _session_clock = None


def _today_line():
    day = frozen_test_today()
    if day is None:
        return f"today: {datetime.date.today().isoformat()} (real clock; set {TEST_TODAY_VAR} to freeze)"
    return f"today: {day.isoformat()} 10:00 Asia/Shanghai (frozen by {TEST_TODAY_VAR}, ticking)"


def pytest_report_header(config):
    return _today_line()


def pytest_sessionstart(session):
    # -q (our default addopts) hides the header; a frozen run must still say which day it pretends.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and session.config.get_verbosity() < 0 and frozen_test_today() is not None:
        reporter.write_line(_today_line())


# Test modules whose outcome depends on today's date: CI runs them (`-m dates`) once more with the
# clock frozen on the days that break date logic (see .ci/run). Whole modules, because a fixture's
# "today" reaches every test in them; a single test elsewhere can carry @pytest.mark.dates itself.
DATE_SENSITIVE = (
    "core/test_clock.py", "core/test_login.py", "core/test_cockpit.py", "core/test_messages.py",
    "economy/test_todos.py", "investment/test_todos.py", "enterprises/test_todos.py",
    "reports/test_supervision_notice.py",
    "documents/test_local_time.py", "documents/test_documents.py",
    "economy/test_refusals.py", "economy/test_dashboard.py", "economy/test_statistics.py",
    "economy/test_actions.py", "economy/test_api.py",
    "enterprises/test_limits.py", "enterprises/test_actions.py", "enterprises/test_views.py",
    "enterprises/test_figures.py",
    "investment/test_stall.py", "investment/test_milestones.py", "investment/test_actions.py",
    "investment/test_views.py", "investment/test_demo.py",
    "reports/test_pages.py", "reports/test_command.py", "reports/test_summary.py",
    "work/", "evaluation/", "economy/test_comparison.py", "economy/test_bulk_commit.py", "returns/",
)
def pytest_collection_modifyitems(config, items):
    tests_dir = Path(__file__).resolve().parent
    for item in items:
        relative = Path(str(item.fspath)).resolve().relative_to(tests_dir).as_posix()
        if relative.startswith(DATE_SENSITIVE):
            item.add_marker(pytest.mark.dates)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """The API's rate limits count in the cache, which outlives a test: each test starts at zero.
    Writes are not limited here, as the suite writes faster than any office (tests/core/test_login.py
    sets the shipped rate where the limit itself is tested)."""
    from django.core.cache import cache

    cache.clear()
    settings.ZONEWORK_THROTTLE_RATES = {**settings.ZONEWORK_THROTTLE_RATES, "writes": None}
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _passwords_do_not_age(settings):
    """Tests travel years ahead to try calendars (month ends, leap days); the fixtures' passwords, set
    today, would then be past the 90-day expiry and every page a redirect. Expiry is tested where it is
    the subject (tests/core/test_login_security.py sets the shipped 90 days)."""
    settings.ZONEWORK_PASSWORD_MAX_AGE_DAYS = 0


@pytest.fixture(autouse=True)
def _chinese_after_each_test():
    """A test that switches to English leaves the thread's language active (the test client runs the
    request in this thread); each test starts in the product's default language, as a request does."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def shared_dir():
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return SHARED


@pytest.fixture
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def zone(db):
    return ZoneFactory(name="武汉经济技术开发区", short_name="武汉经开区")


@pytest.fixture
def other_zone(db):
    return ZoneFactory(name="宁波国家高新区", short_name="宁波高新区", province="浙江省", city="宁波市")


@pytest.fixture
def units(zone, other_zone):
    office = UnitFactory(zone=zone, name="党政办公室", kind="office")
    supervision = UnitFactory(zone=zone, name="督查室", kind="office", parent=office)
    invest = UnitFactory(zone=zone, name="招商局", aliases=["投资促进局"])
    invest_sub = UnitFactory(zone=zone, name="招商一科", parent=invest)
    econ = UnitFactory(zone=zone, name="经信局", aliases=["经济和信息化局"])
    far = UnitFactory(zone=other_zone, name="招商局")
    return {"office": office, "supervision": supervision, "invest": invest, "invest_sub": invest_sub,
            "econ": econ, "far": far}


@pytest.fixture
def admin_user(units):
    return role_user("admin", units["office"], username="admin1")


@pytest.fixture
def leader(units):
    return role_user("leader", units["office"], username="leader1")


@pytest.fixture
def supervisor(units):
    return role_user("supervisor", units["supervision"], username="supervisor1")


@pytest.fixture
def unit_user(units):
    return role_user("unit_user", units["invest"], username="zhaoshang1")


@pytest.fixture
def auditor(units):
    return role_user("auditor", units["office"], username="auditor1")


@pytest.fixture
def security_admin(units):
    return role_user("security_admin", units["office"], username="anquan1")


@pytest.fixture
def login(client):
    """login(user) -> the test client, logged in through the real login page."""

    def do(user):
        response = client.post("/login/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, response.content.decode()[:500]
        return client

    return do


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
