"""Excel import and export of projects in one layout: the export re-imports, a row with an id updates.

The whole file is one transaction: any bad row and nothing is saved; every bad row is reported by
its row number, in Chinese. Shared by enterprises/excel.py (read_rows, run_import, yes_no ...).
"""

import datetime
import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import load_workbook

from zonework.core import scope
from zonework.core.excel import rows_to_workbook
from zonework.core.models import Park, Unit, User

from . import actions
from .choices import Currency, Origin, Stage
from .models import Industry, InvestmentProject

# (header, attribute) in sheet order; the header row is what the import reads.
PROJECT_COLUMNS = [
    ("编号", "id"), ("项目名称", "name"), ("投资方", "investor"), ("资金来源", "origin"),
    ("国别（地区）", "country_region"), ("世界500强", "fortune500"), ("上市企业", "listed_company"),
    ("行业代码", "industry"), ("园区", "park"), ("责任单位", "unit"), ("招商人员", "officer"),
    ("协议投资额（万）", "agreed_investment"), ("币种", "currency"), ("增资项目", "is_capital_increase"),
    ("新增投资额（万）", "added_amount"), ("用地面积（亩）", "land_area"), ("预计签约日期", "expected_signing_date"),
    ("预计开工日期", "expected_construction_date"), ("预计投产日期", "expected_production_date"),
    ("阶段", "stage"), ("阶段日期", "stage_date"), ("阶段变更原因", "reason"), ("备注", "notes"),
]
YES = {"是", "Y", "YES", "TRUE", "1", "√"}
NO = {"否", "N", "NO", "FALSE", "0", ""}


# --- shared helpers --------------------------------------------------------------------------


def read_rows(file, columns):
    """[(row number, {attribute: value})] from the first sheet; the header row names the columns."""
    try:
        wb = load_workbook(file if hasattr(file, "read") else io.BytesIO(file), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ValidationError(f"无法读取Excel文件，请上传.xlsx格式的文件（{type(exc).__name__}）。") from None
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise ValidationError("Excel文件是空的。")
    by_header = {h: a for h, a in columns}
    index = {}
    for i, cell in enumerate(header):
        name = str(cell or "").strip()
        if name in by_header:
            index[by_header[name]] = i
    missing = [h for h, a in columns if a not in index and a in {"name"}]
    if missing:
        raise ValidationError(f"第1行缺少必需的列：{'、'.join(missing)}。")
    out = []
    for number, row in enumerate(rows, start=2):
        if row is None or all(v is None or str(v).strip() == "" for v in row):
            continue
        out.append((number, {a: (row[i] if i < len(row) else None) for a, i in index.items()}))
    return out


def run_import(rows, handle):
    """Call handle(values) for each row inside one transaction; collect errors as 第N行：...; all or nothing."""
    errors, created, updated = [], 0, 0
    with transaction.atomic():
        for number, values in rows:
            try:
                with transaction.atomic():
                    was_created = handle(values)
            except ValidationError as exc:
                errors.append(f"第{number}行：{'；'.join(_messages(exc))}")
            except PermissionDenied as exc:
                errors.append(f"第{number}行：{exc}")
            else:
                created += bool(was_created)
                updated += not was_created
        if errors:
            raise ValidationError(errors)
    return {"created": created, "updated": updated}


def _messages(exc):
    if hasattr(exc, "error_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return exc.messages


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def yes_no(value, label):
    t = text(value).upper()
    if t in YES:
        return True
    if t in NO:
        return False
    raise ValidationError(f"“{label}”应填“是”或“否”，不是“{value}”。")


def date_or_none(value, label):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    t = text(value).replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-").rstrip("日-")
    try:
        return datetime.date.fromisoformat("-".join(p.zfill(2) for p in t.split("-")))
    except ValueError:
        raise ValidationError(f"“{label}”日期“{value}”格式不正确，应为YYYY-MM-DD。") from None


def choice(value, choices, label, *, default=None):
    t = text(value)
    if not t:
        if default is not None:
            return default
        raise ValidationError(f"“{label}”不能为空。")
    for key, name in choices:
        if t in (key, str(name)):
            return key
    names = "、".join(str(n) for _k, n in choices)
    raise ValidationError(f"“{label}”的值“{t}”无效，应为：{names}。")


def lookup(model, zone, value, label, *, field="name", required=False):
    t = text(value)
    if not t:
        if required:
            raise ValidationError(f"“{label}”不能为空。")
        return None
    qs = model.objects.all()
    if zone is not None:
        qs = qs.filter(zone=zone)
    obj = qs.filter(**{field: t}).first()
    if obj is None and model is Unit:
        obj = next((u for u in qs if t in u.names()), None)
    if obj is None:
        raise ValidationError(f"找不到{label}“{t}”。")
    return obj


def row_id(values):
    t = text(values.get("id"))
    if not t:
        return None
    if not t.isdigit():
        raise ValidationError(f"“编号”应为数字，不是“{t}”。")
    return int(t)


# --- projects --------------------------------------------------------------------------------

CURRENCY_NAMES = [(Currency.CNY, "人民币"), (Currency.USD, "美元"), (Currency.CNY, "人民币（万元）"),
                  (Currency.USD, "美元（万美元）"), (Currency.CNY, "万元"), (Currency.USD, "万美元")]


def project_row(p):
    return [p.pk, p.name, p.investor, p.get_origin_display(), p.country_region, "是" if p.fortune500 else "否",
            "是" if p.listed_company else "否", p.industry.code if p.industry_id else "",
            p.park.name if p.park_id else "", p.unit.name, p.officer.username if p.officer_id else "",
            p.agreed_investment, "美元" if p.currency == Currency.USD else "人民币",
            "是" if p.is_capital_increase else "否", p.added_amount, p.land_area, p.expected_signing_date,
            p.expected_construction_date, p.expected_production_date, p.get_stage_display(), p.stage_date, "",
            p.notes]


def export_projects(queryset):
    rows = [[h for h, _a in PROJECT_COLUMNS]]
    for p in queryset.select_related("industry", "park", "unit", "officer"):
        rows.append([_plain(v) for v in project_row(p)])
    return rows_to_workbook("招商项目", rows)


def _plain(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral() else int(value)
    return value


def import_projects(file, *, zone, acting_user):
    """Create or update projects from an xlsx in the export's layout; returns counts."""
    rows = read_rows(file, PROJECT_COLUMNS)

    def handle(values):
        pk = row_id(values)
        data = {
            "name": text(values.get("name")), "investor": text(values.get("investor")),
            "origin": choice(values.get("origin"), Origin.choices, "资金来源", default=Origin.DOMESTIC),
            "country_region": text(values.get("country_region")),
            "fortune500": yes_no(values.get("fortune500"), "世界500强"),
            "listed_company": yes_no(values.get("listed_company"), "上市企业"),
            "industry": lookup(Industry, None, values.get("industry"), "行业代码", field="code"),
            "park": lookup(Park, zone, values.get("park"), "园区"),
            "unit": lookup(Unit, zone, values.get("unit"), "责任单位", required=True),
            "officer": _officer(zone, values.get("officer")),
            "agreed_investment": actions.to_decimal(values.get("agreed_investment") or 0, "协议投资额"),
            "currency": choice(values.get("currency"), CURRENCY_NAMES, "币种", default=Currency.CNY),
            "is_capital_increase": yes_no(values.get("is_capital_increase"), "增资项目"),
            "added_amount": actions.to_decimal(values.get("added_amount"), "新增投资额", allow_none=True),
            "land_area": actions.to_decimal(values.get("land_area"), "用地面积", allow_none=True),
            "expected_signing_date": date_or_none(values.get("expected_signing_date"), "预计签约日期"),
            "expected_construction_date": date_or_none(values.get("expected_construction_date"), "预计开工日期"),
            "expected_production_date": date_or_none(values.get("expected_production_date"), "预计投产日期"),
            "notes": text(values.get("notes")),
        }
        stage = choice(values.get("stage"), Stage.choices, "阶段", default=Stage.LEAD)
        stage_date = date_or_none(values.get("stage_date"), "阶段日期")
        reason = text(values.get("reason"))
        if pk is None:
            actions.create_project({"zone": zone, **data}, acting_user=acting_user, stage=stage,
                                   stage_date=stage_date, reason=reason)
            return True
        project = scope.restrict(InvestmentProject.objects.all(), acting_user, "view").filter(pk=pk).first()
        if project is None or (zone is not None and project.zone_id != zone.pk):
            raise ValidationError(f"找不到编号为{pk}的项目（或不在您的数据范围内）。")
        actions.update_project(project, data, acting_user=acting_user)
        if stage != project.stage:
            actions.change_stage(project, stage, date=stage_date, reason=reason, acting_user=acting_user)
        return False

    return run_import(rows, handle)


def _officer(zone, value):
    t = text(value)
    if not t:
        return None
    qs = User.objects.filter(unit__zone=zone) if zone is not None else User.objects.all()
    user = qs.filter(username=t).first() or qs.filter(display_name=t).first()
    if user is None:
        raise ValidationError(f"找不到招商人员“{t}”。")
    return user
