"""How tasks are counted (work/figures.py): the one rule of the statistics page, the assessment, the
board's red light and the work summary, one row per case."""

import datetime

import pytest

from tests.work.factories import TaskFactory
from zonework.work import figures
from zonework.work.choices import TaskStatus
from zonework.work.lights import evaluate

D = datetime.date
DEADLINE = D(2026, 6, 30)

CASES = [
    # (what a supervisor sees, status, as of, completion requested on, outcome)
    ("a draft is not counted", TaskStatus.DRAFT, D(2026, 7, 1), None, None),
    ("done by the deadline", TaskStatus.DONE, D(2026, 7, 1), None, "done"),
    ("done after the deadline", TaskStatus.DONE_LATE, D(2026, 7, 1), None, "done_late"),
    ("being worked on before the deadline", TaskStatus.IN_PROGRESS, D(2026, 6, 29), None, "open"),
    ("on the deadline day itself", TaskStatus.IN_PROGRESS, D(2026, 6, 30), None, "open"),
    ("the day after the deadline", TaskStatus.IN_PROGRESS, D(2026, 7, 1), None, "overdue"),
    ("assigned, never accepted, past the deadline", TaskStatus.ASSIGNED, D(2026, 12, 31), None, "overdue"),
    ("completion asked by the deadline, awaiting review", TaskStatus.COMPLETION_REQUESTED, D(2026, 7, 10),
     D(2026, 6, 30), "open"),
    ("completion asked after the deadline", TaskStatus.COMPLETION_REQUESTED, D(2026, 7, 10), D(2026, 7, 2),
     "overdue"),
]


@pytest.mark.parametrize(("case", "status", "as_of", "requested", "expected"), CASES, ids=[c[0] for c in CASES])
def test_what_a_task_counts_as(case, status, as_of, requested, expected):
    assert figures.outcome(status, DEADLINE, as_of, requested) == expected


@pytest.mark.parametrize(("case", "status", "as_of", "requested", "expected"),
                         [c for c in CASES if c[1] not in (TaskStatus.DRAFT, TaskStatus.DONE, TaskStatus.DONE_LATE)],
                         ids=[c[0] for c in CASES if c[1] not in (TaskStatus.DRAFT, TaskStatus.DONE,
                                                                  TaskStatus.DONE_LATE)])
def test_the_board_is_red_exactly_when_the_task_counts_as_overdue(case, status, as_of, requested, expected):
    light = evaluate(status=status, deadline=DEADLINE, start=D(2026, 1, 1), progress=100, cycle="none",
                     report_day=None, last_report=None, today=as_of, requested_on=requested).light
    assert (light == "red") == (expected == "overdue")


@pytest.mark.parametrize(("outcomes", "due", "completed", "on_time_pct"), [
    (["done", "done_late", "overdue", "open"], 3, 2, "33.3"),
    (["done", "done"], 2, 2, "100.0"),
    (["open", "open"], 0, 0, None),  # nothing due yet: no rate, not 0%
    (["done_late", "overdue"], 2, 1, "0.0"),
])
def test_counts_and_the_on_time_rate(outcomes, due, completed, on_time_pct):
    counts = figures.TaskCounts()
    for outcome in outcomes:
        counts.add(outcome)
    assert (counts.tasks, counts.due, counts.completed) == (len(outcomes), due, completed)
    assert (str(counts.on_time_pct) if counts.on_time_pct is not None else None) == on_time_pct


def test_a_heading_with_sub_tasks_is_not_counted_twice(plan, units):
    heading = TaskFactory(plan=plan, title="着力推动产业高质量发展", lead_unit=units["econ"], status=TaskStatus.IN_PROGRESS,
                          deadline=D(2026, 12, 31))
    child = TaskFactory(plan=plan, parent=heading, title="着力打造世界知名车都", lead_unit=units["econ"],
                        status=TaskStatus.DONE, deadline=D(2026, 6, 30))
    alone = TaskFactory(plan=plan, title="深化重点领域改革", lead_unit=units["office"], status=TaskStatus.IN_PROGRESS,
                        deadline=D(2026, 3, 31))
    draft = TaskFactory(plan=plan, title="研究编制产城规划", lead_unit=units["office"], deadline=D(2026, 3, 31))
    # A unit that sees only the heading still does not count it: sub-tasks are asked of the database.
    assert figures.counted([heading]) == []
    assert figures.counted([heading, child, alone, draft]) == [child, alone]
    total, by_unit, _ = figures.count_by_unit([heading, child, alone, draft], D(2026, 7, 1))
    assert (total.tasks, total.done, total.overdue, total.open) == (2, 1, 1, 0)
    assert {u.name: (c.tasks, c.done, c.overdue) for u, c in by_unit.items()} == {"经信局": (1, 1, 0),
                                                                                "党政办公室": (1, 0, 1)}
