"""The 督查督办 to-dos, from the tasks' own state and lights (see core/todos.py).

- supervisor: completion requests to approve, extension requests to decide, red tasks (overdue or a
  missed report);
- leader: the red tasks of the zone; a red task waits for the leader's 批示 (待批示, linking to the 批示
  form) when it names the leader as 责任领导 (or names no leader of the zone, so every leader is
  responsible) and no 批示 is open on it or was given in the last INSTRUCTION_QUIET_DAYS days: once a
  leader writes one the item leaves the list, and it comes back only if the task is still red a week on;
- the lead unit's user: tasks to sign for, reports owed within a week or missed, tasks sent back,
  催办 not yet answered by a report, and leaders' 批示 not yet replied to (one item per 批示), those on
  a plan or an indicator's target that went to the user's unit included;
- supervisor: 批示 on a plan, or on a target that names no responsible unit, not yet replied to.
"""

import datetime

from django.db.models import Max, Q
from django.utils.translation import gettext_noop

from zonework.core import clock
from zonework.core.choices import RoleCode
from zonework.core.todos import Todo
from zonework.work.access import can_instruct, unit_role, visible_tasks
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
# After a 批示, a red task stays off its leaders' 待批示 list this long (and while the 批示 is unanswered).
INSTRUCTION_QUIET_DAYS = 7


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
        red = [(task, result) for task in tasks if (result := task_light(task, today)).light == "red"]
        awaiting = awaiting_instruction(user, [task for task, _r in red], today) if leads else set()
        for task, result in red:
            note = "；".join(result.reasons)
            if task.pk in awaiting:
                items.append(Todo(kind="work.awaiting_instruction", kind_label=gettext_noop("待批示"), title=str(task),
                                  url=f"{task.get_absolute_url()}#instruct-form", due=task.deadline, light="red",
                                  note=note, zone=task.plan.zone.short_name or task.plan.zone.name))
            else:
                items.append(_item("red_task", gettext_noop("红灯任务"), task, light="red", due=task.deadline, note=note))
    if user.unit_id:
        led = [task for task in tasks if unit_role(user, task) == "lead"]
        for task in led:
            items.extend(_unit_items(task, today))
        items.extend(_instruction_items(led))
    items.extend(_record_instruction_items(user, zone, supervises))
    return items


def names_leader(task_leader, user, zone_leader_names):
    """Whether a task's 责任领导 text makes `user` responsible for it: the text names the user, or it
    is blank or names none of the zone's leaders (a title such as 分管副主任), so every leader is."""
    text = (task_leader or "").strip()
    names = {n for n in (user.display_name, user.username) if n}
    if not text or any(n in text for n in names):
        return True
    return not any(n and n in text for n in zone_leader_names)


def awaiting_instruction(user, red_tasks, today):
    """The pks of `red_tasks` waiting for `user`'s 批示 (the rule in the module's docstring)."""
    from zonework.core.models import User
    from zonework.work.models import Instruction

    if not red_tasks or not can_instruct(user):
        return set()
    zone_ids = {t.plan.zone_id for t in red_tasks}
    leader_names = {}
    for zone_id, name, username in (User.objects.filter(unit__zone__in=zone_ids, is_active=True,
                                                        roles__code=RoleCode.LEADER)
                                    .values_list("unit__zone", "display_name", "username").distinct()):
        leader_names.setdefault(zone_id, set()).update({name, username})
    since = clock.now() - datetime.timedelta(days=INSTRUCTION_QUIET_DAYS)
    quiet = set(Instruction.objects.filter(task__in=[t.pk for t in red_tasks])
                .filter(Q(replied_at__isnull=True) | Q(at__gte=since)).values_list("task_id", flat=True))
    return {t.pk for t in red_tasks
            if t.pk not in quiet and names_leader(t.leader, user, leader_names.get(t.plan.zone_id, set()))}


def _instruction_items(tasks):
    from zonework.work.models import Instruction

    by_pk = {t.pk: t for t in tasks}
    out = []
    for ins in Instruction.objects.filter(task__in=list(by_pk), replied_at__isnull=True).select_related("by") \
            .order_by("at"):
        task = by_pk[ins.task_id]
        out.append(Todo(kind="work.instruction", kind_label=gettext_noop("落实领导批示"), title=str(task),
                        url=f"{task.get_absolute_url()}#instruction-{ins.pk}", due=task.deadline, light="red",
                        note=f"{ins.by or ''}批示：{ins.text[:60]}",
                        zone=task.plan.zone.short_name or task.plan.zone.name))
    return out


def _record_instruction_items(user, zone, supervises):
    """批示 on a plan or a target not yet replied to: the unit's they went to, or the supervision office's."""
    from zonework.core import scope
    from zonework.work.models import Instruction

    mine = Q(unit_id=user.unit_id) if user.unit_id else Q(pk__in=[])
    if supervises:
        mine |= Q(unit__isnull=True)
    open_ = Instruction.objects.filter(task__isnull=True, replied_at__isnull=True).filter(mine)
    zone_ids = scope.user_zone_ids(user)
    if zone_ids is not None:
        open_ = open_.filter(zone__in=zone_ids)
    if zone is not None:
        open_ = open_.filter(zone=zone)
    return [Todo(kind="work.instruction", kind_label=gettext_noop("落实领导批示"), title=ins.subject_text(),
                 url=ins.get_absolute_url(), light="red", note=f"{ins.by or ''}批示：{ins.text[:60]}",
                 zone=ins.zone.short_name or ins.zone.name)
            for ins in open_.select_related("by", "zone", "plan").order_by("at")]


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
