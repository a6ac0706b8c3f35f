"""A small office on SQLite: ten people report progress at the same moment and nobody gets an error.

Before WAL + IMMEDIATE transactions, 114 of 533 such requests failed at once with "database is
locked" (issue 12). The live server answers each request on its own thread with its own connection
to the test database file, as a deployed site does.
"""

import json
import threading
import urllib.error
import urllib.request

import pytest
from django.db import connection
from django.test import Client

from tests.factories import role_user
from tests.work.factories import PlanFactory, TaskFactory
from zonework.core import clock
from zonework.work import actions
from zonework.work.models import ProgressReport

USERS = 10
REPORTS_EACH = 6
CSRF = "a" * 32


@pytest.fixture
def desks(transactional_db, units, supervisor):
    """Ten users of 招商局, each with a task of their own to report on, and their session cookie."""
    today = clock.today()
    plan = PlanFactory(zone=units["invest"].zone, title="年度工作要点", year=today.year,
                       start_date=today.replace(day=1), end_date=today.replace(day=28).replace(year=today.year + 1))
    out = []
    for i in range(USERS):
        user = role_user("unit_user", units["invest"], username=f"zhaoshang{i}")
        task = TaskFactory(plan=plan, number=str(i + 1), position=i + 1, title=f"任务{i + 1}",
                           lead_unit=units["invest"], deadline=plan.end_date)
        actions.assign_task(task, acting_user=supervisor)
        client = Client()
        client.force_login(user)
        out.append((task, client.cookies["sessionid"].value))
    return out


def _post(url, session, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/json", "X-CSRFToken": CSRF,
        "Cookie": f"sessionid={session}; csrftoken={CSRF}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()[:300]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite settings are what is tested")
def test_ten_users_reporting_at_once_all_succeed(live_server, desks):
    assert connection.settings_dict["NAME"] != ":memory:" and "mode=memory" not in str(connection.settings_dict["NAME"])
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    results, start = [], threading.Barrier(USERS)

    def desk(task, session):
        start.wait()
        for n in range(1, REPORTS_EACH + 1):
            results.append(_post(f"{live_server.url}/api/work/tasks/{task.pk}/report/", session,
                                 {"text": f"第{n}次反馈", "progress": str(n * 10)}))

    threads = [threading.Thread(target=desk, args=d) for d in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    failures = [r for r in results if r[0] != 201]
    assert failures == [] and len(results) == USERS * REPORTS_EACH
    assert ProgressReport.objects.count() == USERS * REPORTS_EACH
    assert sorted(t.progress for t in (task.__class__.objects.get(pk=task.pk) for task, _s in desks)) == \
        [REPORTS_EACH * 10] * USERS
