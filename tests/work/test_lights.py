"""The light rules (lights.py), one row per rule: what the board shows for a task on a given day."""

import datetime
from decimal import Decimal

import pytest

from zonework.work.choices import Light, ReportCycle, TaskStatus
from zonework.work.lights import LightRules, elapsed_pct, evaluate, missed_report_dates, report_due_dates

D = datetime.date
START = D(2026, 1, 1)

BASE = {"status": TaskStatus.IN_PROGRESS, "deadline": D(2026, 12, 31), "start": START, "progress": 50,
        "cycle": ReportCycle.MONTHLY, "report_day": 25, "last_report": D(2026, 6, 20), "today": D(2026, 6, 30)}

CASES = [
    # (what the user sees, changes to BASE, light, a word in the reasons)
    ("draft task is grey", {"status": TaskStatus.DRAFT}, Light.NONE, "尚未交办"),
    ("done task is blue", {"status": TaskStatus.DONE, "today": D(2027, 3, 1)}, Light.DONE, "已办结"),
    ("late-done task is blue, marked late", {"status": TaskStatus.DONE_LATE}, Light.DONE, "逾期办结"),
    ("on track: green", {}, Light.GREEN, "按计划推进"),
    ("deadline passed: red", {"deadline": D(2026, 6, 29), "progress": 100}, Light.RED, "已超过完成时限1天"),
    ("two report dates missed in a row: red", {"last_report": D(2026, 4, 20)}, Light.RED, "连续2次未按时反馈"),
    ("never reported, two dates passed: red", {"last_report": None, "today": D(2026, 3, 1), "progress": 20},
     Light.RED, "连续2次"),
    ("one report date missed: yellow", {"last_report": D(2026, 5, 20)}, Light.YELLOW, "错过1次反馈节点"),
    ("late report closes the gap: green", {"last_report": D(2026, 6, 27)}, Light.GREEN, "按计划推进"),
    ("deadline within 3 days: yellow", {"deadline": D(2026, 7, 3), "progress": 95}, Light.YELLOW,
     "距完成时限还有3天"),
    ("deadline today: yellow", {"deadline": D(2026, 6, 30), "progress": 99}, Light.YELLOW, "今天到期"),
    ("deadline 4 days away: green", {"deadline": D(2026, 7, 4), "progress": 99}, Light.GREEN, "按计划推进"),
    ("behind time elapsed by more than 10 points: yellow", {"progress": 30}, Light.YELLOW, "落后时间进度"),
    ("behind by exactly the tolerance: green", {"progress": Decimal("39.6")}, Light.GREEN, "按计划推进"),
    ("completion requested in time: green", {"status": TaskStatus.COMPLETION_REQUESTED}, Light.GREEN, "待督查室审核"),
    ("no report cycle: never missed", {"cycle": ReportCycle.NONE, "last_report": None}, Light.GREEN, "按计划推进"),
    ("weekly cycle, last Friday missed: yellow",
     {"cycle": ReportCycle.WEEKLY, "report_day": 5, "last_report": D(2026, 6, 19)}, Light.YELLOW, "错过1次"),
]


@pytest.mark.parametrize(("case", "changes", "light", "word"), CASES, ids=[c[0] for c in CASES])
def test_light_rules(case, changes, light, word):
    result = evaluate(**{**BASE, **changes}, rules=LightRules())
    assert result.light == light, result.reasons
    assert any(word in r for r in result.reasons), result.reasons


def test_completion_requested_after_deadline_is_red():
    result = evaluate(**{**BASE, "status": TaskStatus.COMPLETION_REQUESTED, "deadline": D(2026, 6, 1)},
                      requested_on=D(2026, 6, 10))
    assert result.light == Light.RED


def test_rules_are_configurable_per_plan():
    """A plan that tolerates no slip and warns a week ahead lights the same task differently."""
    strict = LightRules(yellow_days=7, red_missed_reports=1, behind_tolerance=0)
    assert evaluate(**{**BASE, "last_report": D(2026, 5, 20)}, rules=strict).light == Light.RED
    assert evaluate(**{**BASE, "deadline": D(2026, 7, 6), "progress": 99}, rules=strict).light == Light.YELLOW
    assert evaluate(**{**BASE, "progress": 49}, rules=strict).light == Light.YELLOW
    assert "连续1次" in strict.explain()[0]


def test_rules_are_explained_in_chinese_words():
    words = "".join(LightRules().explain())
    assert "红灯" in words and "黄灯" in words and "绿灯" in words and "3天" in words and "10个百分点" in words


@pytest.mark.parametrize(("cycle", "day", "start", "end", "expected"), [
    (ReportCycle.MONTHLY, 25, D(2026, 1, 1), D(2026, 3, 31), [D(2026, 1, 25), D(2026, 2, 25), D(2026, 3, 25)]),
    (ReportCycle.MONTHLY, 25, D(2026, 1, 25), D(2026, 2, 28), [D(2026, 2, 25)]),
    (ReportCycle.QUARTERLY, 20, D(2026, 2, 1), D(2026, 12, 31),
     [D(2026, 3, 20), D(2026, 6, 20), D(2026, 9, 20), D(2026, 12, 20)]),
    (ReportCycle.WEEKLY, 5, D(2026, 6, 1), D(2026, 6, 20), [D(2026, 6, 5), D(2026, 6, 12), D(2026, 6, 19)]),
    (ReportCycle.NONE, 1, D(2026, 1, 1), D(2026, 12, 31), []),
])
def test_report_dates(cycle, day, start, end, expected):
    assert report_due_dates(cycle, day, start, end) == expected


def test_missed_dates_count_back_from_the_latest():
    args = (ReportCycle.MONTHLY, 25, D(2026, 1, 1), D(2026, 12, 31))
    assert missed_report_dates(*args, None, D(2026, 4, 1)) == [D(2026, 1, 25), D(2026, 2, 25), D(2026, 3, 25)]
    assert missed_report_dates(*args, D(2026, 2, 20), D(2026, 4, 1)) == [D(2026, 3, 25)]
    assert missed_report_dates(*args, D(2026, 2, 26), D(2026, 4, 1)) == []  # counts for the March window
    assert missed_report_dates(*args, D(2026, 3, 25), D(2026, 4, 1)) == []
    # the report date itself is not missed until it has passed
    assert missed_report_dates(*args, D(2026, 2, 20), D(2026, 3, 25)) == []


@pytest.mark.parametrize(("start", "deadline", "today", "expected"), [
    (D(2026, 1, 1), D(2026, 1, 11), D(2026, 1, 6), Decimal("50.0")),
    (D(2026, 1, 1), D(2026, 1, 11), D(2025, 12, 1), Decimal("0")),
    (D(2026, 1, 1), D(2026, 1, 11), D(2026, 3, 1), Decimal("100")),
    (D(2026, 1, 1), D(2026, 1, 1), D(2026, 1, 1), Decimal("100")),
])
def test_time_elapsed(start, deadline, today, expected):
    assert elapsed_pct(start, deadline, today) == expected


def test_a_new_plan_lights_by_the_thresholds_the_board_explains():
    """The thresholds are written once (LightRules); a plan created without them uses the same 3 / 2 / 10."""
    from zonework.work.models import Plan

    plan = Plan(title="年度工作要点", year=2026)
    assert (plan.yellow_days, plan.red_missed_reports, plan.behind_tolerance) == (3, 2, 10)
    assert LightRules.for_plan(plan) == LightRules()
    assert "完成进度落后时间进度超过10个百分点" in "".join(LightRules.for_plan(plan).explain())
