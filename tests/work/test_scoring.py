"""The assessment (scoring.py): the ranking, the detail behind each score, and scheme changes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.work.conftest import TODAY
from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry
from zonework.work import actions
from zonework.work.models import Task
from zonework.work.remind import send_reminders


def _finish(task, user, supervisor, quality=None):
    actions.report_progress(task, {"text": "完成", "progress": 100}, acting_user=user)
    actions.request_completion(task, acting_user=user)
    actions.approve_completion(task, acting_user=supervisor, quality_score=quality)


@pytest.fixture
def scored(tasks, unit_user, econ_user, supervisor, zone):
    _finish(tasks["t_invest"], unit_user, supervisor, quality=90)  # 招商局: on time, rated 90
    Task.objects.filter(pk=tasks["t_econ"].pk).update(deadline=TODAY - datetime.timedelta(days=1))
    send_reminders(TODAY)  # 经信局's overdue task: a red warning
    return actions.create_assessment({"zone": zone, "year": tasks["t_invest"].plan.year}, acting_user=supervisor)


def test_units_are_ranked_with_the_detail_behind_each_score(scored):
    rows = {r["unit"]: r for r in scored.results}
    invest, econ = rows["招商局"], rows["经信局"]
    assert invest["parts"] == {"on_time": "50.0", "punctuality": "20.0", "quality": "18.0", "warnings": "10.0"}
    assert invest["total"] == "98.0" and invest["rank"] == 1
    assert econ["parts"]["on_time"] == "0.0" and econ["parts"]["warnings"] == "8.0"
    assert econ["counts"]["overdue"] == 1 and econ["counts"]["red"] >= 1
    assert econ["rank"] > invest["rank"]
    assert any("逾期未办结1项" in line for line in econ["detail"])


def test_changing_the_scheme_recomputes_and_is_audited(scored, supervisor):
    actions.update_assessment(scored, {"on_time_points": Decimal(60), "warning_points": Decimal(0)},
                              acting_user=supervisor)
    rows = {r["unit"]: r for r in scored.results}
    assert rows["招商局"]["parts"]["on_time"] == "60.0"
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(scored.pk),
                                      content_type__model="assessment").latest("time")
    assert entry.user == supervisor and {c["field"] for c in entry.changes} >= {"on_time_points", "warning_points"}


def test_late_completion_earns_partial_credit(tasks, unit_user, supervisor, zone):
    task = tasks["t_invest"]
    Task.objects.filter(pk=task.pk).update(deadline=TODAY - datetime.timedelta(days=3))
    task.refresh_from_db()
    _finish(task, unit_user, supervisor)
    a = actions.create_assessment({"zone": zone, "year": task.plan.year}, acting_user=supervisor)
    row = next(r for r in a.results if r["unit"] == "招商局")
    assert row["parts"]["on_time"] == "25.0"  # 50 × 0.5
    assert row["parts"]["quality"] == "16.0"  # unrated counts 80


def test_a_negative_weight_is_refused(zone, supervisor, tasks):
    with pytest.raises(ValidationError, match="分值不能为负数"):
        actions.create_assessment({"zone": zone, "year": 2026, "on_time_points": Decimal(-1)}, acting_user=supervisor)


def test_assessment_page_and_export(login, supervisor, scored):
    client = login(supervisor)
    page = client.get(f"/work/assessments/{scored.pk}/").content.decode()
    assert "招商局" in page and "评分依据" in page and "按时办结：" in page
    response = client.get(f"/work/assessments/{scored.pk}/?export=xlsx")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
