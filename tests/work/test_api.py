"""The work API obeys the same data scope and calls the same actions as the pages."""

from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry
from zonework.work.choices import TaskStatus
from zonework.work.models import ProgressReport


def test_unit_user_lists_only_tasks_that_name_their_unit(api_client, unit_user, tasks):
    api_client.force_authenticate(unit_user)
    data = api_client.get("/api/work/tasks/").json()
    titles = {t["title"] for t in data["results"]}
    assert titles == {"着力打造世界知名车都", "加快培育集聚创新主体和载体"}
    assert all(t["light"] in ("green", "yellow", "red") for t in data["results"])
    assert api_client.get(f"/api/work/tasks/{tasks['t_other'].pk}/").status_code == 404


def test_workflow_through_the_api(api_client, unit_user, supervisor, tasks):
    task = tasks["t_invest"]
    api_client.force_authenticate(unit_user)
    assert api_client.post(f"/api/work/tasks/{task.pk}/accept/").json()["status"] == "accepted"
    response = api_client.post(f"/api/work/tasks/{task.pk}/report/", {"text": "进展", "progress": "60"})
    assert response.status_code == 201 and response.json()["progress"] == "60.00"
    assert api_client.post(f"/api/work/tasks/{task.pk}/request-completion/", {"note": "完成"}).status_code == 200
    assert api_client.post(f"/api/work/tasks/{task.pk}/approve/").status_code == 403
    api_client.force_authenticate(supervisor)
    response = api_client.post(f"/api/work/tasks/{task.pk}/return/", {"reason": ""})
    assert response.status_code == 400 and "退回须写明理由" in str(response.json())
    response = api_client.post(f"/api/work/tasks/{task.pk}/return/", {"reason": "请补充材料"})
    assert response.json()["status"] == TaskStatus.IN_PROGRESS
    timeline = api_client.get(f"/api/work/tasks/{task.pk}/timeline/").json()
    assert [t["event"] for t in timeline][-1] == "returned"


def test_progress_over_100_through_the_reports_endpoint(api_client, unit_user, tasks):
    api_client.force_authenticate(unit_user)
    response = api_client.post("/api/work/reports/", {"task": tasks["t_invest"].pk, "text": "超额", "progress": "120"})
    assert response.status_code == 400 and "0到100之间" in str(response.json())
    assert not ProgressReport.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.REFUSED, event="work.report_progress").exists()


def test_report_on_a_task_of_another_unit_is_not_found(api_client, unit_user, tasks):
    api_client.force_authenticate(unit_user)
    response = api_client.post(f"/api/work/tasks/{tasks['t_other'].pk}/report/", {"text": "x", "progress": 1})
    assert response.status_code == 404


def test_support_unit_sees_the_leads_reports(api_client, unit_user, econ_user, tasks):
    from zonework.work import actions

    actions.report_progress(tasks["t_invest"], {"text": "招商进展", "progress": 30}, acting_user=unit_user)
    api_client.force_authenticate(econ_user)
    texts = [r["text"] for r in api_client.get("/api/work/reports/").json()["results"]]
    assert texts == ["招商进展"]


def test_plans_and_assessments(api_client, supervisor, unit_user, zone, tasks):
    api_client.force_authenticate(supervisor)
    plans = api_client.get("/api/work/plans/").json()["results"]
    assert len(plans) == 1
    response = api_client.post("/api/work/assessments/", {"zone": zone.pk, "year": plans[0]["year"]})
    assert response.status_code == 201, response.json()
    assert {r["unit"] for r in response.json()["results"]} >= {"招商局", "经信局"}
    api_client.force_authenticate(unit_user)
    assert api_client.post("/api/work/plans/", {"zone": zone.pk, "title": "x", "year": plans[0]["year"]}).status_code == 403


def test_supervisor_edits_a_draft_task_and_a_unit_user_cannot(api_client, supervisor, unit_user, plan, units):
    from tests.work.factories import TaskFactory

    task = TaskFactory(plan=plan, lead_unit=units["invest"])
    api_client.force_authenticate(supervisor)
    response = api_client.patch(f"/api/work/tasks/{task.pk}/", {"leader": "王主任"}, format="json")
    assert response.status_code == 200 and response.json()["leader"] == "王主任"
    api_client.force_authenticate(unit_user)
    assert api_client.patch(f"/api/work/tasks/{task.pk}/", {"leader": "x"}, format="json").status_code == 403


def test_openapi_schema_lists_the_workflow_endpoints(api_client, supervisor):
    api_client.force_authenticate(supervisor)
    response = api_client.get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/work/tasks/{id}/request-completion/" in text and "/api/work/tasks/{id}/return/" in text
