"""Red / yellow / green lights (红黄绿灯) for a task, by written rules configurable per plan.

The rules, in the words shown on the board (`LightRules.explain`):

- 灰色 未交办: the task is still a draft (立项).
- 蓝色 已办结: done or done late; no light.
- 红灯 (any of): the deadline has passed and the task is not done (逾期, work/figures.py's rule, the
  one the statistics and the summary count by); or the unit has missed
  `red_missed_reports` (default 2) report dates in a row.
- 黄灯 (any of, when not red): the deadline is within `yellow_days` (default 3) days; or one report
  date was missed; or progress is behind the time elapsed by more than `behind_tolerance` (default
  10) percentage points, where time elapsed (时间进度, `elapsed_pct`) = days since the task began (its
  start date, or the day it was assigned if later) ÷ days from then to the deadline. This is the
  task's own span, not the year's 时序进度 (economy's `time_pct`, N/12 after month N).
- 绿灯: any other task being worked on.
- A completion request waiting for review is green if it was made by the deadline, red if after.

Report dates come from the task's cycle: weekly on weekday N (1 = Monday), monthly on day N,
quarterly on day N of March, June, September and December; the first date falls after the day the
task was assigned, the last on or before the deadline. A date counts as missed once it has passed
(it is before today) and no report was filed in its window (after the previous report date, up to
and including this one). Misses count backwards from the latest date: a report made later closes
the gap, and the light recovers (Ouhai's rule, DOMAIN_NOTES §1).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from zonework.core import clock
from zonework.core.money import number_text
from zonework.work.choices import DONE_STATUSES, Light, ReportCycle, TaskStatus
from zonework.work.figures import is_overdue


@dataclass(frozen=True)
class LightRules:
    """The light thresholds; these defaults are also the defaults of a new Plan's fields."""

    yellow_days: int = 3
    red_missed_reports: int = 2
    behind_tolerance: int = 10

    @classmethod
    def for_plan(cls, plan):
        return cls(yellow_days=plan.yellow_days, red_missed_reports=plan.red_missed_reports,
                   behind_tolerance=plan.behind_tolerance)

    def explain(self) -> list[str]:
        red = _("超过完成时限仍未办结；或连续%(n)s次未按反馈周期报送进度。") % {"n": self.red_missed_reports}
        yellow = [_("距完成时限不超过%(n)s天且未办结") % {"n": self.yellow_days}]
        if self.red_missed_reports > 1:
            yellow.append(_("错过1次反馈节点"))
        yellow.append(_("完成进度落后时间进度超过%(n)s个百分点（时间进度 = 自开始或交办之日起已过天数 ÷ 至完成时限的总天数）")
                      % {"n": self.behind_tolerance})
        return [
            _("红灯：") + red,
            _("黄灯：") + _("；或").join(yellow) + _("。"),
            _("绿灯：其余正常推进的任务。已申请办结待审核的任务，按时申请为绿灯，逾期后申请为红灯。"),
            _("蓝色：已办结（含逾期办结）；灰色：尚未交办。"),
            _("反馈节点：每周任务为每周的第N天，每月任务为每月N日，每季度任务为季末月N日；补报后灯色随之恢复。"),
        ]


@dataclass(frozen=True)
class LightResult:
    light: str
    reasons: tuple[str, ...] = ()
    missed_reports: int = 0
    elapsed_pct: Decimal | None = None
    next_report_due: datetime.date | None = None
    missed_dates: tuple[datetime.date, ...] = field(default=())

    @property
    def label(self):
        return Light(self.light).label


def _add_months(year, month, n):
    month += n
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return year, month


def report_due_dates(cycle, day, start, end):
    """Report dates after `start` and on or before `end` (both dates), oldest first."""
    if cycle == ReportCycle.NONE or start is None or end is None or end <= start:
        return []
    dates = []
    if cycle == ReportCycle.WEEKLY:
        weekday = min(max(int(day or 5), 1), 7) - 1
        d = start + datetime.timedelta(days=(weekday - start.weekday()) % 7 or 7)
        while d <= end:
            dates.append(d)
            d += datetime.timedelta(days=7)
        return dates
    step = 1 if cycle == ReportCycle.MONTHLY else 3
    day = min(max(int(day or 25), 1), 28)
    year, month = start.year, start.month
    if step == 3:
        year, month = _add_months(year, month, (3 - month % 3) % 3)  # the quarter's last month
    while True:
        d = datetime.date(year, month, day)
        if d > end:
            return dates
        if d > start:
            dates.append(d)
        year, month = _add_months(year, month, step)


def _window_start(dues, i, start):
    """A report counts for due date i when it is made on or after this day (the day after the last due)."""
    return dues[i - 1] + datetime.timedelta(days=1) if i else start


def missed_report_dates(cycle, day, start, end, last_report, today):
    """The passed report dates, counting back from the latest, with no report since their window opened."""
    dues = [d for d in report_due_dates(cycle, day, start, end) if d < today]
    missed = []
    for i in range(len(dues) - 1, -1, -1):
        if last_report is not None and last_report >= _window_start(dues, i, start):
            break
        missed.append(dues[i])
    return list(reversed(missed))


def next_report_due(cycle, day, start, end, today):
    return next((d for d in report_due_dates(cycle, day, start, end) if d >= today), None)


def next_report_owed(cycle, day, start, end, last_report, today):
    """The coming report date (today or later) not yet met by a report in its window, or None."""
    dues = report_due_dates(cycle, day, start, end)
    for i, d in enumerate(dues):
        if d >= today:
            met = last_report is not None and last_report >= _window_start(dues, i, start)
            return None if met else d
    return None


def elapsed_pct(start, deadline, today):
    """时间进度: the share of the span start → deadline that has passed on `today`, in percent (0-100)."""
    if start is None or deadline is None:
        return None
    total = (deadline - start).days
    if total <= 0:
        return Decimal(100) if today >= deadline else Decimal(0)
    pct = Decimal((today - start).days * 100) / Decimal(total)
    pct = min(max(pct, Decimal(0)), Decimal(100))
    return pct.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def evaluate(*, status, deadline, start, progress, cycle, report_day, last_report, today, rules=None,
             report_start=None, requested_on=None):
    """The light of one task from plain values (see the module docstring for the rules)."""
    rules = rules or LightRules()
    if status == TaskStatus.DRAFT:
        return LightResult(Light.NONE, (_("尚未交办"),))
    if status in DONE_STATUSES:
        return LightResult(Light.DONE, (_("逾期办结") if status == TaskStatus.DONE_LATE else _("已办结"),))
    if status == TaskStatus.COMPLETION_REQUESTED:
        if is_overdue(status, deadline, today, requested_on):
            return LightResult(Light.RED, (_("逾期后申请办结（时限%(deadline)s），待督查室审核") % {"deadline": deadline},))
        return LightResult(Light.GREEN, (_("已申请办结，待督查室审核"),))
    red, yellow = [], []
    missed = missed_report_dates(cycle, report_day, report_start or start, deadline, last_report, today)
    if is_overdue(status, deadline, today):
        red.append(_("已超过完成时限%(days)s天（%(deadline)s）") % {"days": (today - deadline).days, "deadline": deadline})
    if len(missed) >= rules.red_missed_reports:
        red.append(_("连续%(n)s次未按时反馈进度（%(dates)s）")
                   % {"n": len(missed), "dates": _("、").join(str(d) for d in missed[-3:])})
    elif missed:
        yellow.append(_("错过%(n)s次反馈节点（%(date)s）") % {"n": len(missed), "date": missed[-1]})
    if deadline is not None and 0 <= (deadline - today).days <= rules.yellow_days:
        days = (deadline - today).days
        yellow.append(_("今天到期") if days == 0 else _("距完成时限还有%(days)s天") % {"days": days})
    pct = elapsed_pct(report_start or start, deadline, today)
    progress = Decimal(progress or 0)
    if pct is not None and today <= (deadline or today) and progress + rules.behind_tolerance < pct:
        yellow.append(_("完成进度%(progress)s%%落后时间进度%(elapsed)s%%")
                      % {"progress": number_text(progress, 1), "elapsed": number_text(pct, 1)})
    light = Light.RED if red else Light.YELLOW if yellow else Light.GREEN
    reasons = tuple(red + yellow) or (_("按计划推进"),)
    return LightResult(light, reasons, len(missed), pct,
                       next_report_due(cycle, report_day, report_start or start, deadline, today),
                       tuple(missed))


def report_start(task):
    """Reports are owed from the later of the task's start and the day it was assigned."""
    start = task.effective_start()
    if task.assigned_at is not None:

        assigned = clock.localdate(task.assigned_at)
        start = max(start, assigned) if start else assigned
    return start


def task_light(task, today=None, rules=None):
    """The light of a saved Task (uses its plan's rules unless `rules` is given)."""

    today = today or clock.today()
    rules = rules or LightRules.for_plan(task.plan)
    requested = clock.localdate(task.completion_requested_at) if task.completion_requested_at else None
    return evaluate(status=task.status, deadline=task.deadline, start=task.effective_start(),
                    progress=task.progress, cycle=task.report_cycle, report_day=task.report_day,
                    last_report=task.last_report_date, today=today, rules=rules,
                    report_start=report_start(task), requested_on=requested)
