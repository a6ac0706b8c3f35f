"""The Excel of one filing: generated with its figures, filled in, read back (the export format is the
import format, like economy/statistics.py's monthly template). A hidden sheet names the filing, so a
workbook of another zone or period is refused."""

import io

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

from zonework.core.excel import workbook_bytes
from zonework.economy.statistics import UNIT_CHOICES, _int, _num

MAGIC = "zonework-return-filing"
SHEET = "数据填报"
META = "_meta"
HEADER_ROW = 4
FIRST_ROW = 5
COLUMNS = ["指标", "单位", "1-N月累计", "同比%", "说明"]


def build_filing(filing):
    figures = list(filing.figures.select_related("indicator").order_by("indicator__sort_order", "indicator__name"))
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = f"{filing.zone.name} {filing.year}年{filing.period_label} {filing.form.name}"
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["开发区", filing.zone.name, "年份", filing.year, "期别", filing.period_label])
    ws.append([f"说明：1-N月累计填{filing.period_label}的累计数值；同比%填百分数（下降填负数）；与上年同期相比变动超过"
               f"{filing.form.jump_pct}%的须在“说明”栏写明原因。请勿改动指标名称和第2行。截止日期：{filing.due_date}。"])
    ws.append(COLUMNS)
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        cell.alignment = Alignment(horizontal="center")
    for f in figures:
        ws.append([f.indicator.name, f.value_unit or f.indicator.unit, _num(f.ytd_value), _num(f.yoy_pct), f.note])
    for col, width in zip("ABCDE", (28, 12, 14, 10, 40), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1)
    meta = wb.create_sheet(META)
    meta.append([MAGIC, 1])
    meta.append(["filing_id", filing.pk])
    meta.append(["zone", filing.zone.name])
    for i, unit in enumerate(UNIT_CHOICES, start=1):
        meta.cell(row=i, column=5, value=unit)
    meta.sheet_state = "hidden"
    return wb


def filing_bytes(filing):
    return workbook_bytes(build_filing(filing))


def parse_filing(data, filing):
    """{figure_id: {"ytd_value", "yoy_pct", "unit", "note"}} from a filled workbook; ValidationError
    (Chinese, by row) for a file that is not this filing's."""
    from zonework.core.filelimits import check_zip

    check_zip(data, "填报表")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError("文件不是有效的Excel（.xlsx）文件，请使用本页下载的填报表填写后上传。") from exc
    if META not in wb.sheetnames or wb[META]["A1"].value != MAGIC:
        raise ValidationError("这不是本系统为该报表生成的填报表（缺少模板信息），请先下载填报表再填写。")
    if _int(wb[META]["B2"].value) != filing.pk:
        raise ValidationError(f"该文件是另一份填报（{wb[META]['B3'].value}）的，不是“{filing}”的，请下载本页的填报表。")
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    header = [str(c.value or "").strip() for c in ws[HEADER_ROW]][: len(COLUMNS)]
    if header != COLUMNS:
        raise ValidationError(f"第{HEADER_ROW}行：表头应为“{'、'.join(COLUMNS)}”，请勿改动填报表的列。")
    by_name = {}
    for f in filing.figures.select_related("indicator"):
        for name in f.indicator.names():
            by_name[name] = f
    rows, errors, seen = {}, [], {}
    for number, cells in enumerate(ws.iter_rows(min_row=FIRST_ROW, max_col=len(COLUMNS), values_only=True),
                                   start=FIRST_ROW):
        cells = list(cells) + [None] * (len(COLUMNS) - len(cells))
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        name = str(cells[0] or "").strip()
        figure = by_name.get(name)
        if figure is None:
            errors.append(f"第{number}行：指标“{name}”不在该报表中。" if name else f"第{number}行：没有填写指标名称。")
            continue
        if figure.pk in seen:
            errors.append(f"第{number}行：指标“{name}”与第{seen[figure.pk]}行重复。")
            continue
        seen[figure.pk] = number
        rows[figure.pk] = {"unit": cells[1], "ytd_value": cells[2], "yoy_pct": cells[3], "note": cells[4] or ""}
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError("填报表中没有任何数据。")
    return rows
