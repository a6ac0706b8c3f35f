"""Excel import and export of enterprises in one layout (the export re-imports; a row with an id updates)."""

from django.core.exceptions import ValidationError

from zonework.core import scope
from zonework.core.excel import rows_to_workbook
from zonework.core.models import Park, Unit, User
from zonework.investment.excel import lookup, read_rows, row_id, run_import, text, yes_no
from zonework.investment.models import Industry

from . import actions
from .models import Enterprise

ENTERPRISE_COLUMNS = [
    ("编号", "id"), ("企业名称", "name"), ("统一社会信用代码", "credit_code"), ("行业代码", "industry"), ("园区", "park"),
    ("服务单位", "unit"), ("规模以上", "above_scale"), ("高新技术企业", "high_tech"), ("上市企业", "listed"),
    ("联系人", "contact_name"), ("联系电话", "contact_phone"), ("地址", "address"), ("联系领导", "liaison_leader"),
]


def _yn(value):
    return "是" if value else "否"


def export_enterprises(queryset):
    rows = [[h for h, _a in ENTERPRISE_COLUMNS]]
    for e in queryset.select_related("industry", "park", "unit", "liaison_leader"):
        rows.append([e.pk, e.name, e.credit_code, e.industry.code if e.industry_id else "",
                     e.park.name if e.park_id else "", e.unit.name, _yn(e.above_scale), _yn(e.high_tech),
                     _yn(e.listed), e.contact_name, e.contact_phone, e.address,
                     e.liaison_leader.username if e.liaison_leader_id else ""])
    return rows_to_workbook("企业", rows)


def import_enterprises(file, *, zone, acting_user):
    rows = read_rows(file, ENTERPRISE_COLUMNS)

    def handle(values):
        pk = row_id(values)
        leader = text(values.get("liaison_leader"))
        leader_user = None
        if leader:
            qs = User.objects.filter(unit__zone=zone) if zone is not None else User.objects.all()
            leader_user = qs.filter(username=leader).first() or qs.filter(display_name=leader).first()
            if leader_user is None:
                raise ValidationError(f"找不到联系领导“{leader}”。")
        data = {
            "name": text(values.get("name")), "credit_code": text(values.get("credit_code")),
            "industry": lookup(Industry, None, values.get("industry"), "行业代码", field="code"),
            "park": lookup(Park, zone, values.get("park"), "园区"),
            "unit": lookup(Unit, zone, values.get("unit"), "服务单位", required=True),
            "above_scale": yes_no(values.get("above_scale"), "规模以上"),
            "high_tech": yes_no(values.get("high_tech"), "高新技术企业"),
            "listed": yes_no(values.get("listed"), "上市企业"),
            "contact_name": text(values.get("contact_name")), "contact_phone": text(values.get("contact_phone")),
            "address": text(values.get("address")), "liaison_leader": leader_user,
        }
        if pk is None:
            actions.create_enterprise({"zone": zone, **data}, acting_user=acting_user)
            return True
        enterprise = scope.restrict(Enterprise.objects.all(), acting_user, "view").filter(pk=pk).first()
        if enterprise is None or (zone is not None and enterprise.zone_id != zone.pk):
            raise ValidationError(f"找不到编号为{pk}的企业（或不在您的数据范围内）。")
        actions.update_enterprise(enterprise, data, acting_user=acting_user)
        return False

    return run_import(rows, handle)
