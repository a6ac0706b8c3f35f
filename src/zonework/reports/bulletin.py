"""The monthly economic bulletin (经济运行月报): text, a table and charts, plus the .xlsx of the table.

    <zone>
    <year>年1-N月经济运行情况
    一、总体情况        how many indicators are on track (green / yellow / red / no target)
    二、主要指标运行情况  one paragraph per indicator: 1-N月累计, 同比, 完成进度 vs 时序进度
    三、需要关注的问题    the yellow and red indicators (left out when none)
    主要经济指标完成情况表 and the charts (or a sentence saying why the charts are missing)

完成进度, 时序进度 and the lights come from `zonework.economy.progress` (one formula for the
dashboard and the bulletin).
"""

from __future__ import annotations

from dataclasses import dataclass

from zonework.core.excel import workbook_bytes
from zonework.core.money import quantity_text

from . import charts as charts_mod
from . import economy_data
from .common import (
    ReportError,
    check_period,
    check_zone,
    count_figure,
    figure,
    gap_words,
    growth_words,
    issuer_for,
    num,
    today,
)
from .docx_format import Heading, Image, Paragraph, Report, Signature, Table, Title

XLSX_HEADER = ["指标", "单位", "本月", "1-N月累计", "同比(%)", "目标", "完成进度(%)", "时序进度(%)", "灯", "来源"]


def period_label(month):
    return "1月" if month == 1 else f"1-{month}月"


@dataclass
class Bulletin:
    report: Report
    rows: list  # economy_data.IndicatorRow
    year: int
    month: int

    def xlsx(self):
        return workbook(self)


def _light_label(row):
    from zonework.economy.progress import LIGHT_LABELS

    if row.assessment is None:
        return "无目标"
    return LIGHT_LABELS.get(row.assessment.light, row.assessment.light)


def indicator_paragraph(row, month):
    obs, a, t = row.observation, row.assessment, row.target
    source = str(obs)
    spans = [f"{period_label(month)}，全区"]
    value = obs.ytd_value if obs.ytd_value is not None else obs.month_value
    if value is not None:
        spans += [f"完成{row.name}", figure(quantity_text(value, obs.value_unit), obs, source)]
        if obs.yoy_pct is not None:
            spans += ["，同比", figure(growth_words(obs.yoy_pct), obs, source)]
    elif obs.yoy_pct is not None:
        spans += [f"{row.name}同比", figure(growth_words(obs.yoy_pct), obs, source)]
    if obs.month_value is not None and obs.ytd_value is not None and month > 1:
        spans += ["；其中", f"{month}月当月完成", figure(quantity_text(obs.month_value, obs.value_unit), obs, source)]
    if t is not None and a is not None:
        spans += ["。年度目标", figure(t.describe().replace("；", "，"), t, str(t))]
        if a.progress_pct is not None:
            spans += ["，完成年度目标的", figure(f"{num(a.progress_pct, 1)}%", t, str(t))]
            if a.level_gap is not None:
                spans.append(f"，{gap_words(a.level_gap)}")
        elif a.growth_gap is not None:
            side = "高于" if a.growth_gap >= 0 else "低于"
            spans.append(f"，增速{side}目标{num(abs(a.growth_gap), 1)}个百分点")
        spans.append(f"（{_light_label(row)}）")
    spans.append("。")
    return Paragraph(spans)


def table_block(rows, month):
    body = []
    for r in rows:
        obs, a = r.observation, r.assessment
        value = obs.ytd_value if obs.ytd_value is not None else obs.month_value
        body.append([
            f"{r.name}（{obs.value_unit}）" if obs.value_unit else r.name,
            figure(num(value), obs, str(obs)) if value is not None else "—",
            figure(num(obs.yoy_pct, 1), obs, str(obs)) if obs.yoy_pct is not None else "—",
            figure(num(a.progress_pct, 1), r.target, str(r.target)) if a and a.progress_pct is not None else "—",
            num(a.time_pct, 1) if a else "—",
            _light_label(r),
        ])
    return Table(["指标", f"{period_label(month)}累计", "同比(%)", "完成进度(%)", "时序进度(%)", "状态"], body,
                 caption=f"主要经济指标完成情况表（{period_label(month)}）")


def chart_blocks(zone, year, month, rows, user, draw=True):
    """(image blocks, note): where the charts cannot be drawn the note says why, for the page and the
    log; the official text carries no sentence about the server."""
    with_progress = [r for r in rows if r.assessment and r.assessment.progress_pct is not None]
    options, captions = [], []
    if with_progress:
        from zonework.economy.progress import time_pct

        tp = float(time_pct(month))
        options.append(charts_mod.progress_chart([r.name for r in with_progress],
                                                 [float(r.assessment.progress_pct) for r in with_progress], tp,
                                                 f"{period_label(month)}主要指标完成进度"))
        captions.append(f"图1  {period_label(month)}主要指标完成进度与时序进度")
    with_growth = [r for r in rows if r.observation.yoy_pct is not None][:5]
    if with_growth and month > 1:
        series = economy_data.monthly_series(zone, year, [r.indicator.pk for r in with_growth], user)
        months = list(range(1, month + 1))
        lines = []
        for r in with_growth:
            by_month = series.get(r.indicator.pk, {})
            lines.append((r.name, [float(by_month[m].yoy_pct) if m in by_month and by_month[m].yoy_pct is not None
                                   else None for m in months]))
        options.append(charts_mod.growth_chart(months, lines, f"{year}年主要指标累计增速走势"))
        captions.append(f"图{len(captions) + 1}  {year}年主要指标累计同比增速")
    if not options:
        return [], None
    if not draw:
        return [], "本期按要求未生成图表。"
    pngs, reason = charts_mod.render(options)
    if pngs is None:
        return [], f"本期未附图表：{reason}；图表数据见Excel附表。"
    return [Image(png, caption=cap) for png, cap in zip(pngs, captions, strict=True)], None


def build(zone, year, month, *, user=None, date=None, now=None, charts=True):
    check_zone(zone, user)
    now = now or today()
    year, month = check_period(year, month, now=now)
    if month is None:
        raise ReportError("经济运行月报须选择月份。")
    if not economy_data.available():
        raise ReportError("经济运行模块尚未安装，不能生成月报。")
    rows = economy_data.month_rows(zone, year, month, user)
    if not rows:
        raise ReportError(f"{zone}{year}年{period_label(month)}暂无统计数据，未生成月报。")
    label = period_label(month)
    report = Report(Title([zone.name, f"{year}年{label}经济运行情况"]))
    lights = {}
    for r in rows:
        lights.setdefault(_light_label(r), []).append(r)

    report.add(Heading(1, "总体情况"))
    spans = [f"{year}年{label}，全区纳入监测的主要经济指标", count_figure(f"{len(rows)}项", "本月有统计数据的指标")]
    parts = []
    for name, words in (("绿灯", "达到时序进度或目标要求"), ("黄灯", "略低于进度要求"), ("红灯", "明显落后于进度要求"),
                        ("灰灯", "暂无可比数据"), ("无目标", "未设年度目标")):
        if lights.get(name):
            parts.append([count_figure(f"{len(lights[name])}项", f"{name}指标：" + "、".join(r.name for r in lights[name])),
                          words])
    if parts:
        spans.append("。其中，")
        for i, part in enumerate(parts):
            spans += (["，"] if i else []) + part
    spans.append("。")
    report.add(Paragraph(spans))

    report.add(Heading(1, "主要指标运行情况"))
    for r in rows:
        report.add(indicator_paragraph(r, month))

    behind = [r for r in rows if r.assessment and r.assessment.light in ("yellow", "red")]
    if behind:
        report.add(Heading(1, "需要关注的问题"))
        spans = ["从监测情况看，"]
        for i, r in enumerate(behind):
            a = r.assessment
            spans += (["；"] if i else []) + [figure(r.name, r.target, str(r.target))]
            if a.level_gap is not None and a.level_gap < 0:
                spans.append(f"完成进度落后时序进度{num(-a.level_gap, 1)}个百分点")
            elif a.growth_gap is not None and a.growth_gap < 0:
                spans.append(f"增速低于目标{num(-a.growth_gap, 1)}个百分点")
            else:
                spans.append("未达到进度要求")
        spans.append("，需加强调度，确保完成全年目标任务。")
        report.add(Paragraph(spans))

    report.add(table_block(rows, month))
    blocks, note = chart_blocks(zone, year, month, rows, user, draw=charts)
    for block in blocks:
        report.add(block)
    if note:
        report.notes.append(note)
    report.signature = Signature(date or now, issuer=issuer_for(zone))
    return Bulletin(report, rows, year, month)


def workbook(bulletin):
    """The indicator table as .xlsx bytes: numbers as numbers, a sheet with the rule in words."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from zonework.economy.progress import rule_text

    fills = {"绿灯": "C6EFCE", "黄灯": "FFEB9C", "红灯": "FFC7CE"}
    wb = Workbook()
    ws = wb.active
    ws.title = f"{period_label(bulletin.month)}主要指标"
    ws.append(XLSX_HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        cell.alignment = Alignment(horizontal="center")
    for r in bulletin.rows:
        obs, a, t = r.observation, r.assessment, r.target
        light = _light_label(r)
        ws.append([
            r.name, obs.value_unit,
            _float(obs.month_value), _float(obs.ytd_value), _float(obs.yoy_pct),
            t.describe() if t is not None else "",
            _float(a.progress_pct) if a else None, _float(a.time_pct) if a else None,
            light, obs.get_source_display() if hasattr(obs, "get_source_display") else "",
        ])
        if light in fills:
            ws.cell(row=ws.max_row, column=9).fill = PatternFill("solid", fgColor=fills[light])
    widths = [28, 8, 12, 14, 10, 28, 12, 12, 8, 14]
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    ws.freeze_panes = "B2"
    notes = wb.create_sheet("说明")
    notes.append([f"{bulletin.report.title.lines[0]} {bulletin.year}年{period_label(bulletin.month)}经济运行月报附表"])
    notes.append(["完成进度与灯的规则：" + rule_text()])
    notes.column_dimensions["A"].width = 120
    return workbook_bytes(wb)


def _float(value):
    return None if value is None else float(value)
