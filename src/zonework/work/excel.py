"""A plan's tasks in Excel: the board's export is the import (NetBox's rule).

Columns (row 1 is the header; the sheet may hold them in any order):
    ID | 序号 | 上级序号 | 任务名称 | 任务内容 | 牵头单位 | 配合单位 | 责任领导 | 开始日期 | 完成时限 |
    反馈周期 | 反馈日 | 权重 | 完成进度(%) | 状态 | 灯 | 最近反馈
The last four are read-only (written by the export, ignored by the import: progress and status
change only through the workflow). A row with an ID updates that task of the plan; a row without
one creates a task. The whole file is one transaction: any error and nothing is saved; every
error names its row. 配合单位 are separated by 、 or commas; units are matched by name or alias.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import load_workbook

from zonework.core.excel import rows_to_workbook
from zonework.work import actions
from zonework.work.choices import ReportCycle
from zonework.work.lights import task_light

HEADERS = ["ID", "序号", "上级序号", "任务名称", "任务内容", "牵头单位", "配合单位", "责任领导", "开始日期", "完成时限",
           "反馈周期", "反馈日", "权重", "完成进度(%)", "状态", "灯", "最近反馈"]
REQUIRED = ["任务名称", "牵头单位", "完成时限"]
CYCLES = {str(label): value for value, label in ReportCycle.choices} | {v: v for v in ReportCycle.values}


def task_rows(tasks, today=None):
    """Rows for the export, header first."""
    rows = [HEADERS]
    numbers = {t.pk: t.number for t in tasks}
    for t in tasks:
        light = task_light(t, today)
        rows.append([
            t.pk, t.number, numbers.get(t.parent_id, "") if t.parent_id else "", t.title, t.text, t.lead_unit.name,
            "、".join(u.name for u in t.support_units.all()), t.leader, t.start_date, t.deadline,
            t.get_report_cycle_display(), t.report_day, t.weight, t.progress, t.get_status_display(),
            str(light.label), t.last_report_date,
        ])
    return rows


def export_workbook(plan, tasks):
    return rows_to_workbook(plan.title[:31] or "任务", task_rows(tasks))


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", str(value))
    if not m:
        raise ValueError(f"日期“{value}”格式不对，应为2026-12-31")
    try:
        return datetime.date(*map(int, m.groups()))
    except ValueError as exc:
        raise ValueError(f"日期“{value}”不存在") from exc


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _names(value):
    return [n.strip() for n in re.split(r"[、,，;；\n]", _text(value)) if n.strip()]


def read_rows(fileobj):
    """(row number, {header: value}) for every non-empty row; ValidationError for a bad file."""
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError("文件不是有效的Excel（.xlsx）文件。") from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [_text(h) for h in next(rows, [])]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise ValidationError(f"第1行（表头）缺少列：{'、'.join(missing)}。请使用导出的表格作为模板。")
    out = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        out.append((number, {h: v for h, v in zip(header, values, strict=False) if h}))
    return out


def _row_data(plan, row, index, numbers):
    """The action's data for one row, or raise ValueError with the row's problems."""
    problems = []
    data = {"title": _text(row.get("任务名称")), "number": _text(row.get("序号")), "text": _text(row.get("任务内容")),
            "leader": _text(row.get("责任领导"))}
    if not data["title"]:
        problems.append("任务名称不能为空")
    lead = _text(row.get("牵头单位"))
    if not lead:
        problems.append("牵头单位不能为空")
    elif lead not in index:
        problems.append(f"牵头单位“{lead}”在本开发区不存在")
    else:
        data["lead_unit"] = index[lead]
    unknown = [n for n in _names(row.get("配合单位")) if n not in index]
    if unknown:
        problems.append(f"配合单位“{'、'.join(unknown)}”在本开发区不存在")
    data["support_units"] = [index[n] for n in _names(row.get("配合单位")) if n in index]
    bad_date = False
    for header, field in (("开始日期", "start_date"), ("完成时限", "deadline")):
        if header in row:
            try:
                data[field] = _date(row.get(header))
            except ValueError as exc:
                problems.append(f"{header}：{exc}")
                bad_date = True
    if data.get("deadline") is None and not bad_date:
        problems.append("完成时限不能为空")
    cycle = _text(row.get("反馈周期"))
    if cycle:
        if cycle not in CYCLES:
            problems.append(f"反馈周期“{cycle}”应为：{'、'.join(str(label) for _, label in ReportCycle.choices)}")
        else:
            data["report_cycle"] = CYCLES[cycle]
    for header, field, kind in (("反馈日", "report_day", int), ("权重", "weight", Decimal)):
        value = _text(row.get(header))
        if value:
            try:
                data[field] = kind(Decimal(value)) if kind is int else Decimal(value)
            except (InvalidOperation, ValueError):
                problems.append(f"{header}“{value}”不是数字")
        elif field == "weight" and header in row:
            data["weight"] = None
    parent = _text(row.get("上级序号"))
    if parent:
        if parent not in numbers:
            problems.append(f"上级序号“{parent}”在本计划中找不到（上级任务须在前面的行或已在计划中）")
        else:
            data["parent"] = numbers[parent]
    elif "上级序号" in row:
        data["parent"] = None
    if problems:
        raise ValueError("；".join(problems))
    return data


@actions.logs_refusals
@transaction.atomic
def import_tasks(plan, fileobj, *, acting_user):
    """Create or update the plan's tasks from an Excel file; returns (created, updated)."""
    from zonework.work.models import Task

    rows = read_rows(fileobj)
    if not rows:
        raise ValidationError("文件中没有任务行。")
    index = actions.unit_index(plan.zone)
    numbers = {t.number: t for t in Task.objects.filter(plan=plan).exclude(number="")}
    errors, created, updated = [], 0, 0
    for position, (line, row) in enumerate(rows, start=1):
        try:
            data = _row_data(plan, row, index, numbers)
            pk = _text(row.get("ID"))
            if pk:
                task = Task.objects.filter(plan=plan, pk=int(Decimal(pk))).first() if pk.replace(".", "").isdigit() \
                    else None
                if task is None:
                    raise ValueError(f"ID“{pk}”不是本计划的任务")
                data = {k: v for k, v in data.items() if k in actions.EDITABLE_TASK_FIELDS}
                task = actions.update_task(task, data, acting_user=acting_user)
                updated += 1
            else:
                data.setdefault("position", position)
                task = actions.create_task(plan, data, acting_user=acting_user)
                created += 1
            if task.number:
                numbers[task.number] = task
        except ValueError as exc:
            errors.append(f"第{line}行：{exc}。")
        except ValidationError as exc:
            errors.append(f"第{line}行：{'；'.join(exc.messages)}")
    if errors:
        raise ValidationError(errors)
    return created, updated
