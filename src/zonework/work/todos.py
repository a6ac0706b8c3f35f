"""The 督查督办 to-dos, from the tasks' own state and lights (see core/todos.py).

- supervisor: completion requests to approve, extension requests to decide, red tasks (overdue or a
  missed report);
- leader: the red tasks of the zone;
- the lead unit's user: tasks to sign for, reports owed within a week or missed, tasks sent back,
  催办 not yet answered by a report, and leaders' 批示 not yet replied to (one item per 批示).
"""

import datetime

from django.db.models import Max, Q
from django.utils.translation import gettext_noop

from zonework.core import clock
from zonework.core.choices import RoleCode
from zonework.core.todos import Todo
from zonework.work.access import unit_role, visible_tasks
from zonework.work.choices import (
    OPEN_STATUSES,
    REPORTING_STATUSES,
    ExtensionStatus,
    ReminderKind,
    TaskStatus,
    TransitionEvent,
)
from zonework.work.lights import next_report_owed, report_start, task_light

# A report owed within this many days is on the unit's list.
REPORT_SOON_DAYS = 7


def _item(kind, label, task, *, light="", due=None, note=""):
    return Todo(kind=f"work.{kind}", kind_label=label, title=str(task), url=task.get_absolute_url(), due=due,
                light=light, note=note, zone=task.plan.zone.short_name or task.plan.zone.name)


def todo_items(user, zone):
    if not user.has_perm("work.view_task"):
        return []
    today = clock.today()
    tasks = visible_tasks(user).filter(status__in=OPEN_STATUSES)
    if zone is not None:
        tasks = tasks.filter(plan__zone=zone)
    tasks = list(tasks.select_related("plan", "plan__zone", "lead_unit").prefetch_related("support_units")
                 .annotate(returned_at=Max("transitions__at", filter=Q(transitions__event=TransitionEvent.RETURNED)),
                           reported_at=Max("transitions__at", filter=Q(transitions__event=TransitionEvent.REPORTED)),
                           reminded_at=Max("reminders__sent_at", filter=Q(reminders__kind=ReminderKind.MANUAL))))
    supervises = user.has_perm("work.supervise_task")
    leads = RoleCode.LEADER in user.role_codes()
    items = []
    if supervises:
        pending = {e.task_id: e for e in _pending_extensions(tasks)}
        for task in tasks:
            if task.status == TaskStatus.COMPLETION_REQUESTED and task.completion_requested_by_id != user.pk:
                items.append(_item("approve_completion", gettext_noop("审核办结申请"), task, light=task_light(task, today).light,
                                   due=task.deadline))
            extension = pending.get(task.pk)
            if extension is not None and extension.requested_by_id != user.pk:
                items.append(_item("decide_extension", gettext_noop("审批延期申请"), task, due=extension.old_deadline,
                                   light="yellow", note=f"申请延至{extension.new_deadline}"))
    if supervises or leads:
        for task in tasks:
            result = task_light(task, today)
            if result.light == "red":
                items.append(_item("red_task", gettext_noop("红灯任务"), task, light="red", due=task.deadline,
                                   note="；".join(result.reasons)))
    if user.unit_id:
        led = [task for task in tasks if unit_role(user, task) == "lead"]
        for task in led:
            items.extend(_unit_items(task, today))
        items.extend(_instruction_items(led))
    return items


def _instruction_items(tasks):
    from zonework.work.models import Instruction

    by_pk = {t.pk: t for t in tasks}
    out = []
    for ins in Instruction.objects.filter(task__in=list(by_pk), replied_at__isnull=True).select_related("by") \
            .order_by("at"):
        task = by_pk[ins.task_id]
        out.append(Todo(kind="work.instruction", kind_label="落实领导批示", title=str(task),
                        url=f"{task.get_absolute_url()}#instruction-{ins.pk}", due=task.deadline, light="red",
                        note=f"{ins.by or ''}批示：{ins.text[:60]}",
                        zone=task.plan.zone.short_name or task.plan.zone.name))
    return out


def _pending_extensions(tasks):
    from zonework.work.models import ExtensionRequest

    return ExtensionRequest.objects.filter(task__in=[t.pk for t in tasks], status=ExtensionStatus.PENDING)


def _unit_items(task, today):
    out = []
    if task.status == TaskStatus.ASSIGNED:
        out.append(_item("accept", gettext_noop("签收任务"), task, light="yellow", due=task.deadline))
    if task.status in REPORTING_STATUSES:
        result = task_light(task, today)
        if result.missed_reports:
            out.append(_item("report_missed", gettext_noop("补报进展"), task, light="red", due=result.missed_dates[-1],
                             note=f"已漏报{result.missed_reports}次"))
        else:
            owed = next_report_owed(task.report_cycle, task.report_day, report_start(task) or task.effective_start(),
                                    task.deadline, task.last_report_date, today)
            if owed is not None and owed - today <= datetime.timedelta(days=REPORT_SOON_DAYS):
                out.append(_item("report_due", gettext_noop("报送进展"), task, light="yellow" if owed - today <= datetime.timedelta(
                    days=2) else "green", due=owed))
    # 退回 and 催办 stand until the unit answers them with a progress report (or a new request).
    answered = task.reported_at
    if task.status == TaskStatus.IN_PROGRESS and task.returned_at and (answered is None or answered < task.returned_at):
        out.append(_item("returned", gettext_noop("按退回意见整改"), task, light="red", due=task.deadline))
    if task.reminded_at and (answered is None or answered < task.reminded_at):
        out.append(_item("reminded", gettext_noop("督查室催办"), task, light="red", due=task.deadline,
                         note=f"{clock.localdate(task.reminded_at)}催办"))
    return out
