"""The work rows a report draws on: a year's plans and their key tasks, counted by status and unit
(the counting itself is work/figures.py's)."""

from __future__ import annotations

import datetime
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
class TaskTally:
    plans: list
    tasks: list  # the counted tasks (work/figures.py: assigned, without sub-tasks), in plan order
    as_of: datetime.date
    totals: object = None  # work.figures.TaskCounts over all counted tasks
    done: list = field(default_factory=list)  # 已办结, on time or late
    done_late: list = field(default_factory=list)
    open: list = field(default_factory=list)  # not yet done, overdue or not
    overdue: list = field(default_factory=list)
    by_unit: dict = field(default_factory=dict)  # lead unit → work.figures.TaskCounts


def tally(plans, user, year, today):
    """A year's key tasks as of the year's end or today, counted by work/figures.py, the rule the
    unit statistics page and the assessment count by."""
    from zonework.work import figures

    as_of = min(today, datetime.date(year, 12, 31))
    totals, by_unit, outcomes = figures.count_by_unit(tasks_of(plans, user), as_of)
    result = TaskTally(plans=plans, tasks=[t for t, _ in outcomes], as_of=as_of, totals=totals, by_unit=by_unit)
    for task, outcome in outcomes:
        if outcome in (figures.DONE, figures.DONE_LATE):
            result.done.append(task)
        if outcome == figures.DONE_LATE:
            result.done_late.append(task)
        if outcome in (figures.OVERDUE, figures.OPEN):
            result.open.append(task)
        if outcome == figures.OVERDUE:
            result.overdue.append(task)
    return result
