"""The work rows a report draws on: a year's plans and their key tasks, counted by status and unit."""

from __future__ import annotations

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field

from .common import model, rows


def available():
    return model("work", "Plan") is not None and model("work", "Task") is not None


def plans_for(zone, year, user, plan_id=None):
    Plan = model("work", "Plan")
    if Plan is None:
        return []
    qs = rows(Plan.objects.filter(zone=zone), user)
    if plan_id:
        return list(qs.filter(pk=plan_id))
    return list(qs.filter(year=year).order_by("kind", "id"))


def tasks_of(plans, user):
    """The plans' tasks (all levels), in plan order, with units loaded."""
    Task = model("work", "Task")
    if Task is None or not plans:
        return []
    qs = Task.objects.filter(plan__in=plans)
    if user is not None:
        from zonework.work.access import visible_tasks

        qs = visible_tasks(user, "view", qs)
    return list(qs.select_related("lead_unit", "plan").prefetch_related("support_units")
                .order_by("plan_id", "position", "id"))


def units_text(task):
    """经信局、招商局 — the lead unit first, then the support units in their order."""
    names = [task.lead_unit.name] if task.lead_unit_id else []
    for unit in sorted(task.support_units.all(), key=lambda u: (u.path if hasattr(u, "path") else "", u.pk)):
        if unit.name not in names:
            names.append(unit.name)
    return "、".join(names)


@dataclass
class UnitTally:
    unit: object
    total: int = 0
    done: int = 0
    done_late: int = 0
    open: int = 0
    overdue: int = 0


@dataclass
class TaskTally:
    plans: list
    tasks: list  # the counted (top-level, assigned) tasks
    as_of: datetime.date
    done: list = field(default_factory=list)
    done_late: list = field(default_factory=list)
    open: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    draft: list = field(default_factory=list)
    by_unit: dict = field(default_factory=OrderedDict)


def tally(plans, user, year, today):
    """Count a year's key tasks by status, as of the year's end or today. The tasks counted are the
    plans' work items: tasks without sub-tasks (a task with sub-tasks is a heading that groups them)."""
    from zonework.work.choices import DONE_STATUSES, TaskStatus

    as_of = min(today, datetime.date(year, 12, 31))
    all_tasks = tasks_of(plans, user)
    parents = {t.parent_id for t in all_tasks if t.parent_id}
    leaves = [t for t in all_tasks if t.pk not in parents]
    result = TaskTally(plans=plans, tasks=[], as_of=as_of)
    for task in leaves:
        if task.status == TaskStatus.DRAFT:
            result.draft.append(task)
            continue
        result.tasks.append(task)
        tally_unit = result.by_unit.setdefault(task.lead_unit_id, UnitTally(task.lead_unit))
        tally_unit.total += 1
        if task.status in DONE_STATUSES:
            result.done.append(task)
            tally_unit.done += 1
            if task.status == TaskStatus.DONE_LATE:
                result.done_late.append(task)
                tally_unit.done_late += 1
        else:
            result.open.append(task)
            tally_unit.open += 1
            if task.deadline and task.deadline < as_of:
                result.overdue.append(task)
                tally_unit.overdue += 1
    return result
