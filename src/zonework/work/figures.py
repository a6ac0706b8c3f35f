"""How tasks are counted: the one rule behind the unit statistics page (督查通报), the assessment
(绩效考核), the board's lights and the work summary's 重点工作 section.

Which tasks count: every task that has been assigned (not 立项 / draft) and has no sub-tasks. A task
with sub-tasks is a heading that groups them; its sub-tasks are the work, and counting both would count
the same work twice.

What a counted task is on a day `as_of`:
- 按时办结 `done`: approved as done by its deadline (status 已办结);
- 逾期办结 `done_late`: approved as done after it (status 逾期办结);
- 逾期未办结 `overdue`: not done and the deadline is before `as_of`, unless completion was requested
  by the deadline and waits for review (the request was on time; the task will be 已办结);
- 在办 `open`: any other task being worked on.

Counts per unit (the lead unit answers for a task):
- 到期任务 `due` = done + done_late + overdue; 已办结 `completed` = done + done_late;
- 按时办结率 `on_time_pct` = done ÷ due × 100, one decimal, none when nothing is due.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from zonework.core import clock
from zonework.core.money import percent
from zonework.work.choices import TaskStatus

DONE, DONE_LATE, OVERDUE, OPEN = "done", "done_late", "overdue", "open"


def is_overdue(status, deadline, as_of, requested_on=None):
    """Past the deadline and not done; a completion requested by the deadline is not overdue."""
    if status in (TaskStatus.DRAFT, TaskStatus.DONE, TaskStatus.DONE_LATE) or deadline is None:
        return False
    if status == TaskStatus.COMPLETION_REQUESTED:
        return (requested_on or as_of) > deadline
    return as_of > deadline


def outcome(status, deadline, as_of, requested_on=None):
    """done / done_late / overdue / open for a task's plain values; None for a draft (not counted)."""
    if status == TaskStatus.DRAFT:
        return None
    if status == TaskStatus.DONE:
        return DONE
    if status == TaskStatus.DONE_LATE:
        return DONE_LATE
    return OVERDUE if is_overdue(status, deadline, as_of, requested_on) else OPEN


def task_outcome(task, as_of):
    requested = clock.localdate(task.completion_requested_at) if task.completion_requested_at else None
    return outcome(task.status, task.deadline, as_of, requested)


def counted(tasks):
    """The tasks that count (see the module docstring), in the order given."""
    from zonework.work.models import Task

    tasks = [t for t in tasks if t.status != TaskStatus.DRAFT]
    # Asked of the database, not of the list: a unit that sees a heading but not its sub-tasks
    # must not count the heading as work of its own.
    headings = set(Task.objects.filter(parent_id__in=[t.pk for t in tasks]).values_list("parent_id", flat=True))
    return [t for t in tasks if t.pk not in headings]


@dataclass
class TaskCounts:
    unit: object = None
    tasks: int = 0
    done: int = 0
    done_late: int = 0
    overdue: int = 0
    open: int = 0

    def add(self, result):
        self.tasks += 1
        setattr(self, result, getattr(self, result) + 1)

    @property
    def due(self):
        return self.done + self.done_late + self.overdue

    @property
    def completed(self):
        return self.done + self.done_late

    @property
    def unfinished(self):
        return self.overdue + self.open

    @property
    def on_time_pct(self):
        return percent(self.done, self.due)


def count_by_unit(tasks, as_of):
    """(total, {lead unit: TaskCounts}, [(task, outcome)]) over the counted tasks, on `as_of`."""
    total, by_unit, outcomes = TaskCounts(), OrderedDict(), []
    for task in counted(tasks):
        result = task_outcome(task, as_of)
        total.add(result)
        by_unit.setdefault(task.lead_unit, TaskCounts(unit=task.lead_unit)).add(result)
        outcomes.append((task, result))
    return total, by_unit, outcomes
