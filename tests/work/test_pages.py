"""The work pages as each role sees them: board, unit page, task page, statistics."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry
from zonework.work import actions
from zonework.work.choices import TaskStatus
from zonework.work.models import ProgressReport, Task


def test_unit_user_sees_exactly_the_tasks_that_name_their_unit(login, unit_user, tasks):
    page = login(unit_user).get("/work/").content.decode()
    assert "着力打造世界知名车都" in page  # lead
    assert "加快培育集聚创新主体和载体" in page  # support
    assert "深化重点领域改革" not in page


def test_unit_user_cannot_open_a_task_of_another_unit(login, unit_user, tasks):
    assert login(unit_user).get(f"/work/tasks/{tasks['t_other'].pk}/").status_code == 404


def test_anonymous_is_sent_to_login_and_auditor_is_refused(client, login, auditor, tasks):
    assert client.get("/work/").status_code == 302
    assert login(auditor).get("/work/").status_code == 403


def test_board_filters_by_unit_light_and_leader(login, supervisor, tasks, units):
    Task.objects.filter(pk=tasks["t_econ"].pk).update(leader="王主任")
    client = login(supervisor)
    page = client.get(f"/work/?plan={tasks['t_invest'].plan_id}&unit={units['office'].pk}").content.decode()
    assert "深化重点领域改革" in page and "着力打造世界知名车都" not in page
    page = client.get(f"/work/?plan={tasks['t_invest'].plan_id}&leader=王主任").content.decode()
    assert "加快培育集聚创新主体和载体" in page and "深化重点领域改革" not in page
    page = client.get(f"/work/?plan={tasks['t_invest'].plan_id}&light=red").content.decode()
    assert "没有符合条件的任务" in page
    assert "灯色规则" in page and "红灯：超过完成时限仍未办结" in page


def test_unit_page_lists_tasks_and_takes_a_report(login, unit_user, tasks):
    client = login(unit_user)
    page = client.get("/work/unit/").content.decode()
    assert "招商局的任务" in page and "牵头 1 · 配合 1" in page and "填报进度" in page
    response = client.post("/work/unit/", {"task": tasks["t_invest"].pk, "text": "签约项目3个", "progress": "35"})
    assert response.status_code == 302
    task = Task.objects.get(pk=tasks["t_invest"].pk)
    assert task.progress == 35 and task.status == TaskStatus.IN_PROGRESS


def test_unit_page_shows_a_bad_progress_in_chinese_and_saves_nothing(login, unit_user, tasks):
    client = login(unit_user)
    page = client.post("/work/unit/", {"task": tasks["t_invest"].pk, "text": "超额", "progress": "120"})
    assert "完成进度应在0到100之间" in page.content.decode()
    assert not ProgressReport.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.REFUSED, event="work.report_progress").exists()


def test_task_page_buttons_follow_the_role(login, client, unit_user, supervisor, tasks):
    task = tasks["t_invest"]
    page = login(unit_user).get(f"/work/tasks/{task.pk}/").content.decode()
    assert "签收" in page and "提交反馈" in page and "退回" not in page
    client.post(f"/work/tasks/{task.pk}/report/", {"text": "完成", "progress": "100"})
    client.post(f"/work/tasks/{task.pk}/request_completion/", {"reason": "请审核"})
    client.logout()
    page = login(supervisor).get(f"/work/tasks/{task.pk}/").content.decode()
    assert "审核办结申请" in page and "申请办结" in page and "进度反馈" in page  # timeline
    response = client.post(f"/work/tasks/{task.pk}/return/", {"reason": "材料不全"}, follow=True)
    assert "已退回" in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.returned_count == 1


def test_refused_button_shows_the_reason(login, unit_user, tasks):
    client = login(unit_user)
    response = client.post(f"/work/tasks/{tasks['t_invest'].pk}/approve/", follow=True)
    assert "只有督查室（督查员）可以审核办结" in response.content.decode()


def test_statistics_page_has_honour_lists(login, supervisor, unit_user, tasks):
    actions.report_progress(tasks["t_invest"], {"text": "完成", "progress": 100}, acting_user=unit_user)
    actions.request_completion(tasks["t_invest"], acting_user=unit_user)
    actions.approve_completion(tasks["t_invest"], acting_user=supervisor)
    page = login(supervisor).get("/work/statistics/").content.decode()
    assert "红榜" in page and "黑榜" in page and "招商局" in page


def _export(client, plan):
    response = client.get(f"/work/?plan={plan.pk}&export=xlsx")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_export_is_the_import_layout_and_a_row_with_id_updates(login, supervisor, tasks):
    plan = tasks["t_invest"].plan
    client = login(supervisor)
    wb = _export(client, plan)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[:10] == ["ID", "序号", "上级序号", "任务名称", "任务内容", "牵头单位", "配合单位", "责任领导", "开始日期", "完成时限"]
    assert ws.max_row == 4
    ws.cell(row=2, column=4).value = "着力打造世界知名车都（修订）"
    ws.append([None, "4", "1", "新增子任务", "", "经济和信息化局", "招商局", "陈副主任", None, f"{plan.year}-12-31", "每月", 25, 2])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "tasks.xlsx"
    response = client.post(f"/work/plans/{plan.pk}/import/", {"file": buf}, follow=True)
    assert "导入完成：新增1项，更新3项" in response.content.decode()
    assert Task.objects.filter(title="着力打造世界知名车都（修订）").exists()
    child = Task.objects.get(title="新增子任务")
    assert child.lead_unit.name == "经信局" and child.parent.number == "1"


def test_import_with_bad_rows_saves_nothing_and_names_the_rows(login, supervisor, plan, units):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "任务名称", "牵头单位", "完成时限", "配合单位"])
    ws.append(["1", "好的一行", "招商局", f"{plan.year}-12-31", ""])
    ws.append(["2", "", "不存在局", "2026-13-40", "经信局、火星局"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "bad.xlsx"
    response = login(supervisor).post(f"/work/plans/{plan.pk}/import/", {"file": buf}, follow=True)
    page = response.content.decode()
    assert "导入失败，未保存任何数据" in page
    assert "第3行" in page and "任务名称不能为空" in page and "不存在局" in page and "火星局" in page
    assert not Task.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.REFUSED, event="work.import_tasks").exists()


def test_import_rejects_a_file_that_is_not_excel(login, supervisor, plan):
    buf = io.BytesIO(b"not excel")
    buf.name = "x.xlsx"
    page = login(supervisor).post(f"/work/plans/{plan.pk}/import/", {"file": buf}, follow=True).content.decode()
    assert "不是有效的Excel" in page


@pytest.mark.parametrize("url", ["/work/plans/", "/work/plans/add/", "/work/assessments/", "/work/assessments/add/",
                                 "/work/statistics/", "/work/unit/", "/work/tasks/add/"])
def test_supervisor_pages_open(login, supervisor, tasks, url):
    assert login(supervisor).get(url).status_code == 200


def test_supervisor_adds_a_task_through_the_form(login, supervisor, plan, units):
    client = login(supervisor)
    response = client.post(f"/work/tasks/add/?plan={plan.pk}", {
        "plan": plan.pk, "title": "新登记外资企业", "lead_unit": units["invest"].pk, "deadline": str(plan.end_date),
        "report_cycle": "monthly", "report_day": 25, "position": 1})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Task.objects.get(title="新登记外资企业").status == TaskStatus.DRAFT


def test_home_page_has_a_work_card(login, unit_user, tasks):
    page = login(unit_user).get("/").content.decode()
    assert "督查督办" in page and "在办任务2项" in page


def test_unit_user_cannot_open_the_task_edit_form(login, unit_user, tasks):
    assert login(unit_user).get(f"/work/tasks/{tasks['t_invest'].pk}/edit/").status_code == 403


def test_a_refused_report_keeps_what_was_typed_and_says_it_once(login, unit_user, tasks):
    task = tasks["t_invest"]
    client = login(unit_user)
    typed = "完成整车项目土地报批，正在办理施工许可"
    response = client.post(f"/work/tasks/{task.pk}/report/", {"text": typed, "progress": "120"})
    page = response.content.decode()
    assert response.status_code == 400
    assert f">{typed}</textarea>" in page and 'name="progress" step="1" class="form-control mb-2" value="120"' in page
    assert page.count("完成进度应在0到100之间") == 1
    assert not ProgressReport.objects.filter(task=task).exists()
    # Corrected and sent again, it is saved.
    client.post(f"/work/tasks/{task.pk}/report/", {"text": typed, "progress": "60"})
    assert ProgressReport.objects.get(task=task).text == typed


def test_a_refused_extension_keeps_its_reason(login, unit_user, tasks):
    task = tasks["t_invest"]
    response = login(unit_user).post(f"/work/tasks/{task.pk}/extension/",
                                     {"new_deadline": "不是日期", "reason": "等待省厅批复"})
    page = response.content.decode()
    assert response.status_code == 400 and ">等待省厅批复</textarea>" in page
