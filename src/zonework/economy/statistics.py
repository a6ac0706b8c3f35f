"""The monthly statistics template: built per zone and month, filled in Excel, read back.

The export format is the import format: a downloaded template is pre-filled with what the month
already holds, and uploading it again updates the month. A hidden sheet names the zone and month,
so a template of another zone or month is refused. Every problem is reported by row number, in
Chinese, and nothing is saved while any remains.
"""

import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from zonework.core.excel import workbook_bytes
from zonework.core.numbers import NotANumber, decimal_text

from .models import Observation, TrackedIndicator, month_label, negative_values, refuse_unfinished_period

MAGIC = "zonework-monthly-statistics"
VERSION = 1
SHEET = "统计月报"
META = "_meta"
HEADER_ROW = 4
FIRST_ROW = 5
COLUMNS = ["指标", "单位", "本月", "1-N月累计", "同比%"]
NUMBER_COLUMNS = [("month_value", 3, "本月"), ("ytd_value", 4, "1-N月累计"), ("yoy_pct", 5, "同比%")]
UNIT_CHOICES = ["亿元", "万元", "元", "亿美元", "万美元", "美元", "%", "个", "家", "人", "吨标准煤/万元"]


def tracked(zone):
    """The indicators the zone tracks, in template order."""
    rows = TrackedIndicator.objects.filter(zone=zone).select_related("indicator").order_by(
        "sort_order", "indicator__sort_order", "indicator__name")
    return [t.indicator for t in rows]


def build_template(zone, year, month):
    """The template of one zone and month, pre-filled with the month's figures."""
    indicators = tracked(zone)
    existing = {o.indicator_id: o for o in Observation.objects.filter(zone=zone, year=year, month=month)}
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = f"{zone.name} {year}年{month_label(month)}主要经济指标"
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["开发区", zone.name, "年份", year, "月份", month])
    ws.append(["说明：本月、1-N月累计填数值；同比%填百分数（增长12.5%填12.5，下降填负数）；"
               "1月与2月合并发布时，1月模板可不填。请勿改动指标名称和第2行。"])
    ws.append(COLUMNS)
    for cell in ws[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        cell.alignment = Alignment(horizontal="center")
    for indicator in indicators:
        obs = existing.get(indicator.pk)
        ws.append([
            indicator.name,
            (obs.value_unit if obs and obs.value_unit else indicator.unit),
            _num(obs.month_value) if obs else None,
            _num(obs.ytd_value) if obs else None,
            _num(obs.yoy_pct) if obs else None,
        ])
    last = max(FIRST_ROW, FIRST_ROW + len(indicators) - 1)
    for col, width in zip("ABCDEF", (28, 12, 14, 14, 10, 10), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1)

    meta = wb.create_sheet(META)
    meta.append([MAGIC, VERSION])
    meta.append(["zone_id", zone.pk])
    meta.append(["zone", zone.name])
    meta.append(["year", year])
    meta.append(["month", month])
    for i, indicator in enumerate(indicators, start=1):
        meta.cell(row=i, column=4, value=indicator.name)
    for i, unit in enumerate(UNIT_CHOICES, start=1):
        meta.cell(row=i, column=5, value=unit)
    meta.sheet_state = "hidden"
    # Drop-downs where values are codes: the indicator names and the units.
    if indicators:
        dv = DataValidation(type="list", formula1=f"'{META}'!$D$1:$D${len(indicators)}", allow_blank=True,
                            showErrorMessage=True, errorTitle="指标", error="请从下拉列表中选择本开发区跟踪的指标。")
        dv.add(f"A{FIRST_ROW}:A{last + 20}")
        ws.add_data_validation(dv)
    dv_unit = DataValidation(type="list", formula1=f"'{META}'!$E$1:$E${len(UNIT_CHOICES)}", allow_blank=True)
    dv_unit.add(f"B{FIRST_ROW}:B{last + 20}")
    ws.add_data_validation(dv_unit)
    return wb


def template_bytes(zone, year, month):
    return workbook_bytes(build_template(zone, year, month))


def _num(value):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _int(raw):
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    try:
        return int(str(raw).strip().rstrip("月").rstrip("年"))
    except (TypeError, ValueError):
        return None


def parse_template(data, *, zone, year, month):
    """The rows of a filled template, checked; raises ValidationError listing every problem."""
    from zonework.core.filelimits import check_zip

    check_zip(data, "统计月报")
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError("文件不是有效的Excel（.xlsx）文件，请使用下载的模板填写后上传。") from exc
    if META not in wb.sheetnames or wb[META]["A1"].value != MAGIC:
        raise ValidationError("这不是本系统下载的统计月报模板（缺少模板信息），请先下载模板再填写。")
    meta = wb[META]
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    errors = []
    meta_zone, meta_name = _int(meta["B2"].value), meta["B3"].value
    if meta_zone != zone.pk:
        raise ValidationError(f"该模板属于开发区“{meta_name}”，不是当前开发区“{zone.name}”，请下载本开发区的模板。")
    shown_year, shown_month = _int(ws["D2"].value), _int(ws["F2"].value)
    if shown_year is None or not 1949 <= shown_year <= 2100:
        errors.append(f"第2行：年份“{ws['D2'].value}”无效。")
    if shown_month is None or not 1 <= shown_month <= 12:
        errors.append(f"第2行：月份“{ws['F2'].value}”无效，应为1至12之间的整数。")
    if errors:
        raise ValidationError(errors)
    meta_year, meta_month = _int(meta["B4"].value), _int(meta["B5"].value)
    if (shown_year, shown_month) != (meta_year, meta_month):
        raise ValidationError(f"第2行：年份月份被改动（模板为{meta_year}年{month_label(meta_month)}），请勿修改第2行。")
    if (shown_year, shown_month) != (year, month):
        raise ValidationError(f"该模板是{shown_year}年{month_label(shown_month)}的，不是{year}年{month_label(month)}的，"
                              f"请下载{year}年{month_label(month)}的模板。")
    header = [str(c.value or "").strip() for c in ws[HEADER_ROW]][: len(COLUMNS)]
    if header != COLUMNS:
        raise ValidationError(f"第{HEADER_ROW}行：表头应为“{'、'.join(COLUMNS)}”，请勿改动模板的列。")
    rows = []
    for number, cells in enumerate(ws.iter_rows(min_row=FIRST_ROW, max_col=len(COLUMNS), values_only=True),
                                   start=FIRST_ROW):
        cells = list(cells) + [None] * (len(COLUMNS) - len(cells))
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        rows.append({"row": number, "indicator": cells[0], "unit": cells[1], "month_value": cells[2],
                     "ytd_value": cells[3], "yoy_pct": cells[4]})
    return validate_rows(rows, zone=zone, year=year, month=month)


def validate_rows(rows, *, zone, year, month):
    """Check raw rows ({"row", "indicator" (name) or "indicator_id", "unit", "month_value", "ytd_value",
    "yoy_pct"}) and return the clean ones; raise ValidationError with every row-numbered problem."""
    errors = []
    if month is None or not 1 <= int(month) <= 12:
        raise ValidationError(f"月份“{month}”无效，应为1至12之间的整数。")
    refuse_unfinished_period(int(year), int(month))
    from .catalogue import IndicatorMatcher

    tracked_ids = set(TrackedIndicator.objects.filter(zone=zone).values_list("indicator_id", flat=True))
    matcher = IndicatorMatcher()
    by_id = {i.pk: i for i in matcher.rows}
    seen = {}
    clean = []
    for index, raw in enumerate(rows, start=1):
        number = raw.get("row", index)
        where = f"第{number}行"
        indicator = by_id.get(raw.get("indicator_id")) if raw.get("indicator_id") else None
        name = str(raw.get("indicator") or "").strip() if indicator is None else indicator.name
        values = {}
        row_errors = []
        for key, _col, label in NUMBER_COLUMNS:
            try:
                values[key] = decimal_text(raw.get(key))
            except NotANumber:
                row_errors.append(f"{where}“{label}”：“{raw.get(key)}”不是数字。")
        if indicator is None:
            if not name:
                row_errors.insert(0, f"{where}：没有填写指标名称。")
            else:
                indicator = matcher.match(name)
                if indicator is None:
                    row_errors.insert(0, f"{where}：指标“{name}”不在指标库中。")
        if indicator is not None and indicator.pk not in tracked_ids:
            row_errors.insert(0, f"{where}：本开发区未跟踪指标“{name}”，请先添加为跟踪指标，或删除该行。")
        if indicator is not None and indicator.pk in seen:
            row_errors.insert(0, f"{where}：指标“{indicator.name}”与第{seen[indicator.pk]}行重复。")
        if indicator is not None:
            seen.setdefault(indicator.pk, number)
            row_errors.extend(f"{where}：{message}" for message in negative_values(
                indicator, {"month_value": values.get("month_value"), "ytd_value": values.get("ytd_value")}).values())
        errors.extend(row_errors)
        if row_errors or all(v is None for v in values.values()):
            continue
        unit = str(raw.get("unit") or "").strip() or indicator.unit
        clean.append({"row": number, "indicator_id": indicator.pk, "indicator": indicator.name, "unit": unit,
                      **values})
    if errors:
        raise ValidationError(errors)
    if not clean:
        raise ValidationError(f"没有填写任何数据：{year}年{month_label(month)}的本月、累计和同比均为空。")
    return clean


def indicator_names(zone):
    return [i.name for i in tracked(zone)]


__all__ = ["build_template", "parse_template", "template_bytes", "validate_rows"]
