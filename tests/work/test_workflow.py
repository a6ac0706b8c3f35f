"""The supervision workflow (actions.py): what each role can do to a task, and what is refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.factories import role_user
from tests.work.conftest import DEADLINE, START, TODAY
from tests.work.factories import TaskFactory
from zonework.core import clock
from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry
from zonework.core.scope import ScopeDenied
from zonework.work import actions
from zonework.work.choices import ExtensionStatus, TaskStatus, TransitionEvent
from zonework.work.models import ProgressReport, Task


def denied(event):
    return AuditEntry.objects.filter(action=AuditAction.DENIED, event=f"work.{event}")


def refused(event):
    """Bad input: logged as 校验拒绝, apart from attempts beyond the user's rights."""
    return AuditEntry.objects.filter(action=AuditAction.REFUSED, event=f"work.{event}")


def test_task_goes_from_assignment_to_done(tasks, unit_user, supervisor):
    task = tasks["t_invest"]
    assert task.status == TaskStatus.ASSIGNED
    actions.accept_task(task, acting_user=unit_user)
    actions.report_progress(task, {"text": "已完成招商对接10家", "progress": "40"}, acting_user=unit_user)
    task.refresh_from_db()
    assert (task.status, task.progress, task.last_report_date) == (TaskStatus.IN_PROGRESS, Decimal(40), TODAY)
    actions.request_completion(task, acting_user=unit_user, note="全部完成")
    actions.approve_completion(task, acting_user=supervisor, quality_score=90)
    task.refresh_from_db()
    assert (task.status, task.progress, task.quality_score) == (TaskStatus.DONE, Decimal(100), Decimal(90))
    events = [t.event for t in task.transitions.all()]
    assert events == ["assigned", "accepted", "reported", "completion_requested", "approved"]
    logged = set(AuditEntry.objects.filter(action=AuditAction.EVENT).values_list("event", flat=True))
    assert {"task.assigned", "task.accepted", "task.reported", "task.completion_requested", "task.approved"} <= logged


def test_report_on_assigned_task_counts_as_acceptance(tasks, unit_user):
    task = tasks["t_invest"]
    actions.report_progress(task, {"text": "启动", "progress": 10}, acting_user=unit_user)
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS and task.accepted_at is not None


def test_completion_requested_after_deadline_is_done_late(tasks, unit_user, supervisor):
    task = tasks["t_invest"]
    actions.report_progress(task, {"text": "推进中", "progress": 80}, acting_user=unit_user)
    Task.objects.filter(pk=task.pk).update(deadline=TODAY - datetime.timedelta(days=2))
    task.refresh_from_db()
    actions.request_completion(task, acting_user=unit_user)
    actions.approve_completion(task, acting_user=supervisor)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE_LATE


def test_supervisor_returns_with_a_reason(tasks, unit_user, supervisor):
    task = tasks["t_invest"]
    actions.report_progress(task, {"text": "推进中", "progress": 90}, acting_user=unit_user)
    actions.request_completion(task, acting_user=unit_user)
    with pytest.raises(ValidationError, match="退回须写明理由"):
        actions.return_task(task, acting_user=supervisor, reason="  ")
    task.refresh_from_db()
    assert task.status == TaskStatus.COMPLETION_REQUESTED
    assert refused("return_task").exists()
    actions.return_task(task, acting_user=supervisor, reason="缺少项目签约佐证材料")
    task.refresh_from_db()
    assert (task.status, task.returned_count) == (TaskStatus.IN_PROGRESS, 1)
    assert task.transitions.filter(event=TransitionEvent.RETURNED, reason="缺少项目签约佐证材料").exists()


def test_support_unit_reports_its_part_but_cannot_request_completion(tasks, econ_user):
    task = tasks["t_invest"]  # 经信局 supports it
    report = actions.report_progress(task, {"text": "配合完成政策兑现", "progress": 100}, acting_user=econ_user)
    task.refresh_from_db()
    assert report.unit.name == "经信局"
    assert task.progress == 0 and task.status == TaskStatus.ASSIGNED
    with pytest.raises(ScopeDenied, match="只有牵头单位“招商局”可以申请办结"):
        actions.request_completion(task, acting_user=econ_user)
    assert denied("request_completion").exists()


def test_unit_cannot_report_on_a_task_it_does_not_own(tasks, unit_user):
    task = tasks["t_other"]
    with pytest.raises(ScopeDenied):
        actions.report_progress(task, {"text": "越权", "progress": 10}, acting_user=unit_user)
    assert not ProgressReport.objects.filter(task=task).exists()
    assert denied("report_progress").filter(object_id=str(task.pk)).exists()


def test_progress_over_100_is_refused(tasks, unit_user):
    task = tasks["t_invest"]
    with pytest.raises(ValidationError) as exc:
        actions.report_progress(task, {"text": "超额", "progress": 120}, acting_user=unit_user)
    assert "0到100之间" in str(exc.value)
    task.refresh_from_db()
    assert not ProgressReport.objects.exists() and task.status == TaskStatus.ASSIGNED
    assert "0到100之间" in refused("report_progress").get().message


def test_deadline_before_plan_start_is_refused(plan, units, supervisor):
    with pytest.raises(ValidationError, match="不能早于计划开始日期"):
        actions.create_task(plan, {"title": "补链强链", "lead_unit": units["invest"],
                                   "deadline": START - datetime.timedelta(days=1)}, acting_user=supervisor)
    assert not Task.objects.exists()
    assert refused("create_task").exists()


def test_nobody_approves_their_own_completion_request(tasks, units):
    both = role_user("unit_user", units["invest"], username="double")
    both.roles.add(*__import__("zonework.core.models", fromlist=["Role"]).Role.objects.filter(code="supervisor"))
    task = tasks["t_invest"]
    actions.report_progress(task, {"text": "完成", "progress": 100}, acting_user=both)
    actions.request_completion(task, acting_user=both)
    with pytest.raises(ScopeDenied, match="不能审核本人提交的办结申请"):
        actions.approve_completion(task, acting_user=both)
    task.refresh_from_db()
    assert task.status == TaskStatus.COMPLETION_REQUESTED
    assert denied("approve_completion").exists()


def test_unit_user_cannot_assign_or_approve(tasks, unit_user, plan, units):
    draft = TaskFactory(plan=plan, lead_unit=units["invest"], deadline=DEADLINE)
    with pytest.raises(ScopeDenied, match="只有督查室"):
        actions.assign_task(draft, acting_user=unit_user)
    draft.refresh_from_db()
    assert draft.status == TaskStatus.DRAFT


def test_a_cycle_in_the_task_tree_is_refused(plan, units, supervisor):
    a = actions.create_task(plan, {"title": "一级", "lead_unit": units["invest"], "deadline": DEADLINE},
                            acting_user=supervisor)
    b = actions.create_task(plan, {"title": "二级", "lead_unit": units["invest"], "deadline": DEADLINE,
                                   "parent": a}, acting_user=supervisor)
    with pytest.raises(ValidationError, match="任务树不能成环"):
        actions.update_task(a, {"parent": b}, acting_user=supervisor)
    a.refresh_from_db()
    assert a.parent_id is None
    assert refused("update_task").exists()


def test_extension_approved_changes_the_deadline_and_keeps_the_reason(tasks, unit_user, supervisor):
    task = tasks["t_invest"]
    new = DEADLINE + datetime.timedelta(days=30)
    with pytest.raises(ValidationError, match="须晚于现有完成时限"):
        actions.request_extension(task, acting_user=unit_user, new_deadline=DEADLINE, reason="项目延后")
    ext = actions.request_extension(task, acting_user=unit_user, new_deadline=new, reason="客商考察推迟")
    actions.decide_extension(ext, acting_user=supervisor, approve=True, note="同意")
    task.refresh_from_db()
    ext.refresh_from_db()
    assert task.deadline == new and ext.status == ExtensionStatus.APPROVED
    step = task.transitions.get(event=TransitionEvent.EXTENSION_APPROVED)
    assert "客商考察推迟" in step.reason and str(DEADLINE) in step.reason


def test_extension_refused_keeps_the_deadline(tasks, unit_user, supervisor):
    task = tasks["t_invest"]
    ext = actions.request_extension(task, acting_user=unit_user, new_deadline=DEADLINE + datetime.timedelta(days=9),
                                    reason="人手不足")
    actions.decide_extension(ext, acting_user=supervisor, approve=False, note="理由不充分")
    task.refresh_from_db()
    assert task.deadline == DEADLINE
    assert task.transitions.filter(event=TransitionEvent.EXTENSION_REFUSED).exists()


def test_parent_progress_rolls_up_in_the_same_action(plan, units, supervisor, unit_user):
    top = actions.create_task(plan, {"title": "打造车都", "lead_unit": units["invest"], "deadline": DEADLINE},
                              acting_user=supervisor)
    mid = actions.create_task(plan, {"title": "整车", "lead_unit": units["invest"], "deadline": DEADLINE,
                                     "parent": top, "weight": 3}, acting_user=supervisor)
    leaf = actions.create_task(plan, {"title": "零部件", "lead_unit": units["invest"], "deadline": DEADLINE,
                                      "parent": mid}, acting_user=supervisor)
    other = actions.create_task(plan, {"title": "服务业", "lead_unit": units["invest"], "deadline": DEADLINE,
                                       "parent": top, "weight": 1}, acting_user=supervisor)
    for t in (leaf, other):
        actions.assign_task(t, acting_user=supervisor)
    actions.report_progress(leaf, {"text": "过半", "progress": 60}, acting_user=unit_user)
    mid.refresh_from_db()
    top.refresh_from_db()
    assert mid.progress == Decimal(60)
    assert top.progress == Decimal(45)  # (60×3 + 0×1) / 4
    actions.report_progress(other, {"text": "完成", "progress": 100}, acting_user=unit_user)
    top.refresh_from_db()
    assert top.progress == Decimal(70)


def test_manual_reminder_once_a_day(tasks, supervisor, unit_user):
    task = tasks["t_invest"]
    reminder = actions.remind_task(task, acting_user=supervisor, message="请于本周五前反馈")
    assert reminder.recipients.filter(username="zhaoshang1").exists()
    with pytest.raises(ValidationError, match="今天已催办"):
        actions.remind_task(task, acting_user=supervisor)


def test_done_at_is_local_time(tasks, unit_user, supervisor):
    task = tasks["t_invest"]
    actions.report_progress(task, {"text": "完成", "progress": 100}, acting_user=unit_user)
    actions.request_completion(task, acting_user=unit_user)
    actions.approve_completion(task, acting_user=supervisor)
    task.refresh_from_db()
    assert clock.localdate(task.done_at) == TODAY
