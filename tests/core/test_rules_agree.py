"""One unit's year seen through every surface that counts it: the unit statistics page, the
assessment, the board's lights, the work summary's data and text, the enterprises figures page and
the summary's 企业服务 section. Each rule is stated once, so they all show the same numbers.

The day is frozen at 20 November 2026 (a Friday). 招商局 leads, in the year's plan:
    按时办结   t_done        done by its deadline
    逾期办结   t_late        done after its deadline
    逾期未办结 t_overdue     in progress, deadline 30 September
               t_child       in progress, deadline 31 October, a sub-task of t_heading
    在办       t_open        in progress, deadline 31 December
               t_requested   completion asked on 1 August, deadline 31 August, awaiting review
    not counted: t_heading (it groups t_child) and t_draft (立项, not assigned)
so 6 tasks, 4 due, 1 on time: 按时办结率 25%. 经信局 leads one task done on time.

招商局 handles four requests received in 2026: one closed with every step in time, one closed late,
one answered but open past its 10-working-day limit, one received yesterday (not yet due): 4 received,
2 closed, 3 decided, 1 on time: 按时办结率 33.3%, 1 overdue.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.enterprises.factories import make_enterprise, make_request
from tests.work.factories import PlanFactory, TaskFactory
from zonework.enterprises import actions as enterprise_actions
from zonework.enterprises.figures import unit_figures
from zonework.enterprises.models import ServiceRequest
from zonework.reports import summary, work_data
from zonework.work import actions as work_actions
from zonework.work import figures
from zonework.work.choices import ReportCycle, TaskStatus
from zonework.work.lights import task_light

D = datetime.date
YEAR = 2026
FROZEN = datetime.datetime(YEAR, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = FROZEN.date()

EXPECTED_TASKS = {"tasks": 6, "done": 1, "done_late": 1, "overdue": 2, "open": 2, "due": 4, "on_time_pct": "25.0"}
EXPECTED_REQUESTS = {"received": 4, "closed": 2, "decided": 3, "on_time": 1, "overdue": 1, "on_time_rate": "33.3"}


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN, tick=False):
        yield


@pytest.fixture
def year(frozen, zone, units, unit_user):
    plan = PlanFactory(zone=zone, title=f"{YEAR}年工作要点", year=YEAR, start_date=D(YEAR, 1, 1),
                       end_date=D(YEAR, 12, 31))

    def task(title, status, deadline, unit=units["invest"], **fields):
        return TaskFactory(plan=plan, title=title, lead_unit=unit, status=status, deadline=deadline,
                           report_cycle=ReportCycle.NONE, **fields)

    requested_at = datetime.datetime(YEAR, 8, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    heading = task("t_heading", TaskStatus.IN_PROGRESS, D(YEAR, 12, 31))
    tasks = {
        "t_done": task("t_done", TaskStatus.DONE, D(YEAR, 6, 30)),
        "t_late": task("t_late", TaskStatus.DONE_LATE, D(YEAR, 3, 31)),
        "t_overdue": task("t_overdue", TaskStatus.IN_PROGRESS, D(YEAR, 9, 30)),
        "t_child": task("t_child", TaskStatus.IN_PROGRESS, D(YEAR, 10, 31), parent=heading),
        "t_open": task("t_open", TaskStatus.IN_PROGRESS, D(YEAR, 12, 31)),
        "t_requested": task("t_requested", TaskStatus.COMPLETION_REQUESTED, D(YEAR, 8, 31),
                            completion_requested_at=requested_at),
        "t_heading": heading,
        "t_draft": task("t_draft", TaskStatus.DRAFT, D(YEAR, 12, 31)),
        "t_econ": task("t_econ", TaskStatus.DONE, D(YEAR, 5, 31), unit=units["econ"]),
    }

    ent = make_enterprise(unit_user, zone, units["invest"])
    do = enterprise_actions

    def request(received, assigned=None, replied=None, closed=None):
        req = make_request(unit_user, ent, units["invest"], received=received)
        if assigned:
            req = do.assign_request(req, units["invest"], date=assigned, acting_user=unit_user)
        if replied:
            req = do.reply_request(req, "已答复", date=replied, acting_user=unit_user)
        if closed:
            req = do.close_request(req, date=closed, acting_user=unit_user)
        return req

    request(D(YEAR, 6, 1), D(YEAR, 6, 2), D(YEAR, 6, 3), D(YEAR, 6, 10))  # on time
    request(D(YEAR, 6, 1), D(YEAR, 6, 2), D(YEAR, 6, 3), D(YEAR, 7, 1))  # closed late
    request(D(YEAR, 9, 1), D(YEAR, 9, 2), D(YEAR, 9, 3))  # open, 办结 limit 15 September passed
    request(D(YEAR, 11, 19), D(YEAR, 11, 20))  # open, not yet due
    return plan, tasks


def _cells(html, row_label):
    """The cells after the first cell that names `row_label`, as text."""
    row = re.search(rf"<tr[^>]*><td>(?:<a [^>]*>)?{row_label}(?:</a>)?</td>(.*?)</tr>", html, re.S)
    assert row, f"no row for {row_label}"
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)]


def test_the_task_counts_agree_on_every_surface(year, login, leader, supervisor, units, zone):
    plan, tasks = year
    invest = units["invest"]
    e = EXPECTED_TASKS

    # the unit statistics page (督查通报)
    page = login(leader).get(f"/work/statistics/?plan={plan.pk}").content.decode()
    tasks_n, done, late, overdue, open_, rate, *_ = _cells(page, "招商局")
    assert (tasks_n, done, late, overdue, open_, rate) == ("6", "1", "1", "2", "2", "25.0%")

    # the assessment (绩效考核)
    assessment = work_actions.create_assessment({"zone": zone, "year": YEAR}, acting_user=supervisor)
    row = next(r for r in assessment.results if r["unit"] == "招商局")
    assert {k: row["counts"][k] for k in ("tasks", "done", "done_late", "overdue", "open", "due")} == \
        {k: e[k] for k in ("tasks", "done", "done_late", "overdue", "open", "due")}
    assert row["on_time_pct"] == e["on_time_pct"]
    assert any("到期任务4项，按时办结1项，逾期办结1项" in line and "逾期未办结2项" in line for line in row["detail"])

    # the board: red exactly for the counted tasks that are overdue
    red = sorted(t.title for t in figures.counted(tasks.values()) if task_light(t).light == "red")
    assert red == ["t_child", "t_overdue"]

    # the work summary's data and its table by lead unit
    tally = work_data.tally([plan], leader, YEAR, TODAY)
    counts = tally.by_unit[invest]
    assert (counts.tasks, counts.done, counts.done_late, counts.overdue, counts.open, counts.due) == \
        (e["tasks"], e["done"], e["done_late"], e["overdue"], e["open"], e["due"])
    assert str(counts.on_time_pct) == e["on_time_pct"]
    report = summary.build(zone, YEAR, user=leader, now=TODAY)
    table = next(b for b in report.blocks if getattr(b, "caption", "") == "重点任务办理情况（按牵头单位）")
    assert ["招商局", "6", "2", "1", "4", "2"] in table.rows  # tasks, 已办结, 其中逾期办结, 未办结, 其中已逾期
    assert "全年共交办重点任务7项，已办结3项（其中逾期办结1项），正在推进4项，其中超过完成时限2项" in report.plain_text()


def test_the_service_figures_agree_on_every_surface(year, login, leader, zone):
    e = EXPECTED_REQUESTS

    # the enterprises figures page
    page = login(leader).get(f"/enterprises/requests/figures/?date_from={YEAR}-01-01&date_to={YEAR}-12-31").content.decode()
    received, _median, rate, overdue, _satisfaction = _cells(page, "招商局")
    assert (received, rate, overdue) == ("4", "33.3%", "1")

    # the figures themselves
    total = unit_figures(ServiceRequest.objects.filter(zone=zone), D(YEAR, 1, 1), D(YEAR, 12, 31), TODAY)[0]
    assert {k: getattr(total, k) for k in ("received", "closed", "decided", "on_time", "overdue")} == \
        {k: e[k] for k in ("received", "closed", "decided", "on_time", "overdue")}
    assert str(total.on_time_rate) == e["on_time_rate"]

    # the work summary's 企业服务 section and its problems
    text = summary.build(zone, YEAR, user=leader, now=TODAY).plain_text()
    assert "全年受理企业诉求4件，办结2件，办结率50%；按时办结1件，按时办结率33.3%" in text
    assert "1件诉求超过办理时限仍未办结" in text
