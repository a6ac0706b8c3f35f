"""The year's work summary (工作总结) for a zone, drafted from the database.

    <zone>
    <year>年工作总结（和<year+1>年工作要点）
    一、<year>年工作总结
       opening: the year's headline results, each with its target's completion
       target by target: met or missed
       （一）重点工作推进情况      work: key tasks done, done late, open, overdue, by lead unit
       （二）招商引资和项目建设    investment: signed, paid-in, 开工/投产, named major projects
       （三）企业服务              enterprises: requests, on-time rate, satisfaction
       （N）存在的问题            drafted from what is off track
    二、<year+1>年工作要点         when next year's targets or plan are entered

Every figure is a `Figure` made from a row. A section whose app is missing or has no rows for the
year is left out (and listed in `report.notes` for the page); nothing is invented.
"""

from __future__ import annotations

from zonework.core.money import percent, quantity_text

from . import economy_data, sections, work_data
from .common import (
    ReportError,
    check_period,
    check_zone,
    count_figure,
    figure,
    gap_words,
    growth_words,
    issuer_for,
    list_url,
    num,
    today,
)
from .docx_format import Heading, Paragraph, Report, Signature, Table, Title, chinese_number
from .plan_doc import target_clauses, task_blocks


def _period(row):
    return f"1-{row.month}月" if row.month else "全年"


def result_clause(row):
    """完成规模以上工业总产值2020亿元，增长20%，完成年度目标的101% — from the row's observation."""
    obs = row.observation
    source = f"{obs}（{obs.get_source_display()}）" if hasattr(obs, "get_source_display") else str(obs)
    spans = []
    value = obs.ytd_value if obs.ytd_value is not None else (obs.month_value if obs.month is None else None)
    if value is not None:
        spans += [f"完成{row.name}", figure(quantity_text(value, obs.value_unit), obs, source)]
        if obs.yoy_pct is not None:
            spans += ["，", figure(growth_words(obs.yoy_pct), obs, source)]
    elif obs.yoy_pct is not None:
        spans += [f"{row.name}", figure(growth_words(obs.yoy_pct), obs, source)]
    else:
        return []
    a = row.assessment
    if a is not None and a.progress_pct is not None:
        spans += ["，完成年度目标的", figure(f"{num(a.progress_pct, 1)}%", row.target,
                                             f"{row.target}：{row.target.describe()}")]
    return spans


def verdict_clause(row):
    """规模以上工业总产值目标增长不低于20%，实际增长18%，未完成目标 — or None without a figure."""
    t, a, obs = row.target, row.assessment, row.observation
    if t is None or a is None or obs is None or a.light == "grey":
        return None
    spans = [f"{row.name}目标", figure(t.describe().replace("；", "，"), t, f"{t}")]
    actual = []
    if t.value is not None and obs.ytd_value is not None:
        actual.append(quantity_text(obs.ytd_value, obs.value_unit))
    if t.growth_pct is not None and obs.yoy_pct is not None:
        actual.append(growth_words(obs.yoy_pct))
    if actual:
        spans += [f"，{_period(row)}实际", figure("，".join(actual), obs, str(obs))]
    if row.month:
        gap = a.level_gap
        if a.progress_pct is not None and gap is not None:
            spans += ["，完成进度", figure(f"{num(a.progress_pct, 1)}%", t, str(t)), f"，{gap_words(gap)}"]
        spans.append("，目前" + ("符合进度要求" if a.on_track else "落后于进度要求"))
    else:
        spans.append("，" + ("完成年度目标" if a.on_track else "未完成年度目标"))
    return spans


def economy_blocks(report, zone, year, user, problems):
    rows = [r for r in economy_data.year_rows(zone, year, user)]
    with_figures = [r for r in rows if r.observation is not None]
    if not with_figures:
        report.notes.append("本年度没有统计数据，经济指标部分从略。")
        return False
    clauses = [c for c in (result_clause(r) for r in with_figures) if c]
    partial = sorted({r.month for r in with_figures if r.month})
    lead = f"{year}年，全区" if not partial else f"{year}年（部分指标为1-{max(partial)}月数据），全区"
    spans = [lead]
    for i, clause in enumerate(clauses):
        spans += (["；"] if i else []) + clause
    spans.append("。")
    report.add(Paragraph(spans))

    judged = [(r, verdict_clause(r)) for r in rows]
    judged = [(r, c) for r, c in judged if c]
    if judged:
        met = [r for r, _ in judged if r.assessment.on_track]
        missed = [r for r, _ in judged if not r.assessment.on_track]
        partial_judged = any(r.month for r, _ in judged)
        met_words, missed_words = (("完成目标或符合进度要求", "落后于进度要求") if partial_judged
                                   else ("完成年度目标", "未完成年度目标"))
        spans = ["对照年初确定的预期目标，设定目标的", count_figure(f"{len(judged)}项", "有目标且有实际数据的指标",
                                                              list_url("economy:dashboard", zone=zone.pk, year=year)),
                 "指标中，", count_figure(f"{len(met)}项", met_words), met_words]
        if missed:
            spans += ["，", count_figure(f"{len(missed)}项", missed_words), missed_words]
        spans.append("。其中，")
        for i, (_r, clause) in enumerate(judged):
            spans += (["；"] if i else []) + clause
        spans.append("。")
        report.add(Paragraph(spans))
        if missed:
            spans = []
            for i, r in enumerate(missed):
                spans += (["、"] if i else []) + [figure(r.name, r.target, str(r.target))]
            partial_missed = any(r.month for r in missed)
            problems.append(spans + ["完成进度落后于目标要求" if partial_missed else "未完成年度目标"])
    no_target = [r for r in rows if r.target is None and r.observation is not None]
    if len(no_target) == len(with_figures):
        report.notes.append("本年度未录入预期目标，无法判断各指标是否完成目标。")
    return True


def work_blocks(report, zone, year, user, problems, now):
    if not work_data.available():
        report.notes.append("督查督办模块未安装，重点工作部分从略。")
        return False
    plans = work_data.plans_for(zone, year, user)
    tally = work_data.tally(plans, user, year, now)
    if not tally.tasks:
        report.notes.append(f"{year}年没有已交办的重点任务，重点工作部分从略。")
        return False
    report.add(Heading(2, "重点工作推进情况"))
    plan_names = "、".join(f"《{p.title}》" for p in plans)
    board = list_url("work:board", plan=plans[0].pk if len(plans) == 1 else None)
    spans = [f"围绕{plan_names}，全年共交办重点任务", count_figure(f"{len(tally.tasks)}项", "已交办的重点任务", board),
             "，已办结", count_figure(f"{len(tally.done)}项", "已办结（含逾期办结）的重点任务", board)]
    if tally.done_late:
        spans += ["（其中逾期办结", count_figure(f"{len(tally.done_late)}项", "逾期办结的重点任务", board), "）"]
    spans += ["，正在推进", count_figure(f"{len(tally.open)}项", "尚未办结的重点任务", board)]
    if tally.overdue:
        spans += ["，其中超过完成时限", count_figure(f"{len(tally.overdue)}项", "超过完成时限仍未办结的重点任务", board)]
    rate = percent(tally.totals.completed, tally.totals.tasks)
    spans += ["，办结率", count_figure(f"{num(rate, 1)}%", "已办结任务数 ÷ 已交办任务数"), "。"]
    report.add(Paragraph(spans))

    if tally.done:
        names = [figure(f"{t.title.rstrip('。')}（{t.lead_unit}）", t, f"任务：{t}") for t in tally.done[:8]]
        spans = ["已办结的重点任务主要有："]
        for i, n in enumerate(names):
            spans += (["、"] if i else []) + [n]
        spans.append(f"等{len(tally.done)}项。" if len(tally.done) > 8 else "。")
        report.add(Paragraph(spans))
    if tally.overdue:
        spans = ["超过完成时限仍未办结的任务："]
        for i, t in enumerate(tally.overdue):
            spans += (["；"] if i else []) + [figure(t.title.rstrip("。"), t, f"任务：{t}"),
                                             f"，由{t.lead_unit}牵头，完成时限为{t.deadline.year}年"
                                             f"{t.deadline.month}月{t.deadline.day}日，完成进度",
                                             figure(f"{num(t.progress, 0)}%", t, f"任务：{t}")]
        spans.append("。")
        report.add(Paragraph(spans))
        units = list(dict.fromkeys(str(t.lead_unit) for t in tally.overdue))
        problems.append([count_figure(f"{len(tally.overdue)}项", "超过完成时限仍未办结的重点任务", board),
                         f"重点任务超过完成时限仍未办结，涉及{'、'.join(units)}"])
    table_rows = []
    for u in tally.by_unit.values():
        table_rows.append([str(u.unit), str(u.tasks), str(u.completed), str(u.done_late), str(u.unfinished),
                           str(u.overdue)])
    report.add(Table(["牵头单位", "任务数", "已办结", "其中逾期办结", "未办结", "其中已逾期"], table_rows,
                     caption="重点任务办理情况（按牵头单位）"))
    return True


def problem_blocks(report, problems):
    if not problems:
        report.notes.append("根据现有数据未发现未完成的目标和逾期事项，“存在的问题”一节需撰稿人补充。")
        return
    report.add(Heading(2, "存在的问题"))
    spans = ["在肯定成绩的同时，工作中还存在一些不足："]
    for i, problem in enumerate(problems):
        spans += (["；"] if i else []) + [f"{chinese_number(i + 1)}是"] + problem
    spans.append("。对此，我们将采取切实有效的措施加以解决。")
    report.add(Paragraph(spans))


def next_year_blocks(report, zone, year, user):
    """二、<year+1>年工作要点: next year's targets and key tasks, when entered. Returns True if written."""
    nxt = year + 1
    targets = []
    if economy_data.available():
        targets = [t for t in economy_data.targets_for(zone, nxt, user).values() if not t.recurring]
    tasks = []
    plans = work_data.plans_for(zone, nxt, user) if work_data.available() else []
    if plans:
        tasks = work_data.tasks_of(plans, user)
    if not targets and not tasks:
        report.notes.append(f"尚未录入{nxt}年的预期目标和工作要点，下一年度部分从略。")
        return False
    report.add(Heading(1, f"{nxt}年工作要点"))
    if targets:
        report.add(Heading(2, "主要预期目标"))
        spans = [f"{nxt}年主要预期目标是："]
        for i, clause in enumerate(target_clauses(targets)):
            spans += (["；"] if i else []) + clause
        spans.append("。")
        report.add(Paragraph(spans))
    if tasks:
        if targets:
            report.add(Heading(2, "重点任务"))
        for block in task_blocks(tasks, top_level=3 if targets else 2):
            if isinstance(block, Heading) and block.level > 4:
                continue
            report.add(block)
    return True


def build(zone, year, *, user=None, date=None, now=None):
    """The summary for `zone` and `year` as a Report; ReportError when there is nothing to report."""
    check_zone(zone, user)
    now = now or today()
    year, _ = check_period(year, None, now=now)
    report = Report(Title([zone.name, f"{year}年工作总结"]))
    report.add(Heading(1, f"{year}年工作总结"))
    problems = []
    wrote = False
    if economy_data.available():
        wrote |= economy_blocks(report, zone, year, user, problems)
    else:
        report.notes.append("经济运行模块未安装，经济指标部分从略。")
    wrote |= work_blocks(report, zone, year, user, problems, now)
    for section in sections.SUMMARY_SECTIONS:
        wrote |= section(report, zone, year, user, problems, now)
    if not wrote:
        raise ReportError(f"{zone}{year}年暂无统计数据、重点任务、招商项目或企业诉求，未生成工作总结。")
    problem_blocks(report, problems)
    if next_year_blocks(report, zone, year, user):
        report.title.lines[-1] = f"{year}年工作总结和{year + 1}年工作要点"
    report.signature = Signature(date or now, issuer=issuer_for(zone))
    return report
