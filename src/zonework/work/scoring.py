"""Per-unit statistics (督查通报) and the year's assessment score (绩效考核) of each unit.

A unit is scored on the tasks it leads (牵头) in the zone's plans of the assessment year; which tasks
count (assigned, without sub-tasks) and what each is on a day is work/figures.py's rule, the one the
work summary uses too. Support units are not scored on a task (the lead answers for it).

Statistics, as of a day:
- 到期任务 (due): 按时办结 (done) + 逾期办结 (done_late) + 逾期未办结 (overdue), per work/figures.py.
- 反馈及时率: of the report dates that have passed (from assignment to the deadline or the completion
  request), the share with a lead-unit report in their window (lights.py defines dates and windows).
- 退回次数: completion requests the supervision office returned.

Score (default scheme 50 / 20 / 20 / 10, stored per zone and year in `Assessment`):
- 按时办结 = on_time_points × (按时办结 + late_credit × 逾期办结) ÷ 到期任务; full marks when nothing is due.
- 按时反馈 = punctuality_points × 反馈及时率; full marks when no report was due yet.
- 办理质量 = quality_points × mean(督查室质量评价 of the done tasks) ÷ 100; a done task not yet rated
  counts as `unrated_quality` (default 80); with no done task, `unrated_quality` as well.
- 预警扣分 = warning_points − min(warning_points, 黄牌 × yellow_deduction + 红牌 × red_deduction), where
  黄牌 / 红牌 are the yellow and red warnings `zonework remind` issued on the unit's tasks (remind.py).
- 总分 = the sum; rank by total, then on-time rate; equal totals share a rank (1, 2, 2, 4).
"""

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from zonework.core import clock
from zonework.core.money import percent
from zonework.work import figures
from zonework.work.choices import DONE_STATUSES, TaskStatus, WarningLevel
from zonework.work.lights import report_due_dates, report_start

ONE = Decimal("0.1")


def q1(value):
    return Decimal(value).quantize(ONE, rounding=ROUND_HALF_UP)


def task_punctuality(task, report_dates, today):
    """(report dates passed, of them met) for one task; `report_dates` are its lead-unit report dates."""
    if task.status == TaskStatus.DRAFT:
        return 0, 0
    start = report_start(task)
    end = min(task.deadline, today - datetime.timedelta(days=1))
    if task.completion_requested_at and task.status not in (TaskStatus.IN_PROGRESS,):
        end = min(end, clock.localdate(task.completion_requested_at))
    if task.done_at:
        end = min(end, clock.localdate(task.done_at))
    dues = report_due_dates(task.report_cycle, task.report_day, start, end)
    met = 0
    for i, due in enumerate(dues):
        window_start = dues[i - 1] + datetime.timedelta(days=1) if i else start
        if any(window_start <= d <= due for d in report_dates):
            met += 1
    return len(dues), met


def unit_statistics(tasks, today=None):
    """{unit: stats dict} over the given tasks (a queryset or list), grouped by lead unit; which tasks
    count and what each is (done, late, overdue, open) is work/figures.py's rule."""
    from zonework.work.models import ProgressReport

    today = today or clock.today()
    tasks = figures.counted(tasks)
    reports = defaultdict(list)
    for task_id, unit_id, date in ProgressReport.objects.filter(task__in=[t.pk for t in tasks]).values_list(
            "task_id", "unit_id", "date"):
        reports[(task_id, unit_id)].append(date)
    stats = {}
    for task in tasks:
        s = stats.setdefault(task.lead_unit, {
            "unit": task.lead_unit, "counts": figures.TaskCounts(unit=task.lead_unit),
            "reports_due": 0, "reports_met": 0, "returned": 0, "quality": [], "task_ids": []})
        s["counts"].add(figures.task_outcome(task, today))
        s["task_ids"].append(task.pk)
        s["returned"] += task.returned_count
        if task.status in DONE_STATUSES:
            s["quality"].append(task.quality_score)
        due, met = task_punctuality(task, reports.get((task.pk, task.lead_unit_id), []), today)
        s["reports_due"] += due
        s["reports_met"] += met
    for s in stats.values():
        counts = s.pop("counts")
        s.update(tasks=counts.tasks, due=counts.due, done=counts.done, done_late=counts.done_late,
                 overdue=counts.overdue, open=counts.open, on_time_pct=counts.on_time_pct)
        s["punctuality_pct"] = percent(s["reports_met"], s["reports_due"])
    return stats


def honour_lists(stats, size=5):
    """(红榜, 黑榜): the best and worst units by on-time rate, punctuality, then fewest overdue."""
    rows = [s for s in stats.values() if s["due"] or s["reports_due"]]

    def key(s):
        return (s["on_time_pct"] if s["on_time_pct"] is not None else Decimal(100),
                s["punctuality_pct"] if s["punctuality_pct"] is not None else Decimal(100),
                -s["overdue"], -s["returned"])

    ordered = sorted(rows, key=key, reverse=True)
    top = ordered[:size]
    bottom = [s for s in reversed(ordered) if s not in top][:size]
    return top, bottom


def warnings_by_unit(zone, year):
    from zonework.work.models import Reminder

    counts = defaultdict(lambda: {"yellow": 0, "red": 0})
    rows = Reminder.objects.filter(task__plan__zone=zone, task__plan__year=year).exclude(level=WarningLevel.NONE)
    for unit_id, level in rows.values_list("task__lead_unit_id", "level"):
        counts[unit_id][level] += 1
    return counts


def compute(assessment, today=None):
    """The ranked rows of an assessment: one per unit, with the detail behind each part."""
    from zonework.work.models import Task

    a = assessment
    tasks = Task.objects.filter(plan__zone=a.zone, plan__year=a.year).select_related("lead_unit", "plan")
    stats = unit_statistics(tasks, today)
    warnings = warnings_by_unit(a.zone, a.year)
    rows = []
    for unit, s in stats.items():
        due = s["due"]
        credit = Decimal(s["done"]) + a.late_credit * s["done_late"]
        on_time_ratio = credit / due if due else Decimal(1)
        punctual_ratio = Decimal(s["reports_met"]) / s["reports_due"] if s["reports_due"] else Decimal(1)
        ratings = [q if q is not None else a.unrated_quality for q in s["quality"]]
        quality_avg = sum(ratings) / len(ratings) if ratings else a.unrated_quality
        w = warnings.get(unit.pk, {"yellow": 0, "red": 0})
        deduction = min(a.warning_points, w["yellow"] * a.yellow_deduction + w["red"] * a.red_deduction)
        parts = {
            "on_time": q1(a.on_time_points * on_time_ratio),
            "punctuality": q1(a.punctuality_points * punctual_ratio),
            "quality": q1(a.quality_points * quality_avg / 100),
            "warnings": q1(a.warning_points - deduction),
        }
        detail = [
            f"按时办结：到期任务{due}项，按时办结{s['done']}项，逾期办结{s['done_late']}项（按{a.late_credit}计），"
            f"逾期未办结{s['overdue']}项" + ("；无到期任务，得满分" if not due else "")
            + f"，得{parts['on_time']}分（满分{a.on_time_points}）。",
            f"按时反馈：应反馈{s['reports_due']}次，按时{s['reports_met']}次"
            + ("；尚无应反馈节点，得满分" if not s["reports_due"] else "")
            + f"，得{parts['punctuality']}分（满分{a.punctuality_points}）。",
            f"办理质量：已办结{len(ratings)}项，平均{q1(quality_avg)}分"
            + (f"（未评价按{a.unrated_quality}分计）" if None in s["quality"] or not ratings else "")
            + f"，得{parts['quality']}分（满分{a.quality_points}）。",
            f"预警扣分：黄牌{w['yellow']}次×{a.yellow_deduction}，红牌{w['red']}次×{a.red_deduction}，"
            f"扣{q1(deduction)}分，得{parts['warnings']}分（满分{a.warning_points}）。",
        ]
        rows.append({
            "unit_id": unit.pk, "unit": unit.name, "total": str(q1(sum(parts.values()))),
            "parts": {k: str(v) for k, v in parts.items()},
            "counts": {k: s[k] for k in ("tasks", "due", "done", "done_late", "overdue", "open", "reports_due",
                                         "reports_met", "returned")} | {"yellow": w["yellow"], "red": w["red"]},
            "on_time_pct": str(s["on_time_pct"]) if s["on_time_pct"] is not None else None,
            "punctuality_pct": str(s["punctuality_pct"]) if s["punctuality_pct"] is not None else None,
            "detail": detail,
        })
    rows.sort(key=lambda r: (-Decimal(r["total"]), -Decimal(r["on_time_pct"] or 100), r["unit"]))
    rank, previous = 0, None
    for i, row in enumerate(rows, start=1):
        if row["total"] != previous:
            rank, previous = i, row["total"]
        row["rank"] = rank
    return rows

