"""待办: each role's items appear when their condition starts and disappear when it ends, on the page,
in the header's bell and in the API."""

import datetime

import pytest

from tests.work.conftest import TODAY
from zonework.core.todos import todos_for
from zonework.work import actions
from zonework.work.choices import ReportCycle
from zonework.work.models import Task


def kinds(user, zone=None):
    return {(item.kind, item.title) for item in todos_for(user, zone)}


def test_the_unit_signs_reports_and_the_supervisor_approves(tasks, unit_user, supervisor, login):
    task = tasks["t_invest"]
    assert ("work.accept", str(task)) in kinds(unit_user)
    assert ("work.accept", str(tasks["t_econ"])) not in kinds(unit_user)  # 经信局 leads it, 招商局 only supports

    actions.accept_task(task, acting_user=unit_user)
    assert ("work.accept", str(task)) not in kinds(unit_user)

    actions.request_completion(task, acting_user=unit_user, note="已完成")
    assert ("work.approve_completion", str(task)) in kinds(supervisor)
    assert ("work.approve_completion", str(task)) not in kinds(unit_user)

    actions.return_task(task, acting_user=supervisor, reason="材料不全")
    assert ("work.approve_completion", str(task)) not in kinds(supervisor)
    assert ("work.returned", str(task)) in kinds(unit_user)

    actions.report_progress(task, {"text": "已补充材料", "progress": 90}, acting_user=unit_user)
    assert ("work.returned", str(task)) not in kinds(unit_user)

    actions.request_completion(task, acting_user=unit_user, note="已补充")
    actions.approve_completion(task, acting_user=supervisor, quality_score=90)
    assert not {k for k in kinds(supervisor) | kinds(unit_user) if k[1] == str(task)}


def test_a_reminder_stands_until_the_unit_reports(tasks, unit_user, supervisor):
    task = tasks["t_invest"]
    actions.accept_task(task, acting_user=unit_user)
    actions.remind_task(task, acting_user=supervisor)
    assert ("work.reminded", str(task)) in kinds(unit_user)
    actions.report_progress(task, {"text": "按催办要求推进", "progress": 30}, acting_user=unit_user)
    assert ("work.reminded", str(task)) not in kinds(unit_user)


def test_a_weekly_report_is_due_until_it_is_made(tasks, unit_user, supervisor):
    task = tasks["t_invest"]
    actions.update_task(task, {"report_cycle": ReportCycle.WEEKLY, "report_day": 5}, acting_user=supervisor)
    actions.accept_task(task, acting_user=unit_user)
    due = {i.kind: i for i in todos_for(unit_user) if i.title == str(task)}
    assert "work.report_due" in due
    assert TODAY <= due["work.report_due"].due <= TODAY + datetime.timedelta(days=7)
    actions.report_progress(task, {"text": "本周推进", "progress": 20}, acting_user=unit_user)
    assert ("work.report_due", str(task)) not in kinds(unit_user)


def test_an_overdue_task_is_red_for_the_supervisor_and_the_leader(tasks, supervisor, leader, unit_user, plan):
    task = tasks["t_other"]
    past = max(TODAY - datetime.timedelta(days=5), plan.start_date)
    Task.objects.filter(pk=task.pk).update(deadline=past)  # test setup: a deadline that has passed
    if past >= TODAY:
        pytest.skip("the plan started today; no deadline can have passed")
    assert ("work.red_task", str(task)) in kinds(supervisor)
    # The leader sees it as waiting for a 批示 (it names no leader, so every leader of the zone is responsible).
    assert ("work.awaiting_instruction", str(task)) in kinds(leader)
    assert ("work.red_task", str(task)) not in kinds(unit_user)  # 招商局's user is not told of 党政办's task


def test_an_extension_request_waits_for_the_supervisor(tasks, unit_user, supervisor):
    task = tasks["t_invest"]
    actions.request_extension(task, acting_user=unit_user, new_deadline=task.deadline + datetime.timedelta(days=30),
                              reason="征地手续未完成")
    assert ("work.decide_extension", str(task)) in kinds(supervisor)
    extension = task.extensions.get()
    actions.decide_extension(extension, acting_user=supervisor, approve=True)
    assert ("work.decide_extension", str(task)) not in kinds(supervisor)


def test_the_page_the_bell_and_the_api_show_the_same_items(tasks, unit_user, login, api_client):
    client = login(unit_user)
    page = client.get("/todos/").content.decode()
    assert "签收任务" in page and str(tasks["t_invest"]) in page
    assert f'href="/work/tasks/{tasks["t_invest"].pk}/"' in page
    count = len(todos_for(unit_user))
    assert f'id="todo-count">{count}<' in client.get("/").content.decode()

    api_client.force_authenticate(unit_user)
    data = api_client.get("/api/todos/").json()
    assert data["count"] == count
    accept = next(r for r in data["results"] if r["kind"] == "work.accept")
    assert accept["link"] == f"/work/tasks/{tasks['t_invest'].pk}/" and accept["title"] == str(tasks["t_invest"])
    assert accept["due"] == tasks["t_invest"].deadline.isoformat() and accept["light"] == "yellow"

    # Acting on an item changes the bell at once (the cached count is dropped on every audit entry).
    actions.accept_task(tasks["t_invest"], acting_user=unit_user)
    after = len(todos_for(unit_user))
    assert after < count
    home = client.get("/").content.decode()
    assert (f'id="todo-count">{after}<' in home) if after else 'id="todo-count"' not in home
    assert api_client.get("/api/todos/").json()["count"] == after
    done = client.get("/todos/?tab=done").content.decode()
    assert str(tasks["t_invest"]) in done  # 已办: the sign-off just made


def test_the_api_refuses_a_zone_outside_the_callers_scope(tasks, unit_user, other_zone, api_client):
    api_client.force_authenticate(unit_user)
    response = api_client.get(f"/api/todos/?zone={other_zone.pk}")
    assert response.status_code == 404
    assert "不在您的数据范围内" in response.json()["detail"]
