"""督查通报 (the supervision office's notice on the key tasks) for a month or a year, from the records.

    <zone>
    <year>年<month>月重点工作督查通报
    一、总体情况          counted tasks by light (work/lights.py), on-time rate and overdue count (work/figures.py)
    二、逾期未办结事项     the late units and their overdue items (责任单位 named, as the reader reads tasks)
    三、红榜和黑榜         红榜: units whose every due task was done on time and no report was missed;
                          黑榜: units with an overdue task or a missed report (work/scoring.py's statistics)
    四、领导批示办理情况   the leaders' instructions (work.Instruction) given in the period
    五、工作要求

Which tasks count and what each is on the day is work/figures.py's rule; the light of a task is
work/lights.py's `task_light`; the per-unit statistics (反馈及时率, missed reports) are
work/scoring.py's `unit_statistics` and their order is `honour_lists`'s. Nothing is recomputed here.

The notice is drawn up as of the period's last day, or today while the period runs.
"""

from __future__ import annotations

import calendar
import datetime

from zonework.core import clock

from . import work_data
from .common import (
    ReportError,
    check_period,
    check_zone,
    count_figure,
    figure,
    issuer_for,
    list_url,
    model,
    num,
    rows,
    today,
)
from .docx_format import Heading, Paragraph, Report, Signature, Table, Title, official_date

LIGHT_ORDER = ("red", "yellow", "green", "done")


def period_label(date_from, date_to):
    """2012年10月8日至11月7日 / 2012年12月20日至2013年1月5日."""
    end = f"{date_to.month}月{date_to.day}日" if date_to.year == date_from.year else official_date(date_to)
    return f"{official_date(date_from)}至{end}"


def check_dates(date_from, date_to, *, now):
    """A chosen period: both days, in order, not in the future, within one year (the plans are yearly)."""
    if date_from is None or date_to is None:
        raise ReportError("自定义期间须同时填写起始日期和截止日期。")
    if date_from > date_to:
        raise ReportError(f"起始日期{official_date(date_from)}晚于截止日期{official_date(date_to)}。")
    if date_from > now:
        raise ReportError(f"起始日期{official_date(date_from)}尚未到来。")
    if date_from.year != date_to.year:
        raise ReportError("督查通报的期间须在同一年内（重点任务按年度计划督查）。")


def period_of(year, month):
    """(first day, last day, label) of the month, or of the year without a month."""
    if month is None:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"{year}年"
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last), f"{year}年{month}月"


def red_and_black(stats):
    """(红榜, 黑榜) from work/scoring.py's unit statistics, in honour_lists' order (best first; the
    黑榜 worst first). 红榜: at least one task due, every due task done on time, no report missed.
    黑榜: a task overdue, or a report date missed."""
    from zonework.work.scoring import honour_lists

    ordered, _rest = honour_lists(stats, size=max(len(stats), 1))
    red = [s for s in ordered if s["due"] and s["done"] == s["due"] and s["reports_met"] == s["reports_due"]]
    black = [s for s in reversed(ordered) if s["overdue"] or s["reports_met"] < s["reports_due"]]
    return red, black


def _instructions(zone, user, date_from, date_to):
    """The leaders' instructions given from `date_from` to `date_to` (Beijing days), oldest first."""
    Instruction = model("work", "Instruction")
    if Instruction is None:
        return []
    tz = clock.zone_info()
    start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    qs = rows(Instruction.objects.filter(zone=zone, at__gte=start, at__lt=end), user)
    return list(qs.select_related("task", "plan", "by", "unit").order_by("at", "id"))


def _person(user):
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def _unit_name(stat):
    return stat["unit"].name


def build(zone, year, month=None, *, user=None, date=None, now=None, plan=None, period=None):
    """The 督查通报 of `zone` for `year` (and `month`), or for `period` = (first day, last day);
    ReportError when there is nothing to report."""
    from zonework.work import figures
    from zonework.work.lights import task_light
    from zonework.work.scoring import unit_statistics

    check_zone(zone, user)
    now = now or today()
    if period is not None:
        check_dates(*period, now=now)
        date_from, date_to = period
        year, month, label = date_from.year, None, period_label(date_from, date_to)
    else:
        year, month = check_period(year, month, now=now)
        date_from, date_to, label = period_of(year, month)
    if not work_data.available():
        raise ReportError("督查督办模块尚未安装，不能生成督查通报。")
    as_of = min(now, date_to)
    plans = [plan] if plan is not None else work_data.plans_for(zone, year, user)
    tasks = work_data.tasks_of(plans, user)
    totals, _by_unit, outcomes = figures.count_by_unit(tasks, as_of)
    if not outcomes:
        raise ReportError(f"{zone}{year}年没有已交办的重点任务，未生成督查通报。")
    counted = [t for t, _ in outcomes]
    outcome_of = {t.pk: o for t, o in outcomes}
    lights = {t.pk: task_light(t, as_of) for t in counted}
    stats = unit_statistics(counted, today=as_of)

    report = Report(Title([zone.name, f"{label}重点工作督查通报"] if period is None
                          else [zone.name, "重点工作督查通报", f"（{label}）"]))
    plan_names = "、".join(f"《{p.title}》" for p in plans)
    board = list_url("work:board", plan=plans[0].pk if len(plans) == 1 else None)
    report.add(Paragraph([f"为推动{plan_names}确定的重点任务落地落实，督查室对截至{official_date(as_of)}"
                          "各牵头单位的任务办理和进度反馈情况进行了督查，现将有关情况通报如下。"]))

    # 一、总体情况 ------------------------------------------------------------------------
    report.add(Heading(1, "总体情况"))
    by_light = {value: [t for t in counted if lights[t.pk].light == value] for value in LIGHT_ORDER}
    light_words = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "done": "已办结"}
    spans = ["纳入督查的重点任务", count_figure(f"{len(counted)}项", "已交办的重点任务（不含有子任务的分组）", board), "，其中"]
    parts = []
    for value in LIGHT_ORDER:
        if by_light[value]:
            names = "、".join(t.title for t in by_light[value][:10])
            parts.append([light_words[value],
                          count_figure(f"{len(by_light[value])}项", f"{light_words[value]}任务：{names}",
                                       list_url("work:board", plan=plans[0].pk if len(plans) == 1 else None,
                                                light=value))])
    for i, part in enumerate(parts):
        spans += (["、"] if i else []) + part
    spans.append("。")
    if totals.due:
        spans += ["到期任务", count_figure(f"{totals.due}项", "到期任务 = 按时办结 + 逾期办结 + 逾期未办结", board),
                  "，按时办结", count_figure(f"{totals.done}项", "在完成时限内办结的任务", board),
                  "，按时办结率", count_figure(f"{num(totals.on_time_pct, 1)}%", "按时办结数 ÷ 到期任务数")]
        if totals.done_late:
            spans += ["；逾期办结", count_figure(f"{totals.done_late}项", "超过完成时限后办结的任务", board)]
        spans += ["；逾期未办结", count_figure(f"{totals.overdue}项", "超过完成时限仍未办结的任务", board), "。"]
    else:
        spans.append("截至目前尚无到期任务。")
    report.add(Paragraph(spans))
    light_row = [count_figure(str(len(by_light[value])), f"{light_words[value]}任务",
                              list_url("work:board", plan=plans[0].pk if len(plans) == 1 else None, light=value))
                 for value in LIGHT_ORDER]
    report.add(Table([light_words[v] for v in LIGHT_ORDER] + ["合计"],
                     [light_row + [count_figure(str(len(counted)), "纳入督查的重点任务", board)]],
                     caption="重点任务亮灯情况（项）"))
    warned = [t for t in counted if lights[t.pk].light in ("red", "yellow")]
    if warned:
        table = []
        for t in warned:
            result = lights[t.pk]
            table.append([figure(t.title, t, f"任务“{t.title}”"), t.lead_unit.name, result.label,
                          "；".join(result.reasons), figure(f"{num(t.progress, 0)}%", t, f"任务“{t.title}”的完成进度")])
        report.add(Table(["任务", "牵头单位", "灯", "亮灯原因", "完成进度"], table, caption="红灯、黄灯任务"))

    # 二、逾期未办结事项 --------------------------------------------------------------------
    overdue = [t for t in counted if outcome_of[t.pk] == figures.OVERDUE]
    report.add(Heading(1, "逾期未办结事项"))
    if overdue:
        units = list(dict.fromkeys(t.lead_unit for t in overdue))
        spans = ["截至", official_date(as_of), "，", count_figure(f"{len(units)}个", "有逾期未办结任务的牵头单位"),
                 "单位的", count_figure(f"{len(overdue)}项", "超过完成时限仍未办结的任务", board), "任务超过完成时限仍未办结：",
                 "、".join(u.name for u in units), "。"]
        report.add(Paragraph(spans))
        for n, t in enumerate(overdue, start=1):
            days = (as_of - t.deadline).days
            report.add(Paragraph([
                f"完成时限为{official_date(t.deadline)}，已逾期", figure(f"{days}天", t, f"任务“{t.title}”的完成时限"),
                "，完成进度", figure(f"{num(t.progress, 0)}%", t, f"任务“{t.title}”的完成进度"), "。",
                figure(f"（责任单位：{work_data.units_text(t)}）", t, f"任务“{t.title}”的牵头和配合单位")],
                lead=f"{n}.{t.title.rstrip('。')}。"))
        table = [[figure(t.title, t, f"任务“{t.title}”"), t.lead_unit.name, official_date(t.deadline),
                  figure(str((as_of - t.deadline).days), t, f"任务“{t.title}”"), f"{num(t.progress, 0)}%"]
                 for t in overdue]
        report.add(Table(["任务", "牵头单位", "完成时限", "逾期天数", "完成进度"], table, caption="逾期未办结任务"))
    else:
        report.add(Paragraph([f"截至{official_date(as_of)}，没有超过完成时限仍未办结的任务。"]))

    # 三、红榜和黑榜 ------------------------------------------------------------------------
    red, black = red_and_black(stats)
    stats_url = list_url("work:statistics", plan=plans[0].pk if len(plans) == 1 else None)
    report.add(Heading(1, "红榜和黑榜"))

    def unit_row(s):
        unit = s["unit"]
        missed = s["reports_due"] - s["reports_met"]
        return [figure(unit.name, unit, f"{unit.name}：牵头任务{s['tasks']}项"),
                str(s["tasks"]), str(s["due"]), str(s["done"]), str(s["overdue"]),
                count_figure(f"{num(s['on_time_pct'], 1)}%" if s["on_time_pct"] is not None else "—",
                             f"{unit.name}：按时办结数 ÷ 到期任务数", stats_url),
                count_figure(str(missed), f"{unit.name}：错过的反馈节点（共{s['reports_due']}个）", stats_url)]

    header = ["单位", "牵头任务", "到期", "按时办结", "逾期未办结", "按时办结率", "未按时反馈"]
    report.add(Heading(2, "红榜"))
    if red:
        report.add(Paragraph(["以下单位到期任务全部按时办结、进度按时反馈，予以通报表扬："]
                             + _names([count_figure(_unit_name(s), f"{_unit_name(s)}：到期{s['due']}项，全部按时办结",
                                                    stats_url) for s in red]) + ["。"]))
        report.add(Table(header, [unit_row(s) for s in red], caption="红榜单位"))
    else:
        report.add(Paragraph(["本期没有到期任务全部按时办结且按时反馈的单位。"]))
    report.add(Heading(2, "黑榜"))
    if black:
        report.add(Paragraph(["以下单位有任务逾期未办结或未按时反馈进度，予以通报批评，请限期整改："]
                             + _names([count_figure(_unit_name(s), f"{_unit_name(s)}：逾期未办结{s['overdue']}项，"
                                                    f"未按时反馈{s['reports_due'] - s['reports_met']}次", stats_url)
                                       for s in black]) + ["。"]))
        report.add(Table(header, [unit_row(s) for s in black], caption="黑榜单位"))
    else:
        report.add(Paragraph(["本期没有任务逾期或未按时反馈的单位。"]))

    # 四、领导批示办理情况 -------------------------------------------------------------------
    instructions = _instructions(zone, user, date_from, as_of)
    report.add(Heading(1, "领导批示办理情况"))
    if instructions:
        replied = [i for i in instructions if i.replied_at]
        spans = [f"{label}，领导共作出批示", count_figure(f"{len(instructions)}件", f"{label}的领导批示",
                                                      list_url("work:instruction_subject")),
                 "，已办理回复", count_figure(f"{len(replied)}件", "已有办理回复的批示")]
        if len(replied) < len(instructions):
            spans += ["，尚未回复", count_figure(f"{len(instructions) - len(replied)}件", "尚未办理回复的批示")]
        spans.append("。")
        report.add(Paragraph(spans))
        table = []
        for ins in instructions:
            table.append([official_date(clock.localdate(ins.at)), _person(ins.by),
                          figure(ins.task.title if ins.task_id else ins.subject_text(), ins, str(ins)), figure(ins.text, ins, str(ins)),
                          ins.unit.name if ins.unit_id else "督查室",
                          (ins.reply or "已回复") if ins.replied_at else "待回复"])
        report.add(Table(["批示日期", "批示领导", "批示对象", "批示内容", "承办单位", "办理情况"], table,
                         caption="领导批示办理情况"))
    else:
        report.add(Paragraph([f"{label}没有新的领导批示。"]))

    # 五、工作要求 -------------------------------------------------------------------------
    report.add(Heading(1, "工作要求"))
    asks = ["各牵头单位要对照任务清单，倒排工期、挂图作战，确保按时办结"]
    if overdue:
        asks.append("对逾期未办结的任务，责任单位要在5个工作日内向督查室书面说明原因，提出整改措施和办结时限")
    if black:
        asks.append("列入黑榜的单位要按反馈周期按时报送进度，督查室将跟踪督办，结果纳入年度绩效考核")
    report.add(Paragraph(["；".join(asks) + "。"]))

    report.signature = Signature(date or now, issuer=f"{issuer_for(zone)}督查室")
    return report


def _names(items):
    out = []
    for i, item in enumerate(items):
        if i:
            out.append("、")
        out.append(item)
    return out
