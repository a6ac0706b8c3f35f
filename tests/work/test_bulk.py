"""Board bulk actions: 交办 / 催办 / 导出 the ticked rows, after a confirmation naming how many."""

import datetime
import io

from openpyxl import load_workbook

from tests.work.conftest import DEADLINE
from tests.work.factories import TaskFactory
from zonework.core.models import AuditEntry
from zonework.work.choices import ReportCycle, TaskStatus
from zonework.work.models import Reminder, Task


def drafts(plan, units, n=3):
    return [TaskFactory(plan=plan, position=10 + i, number=str(10 + i), title=f"待交办任务{i}",
                        lead_unit=units["invest"], deadline=DEADLINE) for i in range(n)]


def test_assign_shows_the_rows_first_then_sets_deadline_cycle_and_leader(plan, units, supervisor, login):
    a, b, c = drafts(plan, units)
    client = login(supervisor)
    url = f"/work/plans/{plan.pk}/bulk/"
    page = client.post(url, {"action": "assign", "task": [a.pk, b.pk]}).content.decode()
    assert "将交办以下 2 项任务" in page and "待交办任务0" in page and "待交办任务2" not in page
    assert not Task.objects.exclude(status=TaskStatus.DRAFT).filter(pk__in=[a.pk, b.pk]).exists()

    new_deadline = DEADLINE - datetime.timedelta(days=10)
    response = client.post(url, {"action": "assign", "task": [a.pk, b.pk], "confirm": "1",
                                 "deadline": new_deadline.isoformat(), "report_cycle": ReportCycle.WEEKLY,
                                 "report_day": "5", "leader": "刘副主任", "note": "请按周报送"})
    assert response.status_code == 302
    for task in Task.objects.filter(pk__in=[a.pk, b.pk]):
        assert (task.status, task.deadline, task.report_cycle, task.report_day, task.leader) == (
            TaskStatus.ASSIGNED, new_deadline, ReportCycle.WEEKLY, 5, "刘副主任")
    assert Task.objects.get(pk=c.pk).status == TaskStatus.DRAFT
    assigned = AuditEntry.objects.filter(event="task.assigned").values_list("object_id", flat=True)
    assert sorted(assigned) == sorted([str(a.pk), str(b.pk)])


def test_one_assigned_row_refuses_the_whole_batch(plan, units, supervisor, login, tasks):
    (a, *_rest) = drafts(plan, units)
    client = login(supervisor)
    response = client.post(f"/work/plans/{plan.pk}/bulk/", {
        "action": "assign", "task": [a.pk, tasks["t_invest"].pk], "confirm": "1", "leader": "王主任"}, follow=True)
    assert "已交办，不能再次交办" in response.content.decode()
    a.refresh_from_db()
    assert (a.status, a.leader) == (TaskStatus.DRAFT, "")


def test_assign_all_drafts_asks_first(plan, units, supervisor, login):
    drafts(plan, units, 2)
    client = login(supervisor)
    board = client.get(f"/work/?plan={plan.pk}").content.decode()
    assert 'id="assign-all"' in board
    page = client.get(f"/work/plans/{plan.pk}/bulk/?action=assign&all_drafts=1").content.decode()
    assert "将交办以下 2 项任务" in page
    assert not Task.objects.filter(plan=plan).exclude(status=TaskStatus.DRAFT).exists()


def test_remind_twice_reminds_nobody_twice(tasks, plan, supervisor, login):
    client = login(supervisor)
    ids = [tasks["t_invest"].pk, tasks["t_econ"].pk]
    url = f"/work/plans/{plan.pk}/bulk/"
    assert "将催办以下 2 项任务" in client.post(url, {"action": "remind", "task": ids}).content.decode()
    page = client.post(url, {"action": "remind", "task": ids, "confirm": "1", "message": "请本周内反馈"},
                       follow=True).content.decode()
    assert "已催办2项任务" in page
    assert Reminder.objects.filter(kind="manual", task__in=ids).count() == 2
    page = client.post(url, {"action": "remind", "task": ids, "confirm": "1"}, follow=True).content.decode()
    assert "已催办0项任务" in page and "2项今天已催办过" in page
    assert Reminder.objects.filter(kind="manual", task__in=ids).count() == 2


def test_export_selected_gives_only_the_ticked_rows(tasks, plan, leader, login):
    client = login(leader)
    response = client.post(f"/work/plans/{plan.pk}/bulk/", {"action": "export", "task": [tasks["t_econ"].pk]})
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[i].value for row in sheet.iter_rows(min_row=2) for i, c in enumerate(sheet[1])
              if c.value == "任务名称"]
    assert titles == [tasks["t_econ"].title]
    assert AuditEntry.objects.filter(action="export", message__contains="选中任务（1项）").exists()


def test_a_unit_user_cannot_assign_or_remind(tasks, plan, units, unit_user, login):
    (a, *_rest) = drafts(plan, units, 1)
    client = login(unit_user)
    response = client.post(f"/work/plans/{plan.pk}/bulk/", {"action": "remind", "task": [tasks["t_invest"].pk],
                                                            "confirm": "1"})
    assert response.status_code in (403, 404)
    assert not Reminder.objects.filter(kind="manual").exists()


def test_a_leader_reminds_but_does_not_assign(tasks, plan, units, leader, unit_user, login):
    from zonework.core.models import Message

    (draft,) = drafts(plan, units, 1)
    client = login(leader)
    url = f"/work/plans/{plan.pk}/bulk/"
    board = client.get(f"/work/?plan={plan.pk}").content.decode()
    assert 'value="remind"' in board and 'value="assign"' not in board
    page = client.post(url, {"action": "remind", "task": [tasks["t_invest"].pk], "confirm": "1",
                             "message": "领导关注，请加快"}, follow=True).content.decode()
    assert "已催办1项任务" in page
    assert Message.objects.filter(recipient=unit_user, kind="urged", body="领导关注，请加快").count() == 1
    assert client.post(url, {"action": "assign", "task": [draft.pk], "confirm": "1"}).status_code == 403
    assert Task.objects.get(pk=draft.pk).status == TaskStatus.DRAFT
