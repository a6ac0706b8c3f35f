"""Every change to plans, tasks, reports and assessments (督查督办's workflow).

    立项 draft → 交办 assigned → 签收 accepted → 办理中 in_progress (进度反馈, repeated)
        → 申请办结 completion_requested → 审核: 办结 done / 逾期办结 done_late, or 退回 → 办理中
    side events: 延期申请 (approved → new deadline, reason kept; or refused), 催办 (reminder)

Who may do what:
- the supervision office (permission `work.supervise_task`, the 督查员 role) creates plans and tasks,
  assigns, approves, returns, decides extensions and sends 催办;
- a user of the lead unit (牵头单位) accepts, reports, requests completion and asks for extensions;
- a user of a support unit (配合单位) reports on its part (its report does not move the task's progress);
- nobody reviews their own completion request or approves their own extension request.

Each function is atomic, takes `acting_user`, writes a TaskTransition and a named audit event
("task.assigned", ...). A refused attempt changes nothing; after the rollback it is written to the
audit log with its Chinese message, as 越权拒绝 (outside the user's rights) or 校验拒绝 (bad input).
"""

import datetime
import functools
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from zonework.core import actions as core_actions
from zonework.core import clock, scope
from zonework.core.actions import logs_refusals
from zonework.core.attachments import check_attachment
from zonework.core.audit import record_event
from zonework.core.channels import EmailChannel, configured_channels
from zonework.core.choices import UnitKind
from zonework.core.context import audit_context
from zonework.core.validation import decimal_field
from zonework.work import access, rollup
from zonework.work.choices import (
    DONE_STATUSES,
    OPEN_STATUSES,
    ExtensionStatus,
    PlanKind,
    ReminderKind,
    TaskStatus,
    TransitionEvent,
)


def _models():
    from zonework.work import models

    return models


def _now():
    return clock.now()


def _today():
    return clock.today()


def _decimal(value, field):
    """A typed figure for `field` (None when blank); refused on that field in Chinese."""
    label = {"progress": "完成进度", "quality_score": "质量评分"}.get(field, field)
    return decimal_field(value, label, field=field)


def _user_name(user):
    return str(user) if user is not None else "系统"


def _notify_unit(task, kind, title, body, event_key):
    """A message to every active user of the task's lead unit, sent once per event."""
    from zonework.work import remind

    return core_actions.send_message(remind.unit_users(task.lead_unit), kind=kind, title=title, body=body,
                                     link=task.get_absolute_url(), event_key=event_key, zone=task.plan.zone)


# --- permission checks -----------------------------------------------------------------------


def require_supervisor(user, task, doing):
    if not access.is_supervisor(user, task):
        raise scope.ScopeDenied(f"只有督查室（督查员）可以{doing}。")


def require_unit(user, task, doing, *, lead_only=False):
    """The user's unit must lead the task (or, unless lead_only, support it)."""
    if not access.can_see_task(user, task) or not user.has_perm("work.change_task"):
        raise scope.ScopeDenied(f"任务“{task}”不在您的数据范围内，不能{doing}。")
    role = access.unit_role(user, task)
    if role is None:
        raise scope.ScopeDenied(f"您的单位不是任务“{task}”的牵头单位或配合单位，不能{doing}。")
    if lead_only and role != "lead":
        raise scope.ScopeDenied(f"只有牵头单位“{task.lead_unit}”可以{doing}。")
    return role


def _require_status(task, allowed, doing):
    if task.status not in allowed:
        names = "、".join(str(TaskStatus(s).label) for s in allowed)
        raise ValidationError(f"任务“{task}”当前为“{task.get_status_display()}”，只有{names}的任务可以{doing}。")


def _move(task, to_status, event, acting_user, *, reason="", message="", **fields):
    """Change the task's status (and other fields), with its transition row and audit event."""
    models = _models()
    from_status = task.status
    for name, value in fields.items():
        setattr(task, name, value)
    task.status = to_status
    task.full_clean()
    task.save()
    models.TaskTransition.objects.create(
        task=task, event=event, from_status=from_status, to_status=to_status, at=_now(), by=acting_user,
        reason=reason, created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
    )
    label = TransitionEvent(event).label
    record_event(f"task.{event}", task, message=message or f"{_user_name(acting_user)}{label}任务“{task}”"
                 + (f"：{reason}" if reason else ""),
                 before={"status": from_status}, after={"status": to_status})
    return task


# --- plans and tasks -------------------------------------------------------------------------


@logs_refusals
@transaction.atomic
def create_plan(data, *, acting_user):
    models = _models()
    plan = core_actions.create_object(models.Plan, data, acting_user=acting_user)
    record_event("plan.created", plan, message=f"新建计划“{plan}”（{plan.year}年）")
    return plan


@logs_refusals
@transaction.atomic
def update_plan(plan, data, *, acting_user):
    return core_actions.update_object(plan, data, acting_user=acting_user)


@logs_refusals
@transaction.atomic
def delete_plan(plan, *, acting_user):
    return core_actions.delete_object(plan, acting_user=acting_user)


def _check_support(plan, lead, support_units):
    support = [u for u in support_units or [] if u != lead]
    wrong = [str(u) for u in support if u.zone_id != plan.zone_id]
    if wrong:
        raise ValidationError({"support_units": f"配合单位不属于计划所在的开发区：{'、'.join(wrong)}。"})
    return list(dict.fromkeys(support))


@logs_refusals
@transaction.atomic
def create_task(plan, data, *, acting_user):
    """A new task (立项) in `plan`; its ancestors' progress is recomputed."""
    models = _models()
    data = dict(data)
    data["plan"] = plan
    data["support_units"] = _check_support(plan, data.get("lead_unit"), data.get("support_units"))
    data.setdefault("status", TaskStatus.DRAFT)
    if data["status"] not in (TaskStatus.DRAFT,):
        raise ValidationError("新建任务的状态只能是“立项”，交办、签收、办结请使用相应操作。")
    task = core_actions.create_object(models.Task, data, acting_user=acting_user)
    models.TaskTransition.objects.create(task=task, event=TransitionEvent.CREATED, to_status=task.status,
                                         at=_now(), by=acting_user, created_by=acting_user)
    rollup.recompute_ancestors(task)
    return task


EDITABLE_TASK_FIELDS = {"parent", "number", "position", "title", "text", "lead_unit", "support_units", "leader",
                        "start_date", "deadline", "report_cycle", "report_day", "weight", "provenance"}


@logs_refusals
@transaction.atomic
def update_task(task, data, *, acting_user):
    """Edit a task's definition (the supervision office). Status and progress change only by workflow."""
    require_supervisor(acting_user, task, "修改任务")
    wrong = set(data) - EDITABLE_TASK_FIELDS
    if wrong:
        raise ValidationError(f"这些字段不能直接修改：{'、'.join(sorted(wrong))}。")
    data = dict(data)
    if "deadline" in data and data["deadline"] != task.deadline and task.status not in (TaskStatus.DRAFT,):
        raise ValidationError("已交办任务的完成时限只能通过延期申请修改。")
    if "support_units" in data:
        data["support_units"] = _check_support(task.plan, data.get("lead_unit", task.lead_unit),
                                               data["support_units"])
    old_parent_id = task.parent_id
    task = core_actions.update_object(task, data, acting_user=acting_user)
    rollup.recompute_ancestors(task)
    if old_parent_id and old_parent_id != task.parent_id:
        rollup.recompute(_models().Task.objects.get(pk=old_parent_id))
        rollup.recompute_ancestors(_models().Task.objects.get(pk=old_parent_id))
    return task


@logs_refusals
@transaction.atomic
def delete_task(task, *, acting_user):
    require_supervisor(acting_user, task, "删除任务")
    parent_id = task.parent_id
    core_actions.delete_object(task, acting_user=acting_user)
    if parent_id:
        parent = _models().Task.objects.get(pk=parent_id)
        rollup.recompute(parent)
        rollup.recompute_ancestors(parent)


# --- workflow --------------------------------------------------------------------------------


@logs_refusals
@transaction.atomic
def assign_task(task, *, acting_user, note=""):
    """交办: the supervision office hands a drafted task to its lead unit."""
    require_supervisor(acting_user, task, "交办任务")
    _require_status(task, (TaskStatus.DRAFT,), "交办")
    _move(task, TaskStatus.ASSIGNED, TransitionEvent.ASSIGNED, acting_user, reason=note,
          assigned_at=_now(), message=f"交办任务“{task}”给{task.lead_unit}")
    _notify_unit(task, "assigned", f"新交办任务：{task}", f"完成时限{task.deadline}，请及时签收。" + (f"\n{note}" if note else ""),
                 f"task:{task.pk}:assigned")
    return task


@logs_refusals
@transaction.atomic
def assign_plan(plan, *, acting_user):
    """交办 every drafted task of a plan at once; returns how many were assigned."""
    models = _models()
    count = 0
    for task in models.Task.objects.filter(plan=plan, status=TaskStatus.DRAFT).select_related("plan", "lead_unit"):
        assign_task(task, acting_user=acting_user)
        count += 1
    return count


# What the supervision office may set on each task as it hands it over (交办).
ASSIGN_FIELDS = ("deadline", "report_cycle", "report_day", "leader")


@logs_refusals
@transaction.atomic
def assign_tasks(tasks, *, acting_user, settings=None, note=""):
    """交办 the chosen drafted tasks together, each with the deadline, report cycle and leader given
    (blank keeps the task's own). All or nothing: one refusal leaves every task as it was."""
    tasks = list(tasks)
    if not tasks:
        raise ValidationError("请先选择要交办的任务。")
    not_draft = [str(t) for t in tasks if t.status != TaskStatus.DRAFT]
    if not_draft:
        raise ValidationError(f"以下任务已交办，不能再次交办：{'、'.join(not_draft[:5])}"
                              + (f"等{len(not_draft)}项。" if len(not_draft) > 5 else "。"))
    changes = {k: v for k, v in (settings or {}).items() if k in ASSIGN_FIELDS and v not in (None, "")}
    for task in tasks:
        if changes:
            task = update_task(task, changes, acting_user=acting_user)
        assign_task(task, acting_user=acting_user, note=note)
    return len(tasks)


@logs_refusals
@transaction.atomic
def remind_tasks(tasks, *, acting_user, message=""):
    """催办 the chosen tasks in one go; returns (reminded, skipped) where skipped were already
    reminded today or are no longer open, so that a second click reminds nobody twice."""
    models = _models()
    period = f"manual-{_today().isoformat()}"
    done_today = set(models.Reminder.objects.filter(task__in=[t.pk for t in tasks], kind=ReminderKind.MANUAL,
                                                    period=period).values_list("task_id", flat=True))
    reminded, skipped = [], []
    for task in tasks:
        if task.pk in done_today or task.status not in OPEN_STATUSES:
            skipped.append(task)
        else:
            remind_task(task, acting_user=acting_user, message=message)
            reminded.append(task)
    return reminded, skipped


@logs_refusals
@transaction.atomic
def accept_task(task, *, acting_user):
    """签收: the lead unit confirms it has the task."""
    require_unit(acting_user, task, "签收任务", lead_only=True)
    _require_status(task, (TaskStatus.ASSIGNED,), "签收")
    return _move(task, TaskStatus.ACCEPTED, TransitionEvent.ACCEPTED, acting_user, accepted_at=_now())


@logs_refusals
@transaction.atomic
def report_progress(task, data, *, acting_user):
    """进度反馈 by the lead unit or a support unit.

    `data`: text, progress (0-100), optional date (not after today) and attachment. A lead unit's
    report sets the task's progress (unless sub-tasks roll up into it) and moves an assigned or
    accepted task to 办理中; a support unit's report is kept on the task's timeline only.
    """
    models = _models()
    if not acting_user.has_perm("work.add_progressreport"):
        raise scope.ScopeDenied(scope.denied_message("add", models.ProgressReport))
    role = require_unit(acting_user, task, "反馈进度")
    _require_status(task, (TaskStatus.ASSIGNED, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS), "反馈进度")
    progress = _decimal(data.get("progress"), "progress")
    report = models.ProgressReport(
        task=task, unit=task.lead_unit if role == "lead" else acting_user.unit, author=acting_user,
        date=data.get("date") or _today(), text=(data.get("text") or "").strip(), progress=progress,
        created_by=acting_user,
    )
    if data.get("attachment"):
        check_attachment(data["attachment"])
        report.attachment = data["attachment"]
    report.full_clean()
    start = task.effective_start()
    if start and report.date < start:
        raise ValidationError({"date": f"反馈日期不能早于任务开始日期（{start}）。"})
    report.save()
    record_event("task.reported", task, message=f"{report.unit}反馈任务“{task}”进度{progress}%",
                 after={"report_id": report.pk, "progress": str(progress)})
    if role == "lead":
        if task.status == TaskStatus.ASSIGNED:
            _move(task, TaskStatus.ACCEPTED, TransitionEvent.ACCEPTED, acting_user, accepted_at=_now(),
                  reason="反馈进度即视为签收")
        fields = {"last_report_date": max(report.date, task.last_report_date or report.date)}
        if not task.children.exists():
            fields["progress"] = progress
        if task.status == TaskStatus.ACCEPTED:
            _move(task, TaskStatus.IN_PROGRESS, TransitionEvent.REPORTED, acting_user,
                  reason=f"进度{progress}%", **fields)
        else:
            for name, value in fields.items():
                setattr(task, name, value)
            task.full_clean()
            task.save()
            models.TaskTransition.objects.create(
                task=task, event=TransitionEvent.REPORTED, from_status=task.status, to_status=task.status,
                at=_now(), by=acting_user, reason=f"进度{progress}%", created_by=acting_user)
        rollup.recompute_ancestors(task)
    return report


@logs_refusals
@transaction.atomic
def request_completion(task, *, acting_user, note=""):
    """申请办结: only the lead unit."""
    require_unit(acting_user, task, "申请办结", lead_only=True)
    _require_status(task, (TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS), "申请办结")
    open_children = task.children.exclude(status__in=DONE_STATUSES).count()
    if open_children:
        raise ValidationError(f"任务“{task}”还有{open_children}项子任务未办结，不能申请办结。")
    return _move(task, TaskStatus.COMPLETION_REQUESTED, TransitionEvent.COMPLETION_REQUESTED, acting_user,
                 reason=note, completion_requested_at=_now(), completion_requested_by=acting_user)


def _not_own_request(acting_user, task):
    if task.completion_requested_by_id and task.completion_requested_by_id == acting_user.pk:
        raise scope.ScopeDenied("不能审核本人提交的办结申请，请由其他督查员审核。")


@logs_refusals
@transaction.atomic
def approve_completion(task, *, acting_user, quality_score=None, note=""):
    """审核通过: 办结 if requested by the deadline, otherwise 逾期办结."""
    require_supervisor(acting_user, task, "审核办结")
    _require_status(task, (TaskStatus.COMPLETION_REQUESTED,), "审核办结")
    _not_own_request(acting_user, task)
    quality = _decimal(quality_score, "quality_score")
    requested = clock.localdate(task.completion_requested_at) if task.completion_requested_at else _today()
    late = requested > task.deadline
    status = TaskStatus.DONE_LATE if late else TaskStatus.DONE
    task = _move(task, status, TransitionEvent.APPROVED, acting_user, reason=note, progress=Decimal(100),
                 done_at=_now(), quality_score=quality,
                 message=f"审核通过任务“{task}”：{'逾期办结' if late else '办结'}")
    rollup.recompute_ancestors(task)
    return task


@logs_refusals
@transaction.atomic
def return_task(task, *, acting_user, reason):
    """退回: back to 办理中, with the reason kept."""
    require_supervisor(acting_user, task, "退回办结申请")
    _require_status(task, (TaskStatus.COMPLETION_REQUESTED,), "退回")
    _not_own_request(acting_user, task)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "退回须写明理由。"})
    _move(task, TaskStatus.IN_PROGRESS, TransitionEvent.RETURNED, acting_user, reason=reason,
          returned_count=task.returned_count + 1, completion_requested_at=None, completion_requested_by=None)
    _notify_unit(task, "returned", f"办结申请被退回：{task}", f"退回理由：{reason}",
                 f"task:{task.pk}:returned:{task.returned_count}")
    return task


@logs_refusals
@transaction.atomic
def request_extension(task, *, acting_user, new_deadline, reason):
    """延期申请 by the lead unit: a later deadline and why."""
    models = _models()
    require_unit(acting_user, task, "申请延期", lead_only=True)
    _require_status(task, OPEN_STATUSES, "申请延期")
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "请写明延期理由。"
    if not isinstance(new_deadline, datetime.date):
        errors["new_deadline"] = "请填写申请延至的日期。"
    elif new_deadline <= task.deadline:
        errors["new_deadline"] = f"申请延至的日期须晚于现有完成时限（{task.deadline}）。"
    if errors:
        raise ValidationError(errors)
    if task.extensions.filter(status=ExtensionStatus.PENDING).exists():
        raise ValidationError("该任务已有待审核的延期申请。")
    ext = models.ExtensionRequest.objects.create(task=task, requested_by=acting_user, old_deadline=task.deadline,
                                                 new_deadline=new_deadline, reason=reason, created_by=acting_user)
    models.TaskTransition.objects.create(
        task=task, event=TransitionEvent.EXTENSION_REQUESTED, from_status=task.status, to_status=task.status,
        at=_now(), by=acting_user, reason=f"申请延至{new_deadline}：{reason}", created_by=acting_user)
    record_event("task.extension_requested", task, message=f"申请将任务“{task}”延期至{new_deadline}：{reason}")
    return ext


@logs_refusals
@transaction.atomic
def decide_extension(extension, *, acting_user, approve, note=""):
    """The supervision office approves (the deadline changes, the reason is kept) or refuses."""
    models = _models()
    task = extension.task
    require_supervisor(acting_user, task, "审批延期申请")
    if extension.status != ExtensionStatus.PENDING:
        raise ValidationError("该延期申请已审批过。")
    if extension.requested_by_id == acting_user.pk:
        raise scope.ScopeDenied("不能审批本人提交的延期申请。")
    extension.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    extension.decided_by, extension.decided_at, extension.decision_note = acting_user, _now(), note or ""
    extension.save()
    if approve:
        old = task.deadline
        task.deadline = extension.new_deadline
        task.full_clean()
        task.save()
        event, text = TransitionEvent.EXTENSION_APPROVED, f"完成时限由{old}延至{task.deadline}；理由：{extension.reason}"
    else:
        event, text = TransitionEvent.EXTENSION_REFUSED, f"不同意延期至{extension.new_deadline}"
    if note:
        text += f"；意见：{note}"
    models.TaskTransition.objects.create(task=task, event=event, from_status=task.status, to_status=task.status,
                                         at=_now(), by=acting_user, reason=text, created_by=acting_user)
    record_event(f"task.{event}", task, message=text, before={"deadline": str(extension.old_deadline)},
                 after={"deadline": str(task.deadline)})
    return extension


@logs_refusals
@transaction.atomic
def remind_task(task, *, acting_user, message=""):
    """催办 by the supervision office or a leader: an in-app reminder and e-mail to the lead unit, once a day."""
    from zonework.work import remind

    models = _models()
    if not access.can_remind(acting_user, task):
        raise scope.ScopeDenied("只有督查室（督查员）和领导可以催办。")
    _require_status(task, OPEN_STATUSES, "催办")
    period = f"manual-{_today().isoformat()}"
    if models.Reminder.objects.filter(task=task, kind=ReminderKind.MANUAL, period=period).exists():
        raise ValidationError("今天已催办过该任务。")
    text = message.strip() or f"请抓紧办理任务“{task}”并及时反馈进度（完成时限{task.deadline}）。"
    reminder = issue_reminder(task, ReminderKind.MANUAL, period, text, unit=task.lead_unit,
                              recipients=remind.unit_users(task.lead_unit), acting_user=acting_user)
    models.TaskTransition.objects.create(
        task=task, event=TransitionEvent.REMINDED, from_status=task.status, to_status=task.status, at=_now(),
        by=acting_user, reason=text, created_by=acting_user)
    record_event("task.reminded", task, message=f"催办任务“{task}”：{text}")
    return reminder


@transaction.atomic
def issue_reminder(task, kind, period, message, *, unit, recipients, level="", acting_user=None):
    """One reminder or warning (催办 / 黄牌 / 红牌): the in-app row, its "reminder.sent" event, and its
    e-mail once the transaction commits, so a run that rolls back mails nobody.

    Returns None when the same (task, kind, period) was sent before. Callers decide who may send:
    `remind_task` checks the supervision office, `zonework remind` runs as the system.
    """
    from zonework.work import remind

    models = _models()
    if models.Reminder.objects.filter(task=task, kind=kind, period=period).exists():
        return None
    recipients = list(dict.fromkeys(recipients))
    user = acting_user if getattr(acting_user, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            reminder = models.Reminder.objects.create(task=task, unit=unit, kind=kind, level=level, period=period,
                                                      message=message, sent_at=_now(), created_by=user)
    except IntegrityError:  # a concurrent run sent it first
        return None
    reminder.recipients.set(recipients)
    record_event("reminder.sent", reminder,
                 message=f"向{unit}发送{reminder.get_kind_display()}：{message}"[:2000],
                 after={"task_id": task.pk, "kind": kind, "level": level, "period": period,
                        "recipients": [u.get_username() for u in recipients]})
    core_actions.send_message(recipients, kind="urged" if kind == ReminderKind.MANUAL else "reminder",
                              title=f"{reminder.get_kind_display()}：{task}", body=message,
                              link=task.get_absolute_url(), event_key=f"reminder:{reminder.pk}", zone=task.plan.zone)
    emails = [u.email for u in recipients if u.email]
    # With the e-mail channel configured the reminder's message carries the mail; mailing here too
    # would send it twice.
    if emails and not any(isinstance(c, EmailChannel) for c in configured_channels()):
        transaction.on_commit(functools.partial(remind.email_reminder, reminder.pk, emails, user), robust=True)
    return reminder


@transaction.atomic
def record_reminder_email(reminder, emails, *, error="", acting_user=None):
    """The outcome of a reminder's e-mail: the addresses it went to, or why it did not go."""
    with audit_context(user=acting_user):
        if error:
            record_event("reminder.email_failed", reminder, message=f"催办邮件发送失败：{error}"[:2000],
                         after={"to": emails})
            return reminder
        reminder.emailed_to = emails
        reminder.save(update_fields=["emailed_to", "updated_at"])
        record_event("reminder.emailed", reminder, message=f"催办邮件已发送至{len(emails)}个邮箱",
                     after={"to": emails})
    return reminder


# --- 领导批示 ---------------------------------------------------------------------------------


def instruction_recipients(instruction):
    """Who acts on a 批示: the unit it went to, else the zone's supervision office."""
    from zonework.work import remind

    if instruction.unit_id:
        return remind.unit_users(instruction.unit)
    return remind.zone_supervisors(instruction.zone)


def can_reply_instruction(user, instruction):
    """The recipient replies: a user of the unit (a task's lead unit), or for a 批示 that went to the
    supervision office, one of its supervisors."""
    if not user.is_authenticated:
        return False
    if instruction.task_id:
        return access.unit_role(user, instruction.task) == "lead" and user.has_perm("work.change_task")
    if instruction.unit_id:
        return user.unit_id == instruction.unit_id
    if not user.has_perm("work.supervise_task"):
        return False
    zone_ids = scope.user_zone_ids(user)
    return zone_ids is None or instruction.zone_id in zone_ids


def _instruction_subject(subject):
    """(task, plan, record, zone, unit, label) for what a 批示 is written on."""
    models = _models()
    if isinstance(subject, models.Task):
        return subject, None, None, subject.plan.zone, subject.lead_unit, str(subject)
    if isinstance(subject, models.Plan):
        return None, subject, None, subject.zone, None, str(subject)
    zone = getattr(subject, "zone", None)
    if zone is None or subject.pk is None:
        raise ValidationError("只能对开发区的任务、计划或指标目标作出批示。")
    return None, None, subject, zone, getattr(subject, "unit", None), str(subject)[:300]


@logs_refusals
@transaction.atomic
def give_instruction(subject, *, acting_user, text):
    """领导批示 / 圈阅 on a task, a plan or an indicator's target: it goes as a message and a to-do to
    whoever acts on it (a task's lead unit; a plan's supervision office; a target's responsible unit,
    or the supervision office when the target names none)."""
    from django.contrib.contenttypes.models import ContentType

    models = _models()
    task, plan, record, zone, unit, label = _instruction_subject(subject)
    if task is not None:
        if not access.can_instruct(acting_user, task):
            raise scope.ScopeDenied(f"只有本开发区的领导可以批示任务“{task}”。")
        _require_status(task, OPEN_STATUSES, "批示")
    else:
        zone_ids = scope.user_zone_ids(acting_user)
        if not access.can_instruct(acting_user) or (zone_ids is not None and zone.pk not in zone_ids):
            raise scope.ScopeDenied(f"只有本开发区的领导可以批示“{label}”。")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "请填写批示内容。"})
    instruction = models.Instruction(
        zone=zone, task=task, plan=plan, unit=unit, text=text, by=acting_user, at=_now(), created_by=acting_user,
        subject_type=ContentType.objects.get_for_model(record) if record is not None else None,
        subject_id=record.pk if record is not None else None, subject_label="" if record is None else label)
    instruction.full_clean()
    instruction.save()
    kind = "task" if task else "plan" if plan else "record"
    message = f"{_user_name(acting_user)}批示{'任务' if task else '计划' if plan else ''}“{label}”：{text}"
    # On the subject, so that its own change history (变更记录) shows the 批示.
    record_event(f"{kind}.instructed", subject, message=message[:2000], after={"instruction_id": instruction.pk})
    core_actions.send_message(instruction_recipients(instruction), kind="instruction",
                              title=f"{_user_name(acting_user)}批示：{label}"[:200], body=text,
                              link=instruction.get_absolute_url(), event_key=f"instruction:{instruction.pk}",
                              zone=zone)
    return instruction


@logs_refusals
@transaction.atomic
def reply_instruction(instruction, *, acting_user, reply):
    """The reply of whoever acts on a 批示: recorded on the instruction, sent to the leader."""
    task = instruction.task
    if task is not None:
        require_unit(acting_user, task, "回复领导批示", lead_only=True)
    elif not can_reply_instruction(acting_user, instruction):
        raise scope.ScopeDenied(f"只有{instruction.unit or '督查室'}可以回复这条批示。")
    if instruction.replied_at is not None:
        raise ValidationError("该批示已回复。")
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": "请填写办理回复。"})
    instruction.reply, instruction.replied_by, instruction.replied_at = reply, acting_user, _now()
    instruction.full_clean()
    instruction.save()
    who = task.lead_unit if task is not None else (instruction.unit or "督查室")
    subject = task or instruction.plan or instruction
    kind = "task" if task else "plan" if instruction.plan_id else "instruction"
    record_event(f"{kind}.instruction_replied", subject, message=f"{who}回复领导批示：{reply}"[:2000],
                 after={"instruction_id": instruction.pk})
    core_actions.send_message([instruction.by], kind="reply", title=f"{who}回复批示：{instruction.subject_text()}"[:200],
                              body=reply, link=instruction.get_absolute_url(),
                              event_key=f"instruction:{instruction.pk}:reply", zone=instruction.zone)
    return instruction


# --- assessment ------------------------------------------------------------------------------


@logs_refusals
@transaction.atomic
def create_assessment(data, *, acting_user):
    assessment = core_actions.create_object(_models().Assessment, data, acting_user=acting_user)
    store_results(assessment, message=f"计算{assessment}")
    return assessment


@logs_refusals
@transaction.atomic
def update_assessment(assessment, data, *, acting_user):
    """Change the scheme (audited field by field) and recompute every unit's score."""
    assessment = core_actions.update_object(assessment, data, acting_user=acting_user)
    store_results(assessment, message=f"修改方案并重新计算{assessment}")
    return assessment


@logs_refusals
@transaction.atomic
def recompute_assessment(assessment, *, acting_user):
    scope.check(acting_user, "change", assessment)
    store_results(assessment, message=f"重新计算{assessment}")
    return assessment


def _ranking(results):
    return [{"unit": r["unit"], "rank": r["rank"], "total": r["total"]} for r in results or []]


def store_results(assessment, *, message, today=None):
    """Compute and save an assessment's ranking, with one "assessment.computed" event.

    The results are derived from the tasks and left out of the row's field snapshots (they would
    repeat every task's detail); the event keeps each unit's rank and total before and after, so a
    changed ranking can be traced to who recomputed it. Called by the actions above, which check
    the user's rights.
    """
    from zonework.work import scoring

    # As the database holds them: a scheme typed as 50 and stored as 50.0 would otherwise show as a
    # field change of its own when the row is saved again.
    assessment.refresh_from_db()
    before = _ranking(assessment.results) if assessment.computed_at else None
    results = scoring.compute(assessment, today)
    assessment.results, assessment.computed_at = results, _now()
    assessment.save(update_fields=["results", "computed_at", "updated_at"])
    record_event("assessment.computed", assessment, message=message,
                 before={"ranking": before} if before is not None else None, after={"ranking": _ranking(results)})
    return results


# --- tasks from a read document --------------------------------------------------------------

# Words in a document's list of units that stand for a group: the zone's parks or its streets.
UNIT_GROUPS = {"相关园区": UnitKind.PARK, "各园区": UnitKind.PARK, "各产业园": UnitKind.PARK,
               "各街道": UnitKind.STREET, "相关街道": UnitKind.STREET}
GROUP_WORDS = {UnitKind.PARK: "园区", UnitKind.STREET: "街道"}


def guess_unit_kind(name):
    if name.endswith("街道") or name.endswith("街"):
        return UnitKind.STREET
    if name.endswith(("园", "园区", "产业区", "城", "保区", "开发区")):
        return UnitKind.PARK
    if name.endswith("公司") or name.endswith("集团"):
        return UnitKind.COMPANY
    if name.endswith(("办", "办公室", "部", "委")):
        return UnitKind.OFFICE
    if name.endswith("局"):
        return UnitKind.BUREAU
    return UnitKind.OTHER


def unit_index(zone):
    """{name or alias: Unit} for the zone's units."""
    from zonework.core.models import Unit

    index = {}
    for unit in Unit.objects.filter(zone=zone).order_by("path"):
        for name in unit.names():
            index.setdefault(name.strip(), unit)
    return index


def _unit_index_with_map(zone, unit_map):
    """The zone's units by name and alias, plus the names the review page mapped to existing units."""
    from zonework.core.models import Unit

    index = unit_index(zone)
    for name, unit_id in (unit_map or {}).items():
        unit = Unit.objects.filter(zone=zone, pk=unit_id).first() if str(unit_id).isdigit() else None
        if unit is None:
            raise ValidationError(f"为“{name}”选择的单位不属于“{zone}”。")
        index.setdefault(name.strip(), unit)
    return index


def _unit_names(zone, records, index, *, create_units, expand_groups):
    """(names, groups, unknown, errors) of the units the records name: the names in order, the group
    words (相关园区 ...) the zone must expand, the unknown names to create, and the Chinese errors that
    refuse the commit (unknown names not listed to create, groups not confirmed)."""
    names = list(dict.fromkeys(n.strip() for r in records for n in r.get("units", []) if n and n.strip()))
    groups = [n for n in names if n in UNIT_GROUPS and n not in index]
    unknown = [n for n in names if n not in index and n not in UNIT_GROUPS]
    create_units = {n.strip() for n in create_units or []}
    missing = [n for n in unknown if n not in create_units]
    errors = []
    if missing:
        errors.append(f"以下单位在“{zone}”中不存在：{'、'.join(missing)}。请先在单位管理中新建（或为已有单位添加别名），"
                      f"或在提交时勾选“新建这些单位”。")
    if groups and not expand_groups:
        errors.append("文件中的" + "、".join(f"“{g}”" for g in groups) + "指一组单位，请确认展开为本开发区的全部"
                      + "或".join(sorted({GROUP_WORDS[UNIT_GROUPS[g]] for g in groups})) + "后再提交。")
    return names, groups, unknown, errors


def _group_members(zone, kind, group):
    from zonework.core.models import Unit

    members = list(Unit.objects.filter(zone=zone, kind=kind).order_by("sort_order", "path"))
    if not members:
        raise ValidationError(f"“{zone}”没有{GROUP_WORDS[kind]}类单位，无法展开“{group}”。")
    return members


def resolve_unit_names(zone, records, *, create_units=(), unit_map=None, expand_groups=False, acting_user):
    """Match every named unit to the zone's units; create the listed unknown ones; expand groups.

    `unit_map` {name: unit id} maps names the zone does not know to existing units (chosen on the
    review page). Returns {name: [Unit, ...]}; raises ValidationError (Chinese) naming the unknown
    units or the unconfirmed groups.
    """
    index = _unit_index_with_map(zone, unit_map)
    names, groups, unknown, errors = _unit_names(zone, records, index, create_units=create_units,
                                                 expand_groups=expand_groups)
    if errors:
        raise ValidationError(errors)
    for name in unknown:
        unit = core_actions.create_unit({"zone": zone, "name": name, "kind": guess_unit_kind(name)},
                                        acting_user=acting_user)
        index[name] = unit
    resolved = {n: [index[n]] for n in names if n in index}
    for group in groups:
        resolved[group] = _group_members(zone, UNIT_GROUPS[group], group)
    return resolved


def document_title(document, options):
    text = getattr(document, "text", "") or ""
    meta = getattr(document, "meta", None) or {}
    match = re.search(r"《([^《》]{4,120})》", text[:600])
    for candidate in (options.get("plan_title"), getattr(document, "title", None), meta.get("title"),
                      match.group(1) if match else None):
        if candidate and str(candidate).strip():
            return str(candidate).strip()[:200]
    filename = getattr(document, "filename", "") or "来源文件"
    return filename.rsplit(".", 1)[0][:200]


def document_year(document, options):
    meta = getattr(document, "meta", None) or {}
    for candidate in (options.get("plan_year"), getattr(document, "plan_year", None), meta.get("plan_year")):
        if candidate:
            return int(candidate)
    report_year = getattr(document, "report_year", None) or meta.get("report_year")
    return int(report_year) + 1 if report_year else _today().year


@logs_refusals
@transaction.atomic
def commit_document_tasks(document, records, *, acting_user, options=None):
    """The documents app's committer for "tasks": a Plan whose tasks name their units.

    The first unit named is the lead (牵头单位), the rest support (配合单位). Units are matched by
    name and alias; `options["create_units"]` lists unknown names to create, `options["unit_map"]`
    maps unknown names to existing unit ids, and
    `options["expand_groups"]` confirms that 相关园区 / 各园区 expand to the zone's park units and
    各街道 to its street units. The plan's year comes from `options["plan_year"]`, the document's
    plan_year (or meta["plan_year"]), else the year after its report year, else this year; every task's
    deadline is the year's end (or `options["deadline"]`) until the supervision office sets its own.
    The document is duck-typed: `.zone`, `.pk`, `.title` or `.filename`, optional `.meta`; with
    `.revision_of_id` (a confirmed revision) the plan committed from that document is updated in place.
    """
    options = options or {}
    zone = document.zone
    records = [r for r in records if (r.get("title") or "").strip()]
    if not records:
        raise ValidationError("没有可提交的任务。")
    resolved = resolve_unit_names(zone, records, create_units=options.get("create_units"),
                                  unit_map=options.get("unit_map"),
                                  expand_groups=bool(options.get("expand_groups")), acting_user=acting_user)
    fields, deadline = _plan_fields(document, options)
    title, filename = fields["title"], fields["provenance"]["filename"]
    original = _revised_plan(document, zone)
    if original is not None:
        return _revise_plan(original, document, records, resolved, deadline=deadline, title=title,
                            acting_user=acting_user)
    plan = create_plan(fields, acting_user=acting_user)
    for position, record in enumerate(records, start=1):
        create_task(plan, {**_task_fields(document, record, position, resolved), "deadline": deadline},
                    acting_user=acting_user)
    record_event("plan.committed_from_document", plan,
                 message=f"由来源文件“{filename or title}”生成计划“{plan}”，任务{len(records)}项")
    return f"新建计划“{plan}”，任务{len(records)}项"


def _plan_fields(document, options):
    """(the fields of the Plan a document's tasks make, the tasks' deadline): one rule for the
    one-document and the batch commit."""
    year = document_year(document, options)
    title = document_title(document, options)
    kind = PlanKind.IMPLEMENTATION if "方案" in title else PlanKind.SPECIAL if "督办" in title else \
        PlanKind.KEY_POINTS
    filename = getattr(document, "filename", "") or ""
    fields = {"zone": document.zone, "title": title, "kind": kind, "year": year,
              "start_date": datetime.date(year, 1, 1), "end_date": datetime.date(year, 12, 31),
              "source": filename or title, "source_document_id": document.pk,
              "provenance": {"document_id": document.pk, "filename": filename}}
    return fields, options.get("deadline") or datetime.date(year, 12, 31)


def _task_fields(document, record, position, resolved):
    """A read task record as the fields of a Task: its units resolved, its provenance kept."""
    units = []
    for name in record.get("units", []):
        for unit in resolved.get(name.strip(), []):
            if unit not in units:
                units.append(unit)
    if not units:
        raise ValidationError(f"第{position}项任务“{record['title']}”没有责任单位。")
    provenance = dict(record.get("provenance") or {})
    provenance.update({"document_id": document.pk, "filename": getattr(document, "filename", "") or "",
                       "units_read": record.get("units", [])})
    return {"number": str(record.get("number") or position), "position": position,
            "title": record["title"].strip()[:300], "text": provenance.get("sentence", ""),
            "lead_unit": units[0], "support_units": units[1:], "provenance": provenance}


def _paired_title(item):
    """A committed Task's title, or a (position, record) pair's title as a Task would store it."""
    return item.title if isinstance(item, _models().Task) else item[1]["title"].strip()[:300]


def _revised_plan(document, zone):
    """The plan committed from the document this one revises (documents sets `revision_of`)."""
    original_id = getattr(document, "revision_of_id", None)
    if not original_id:
        return None
    return _models().Plan.objects.filter(zone=zone, source_document_id=original_id).order_by("-pk").first()


def _revise_plan(plan, document, records, resolved, *, deadline, title, acting_user):
    """Update a plan committed from an earlier version of `document` in place.

    Tasks pair with the new records by title (equal, else the most similar); a paired task keeps its
    workflow, reports and deadline and takes the new definition; new records become new tasks; a task
    the revision no longer names is deleted while still 立项 and kept (and counted) once work started.
    """
    from zonework.core.similarity import pair

    filename = getattr(document, "filename", "") or ""
    plan = update_plan(plan, {"title": title, "source": filename or title, "source_document_id": document.pk,
                              "provenance": {**(plan.provenance or {}), "document_id": document.pk,
                                             "filename": filename}}, acting_user=acting_user)
    tasks = list(plan.tasks.filter(parent__isnull=True).order_by("position", "pk"))
    numbered = list(enumerate(records, start=1))
    pairs, removed, added = pair(tasks, numbered, key=_paired_title)
    changed = 0
    for task, (position, record) in pairs:
        fields = _task_fields(document, record, position, resolved)
        differs = {k for k in fields if k != "support_units" and getattr(task, k) != fields[k]}
        if set(task.support_units.all()) != set(fields["support_units"]):
            differs.add("support_units")
        if differs:
            update_task(task, fields, acting_user=acting_user)
        # A new span or position alone is no change the supervision office needs to hear about.
        changed += bool(differs - {"provenance", "position"})
    for position, record in added:
        create_task(plan, {**_task_fields(document, record, position, resolved), "deadline": deadline},
                    acting_user=acting_user)
    deleted, kept = 0, []
    for task in removed:
        if task.status == TaskStatus.DRAFT and not task.children.exists():
            delete_task(task, acting_user=acting_user)
            deleted += 1
        else:
            kept.append(task)
    summary = f"更新计划“{plan}”：修改任务{changed}项，新增{len(added)}项，删除{deleted}项"
    if kept:
        summary += f"，修订版中已删去但已开始办理而保留{len(kept)}项（" + "、".join(t.title for t in kept[:5]) + "）"
    record_event("plan.revised_from_document", plan, message=f"由来源文件“{filename or title}”（修订版）{summary}")
    return summary


class _SupportUnits:
    """A new task's support units as core.audit.record_bulk takes a row: the entry `.set()` on the
    task writes one by one (field support_units, before [], after the unit ids)."""

    def __init__(self, task, ids):
        self.task, self.pk, self.ids = task, task.pk, ids

    def snapshot(self):
        return {"support_units": self.ids}

    def audit_zone_id(self):
        return self.task.audit_zone_id()

    def __str__(self):
        return str(self.task)


def commit_documents_tasks(entries, *, acting_user, options=None):
    """The `tasks` of many new documents of one zone at once (documents.commit_documents): the plan
    and tasks commit_document_tasks makes for each, written together (one INSERT of plans, of tasks,
    of their support units, of their first transitions and of all audit entries, events included).
    Units named by no document's zone are refused per document, or created once when listed in
    options["create_units"]. Raises documents' Refused naming the documents refused, before writing."""
    from zonework.core.audit import record_bulk
    from zonework.documents.committers import Refused

    models = _models()
    options = options or {}
    zone = entries[0][0].zone
    scope.check_zone(acting_user, "add", models.Plan, zone)
    scope.check_zone(acting_user, "add", models.Task, zone)
    _SupportUnits._meta = models.Task._meta  # record_bulk files the entry under Task, as the signal does
    index = _unit_index_with_map(zone, options.get("unit_map"))
    expand = bool(options.get("expand_groups"))
    members = {}
    refusals, wanted = {}, []
    for document, records in entries:
        records = [r for r in records if (r.get("title") or "").strip()]
        names, groups, unknown, errors = _unit_names(zone, records, index, create_units=options.get("create_units"),
                                                     expand_groups=expand)
        if not records:
            errors.insert(0, "没有可提交的任务。")
        for group in groups if not errors else ():
            try:
                members.setdefault(UNIT_GROUPS[group], _group_members(zone, UNIT_GROUPS[group], group))
            except ValidationError as exc:
                errors.extend(exc.messages)
                break
        if errors:
            refusals[document.pk] = ValidationError(errors[:1] if not records else errors)
            continue
        wanted.append((document, records, names, groups, unknown))
    if refusals:
        raise Refused(refusals)
    # Units to create, once each, in the order named, as the first document naming them would.
    for name in dict.fromkeys(n for *_rest, unknown in wanted for n in unknown):
        if name not in index:
            index[name] = core_actions.create_unit({"zone": zone, "name": name, "kind": guess_unit_kind(name)},
                                                   acting_user=acting_user)
    now, user = _now(), acting_user if getattr(acting_user, "is_authenticated", False) else None
    plans, tasks, out = [], [], {}
    for document, records, names, groups, _unknown in wanted:
        resolved = {n: [index[n]] for n in names if n in index}
        resolved.update({g: members[UNIT_GROUPS[g]] for g in groups})
        fields, deadline = _plan_fields(document, options)
        filename, title = fields["provenance"]["filename"], fields["title"]
        plan = models.Plan(**fields, created_by=user)
        rows = []
        for position, record in enumerate(records, start=1):
            try:
                fields = _task_fields(document, record, position, resolved)
            except ValidationError as exc:
                refusals[document.pk] = exc
                break
            support = list(dict.fromkeys(fields.pop("support_units")))
            rows.append((models.Task(plan=plan, deadline=deadline, status=TaskStatus.DRAFT, created_by=user, **fields),
                         support))
        plans.append((document, plan, rows, filename or title))
    if refusals:
        raise Refused(refusals)
    for _document, plan, rows, _source in plans:
        plan.full_clean(exclude=["zone", "created_by"], validate_unique=False, validate_constraints=False)
        for task, _support in rows:
            task.full_clean(exclude=["plan", "parent", "lead_unit", "leader", "created_by"], validate_unique=False,
                            validate_constraints=False)
    models.Plan.objects.bulk_create([p for _d, p, _r, _s in plans])
    for _document, plan, rows, _source in plans:
        for task, _support in rows:
            task.plan = plan  # the plan's pk, now that it has one
            tasks.append((task, _support))
    models.Task.objects.bulk_create([t for t, _s in tasks])
    through = models.Task.support_units.through
    through.objects.bulk_create([through(task_id=t.pk, unit_id=u.pk) for t, support in tasks for u in support])
    transitions = [models.TaskTransition(task=t, event=TransitionEvent.CREATED, to_status=t.status, at=now, by=user,
                                         created_by=user) for t, _s in tasks]
    models.TaskTransition.objects.bulk_create(transitions)
    trail = [(p, None, True) for _d, p, _r, _s in plans]
    for task, support in tasks:
        trail.append((task, None, True))
        if support:
            trail.append((_SupportUnits(task, sorted(u.pk for u in support)), {"support_units": []}, False))
    trail += [(t, None, True) for t in transitions]
    events = []
    for document, plan, rows, source in plans:
        events.append(("plan.created", plan, f"新建计划“{plan}”（{plan.year}年）", None))
        events.append(("plan.committed_from_document", plan,
                       f"由来源文件“{source}”生成计划“{plan}”，任务{len(rows)}项", None))
        out[document.pk] = f"新建计划“{plan}”，任务{len(rows)}项"
    record_bulk(trail, events=events)
    return out
