"""Enterprises in Excel: the columns of the sheet; reading, numbering and refusing are core's engine
(`zonework.core.importing`). The export re-imports; a row with an 编号 updates that enterprise."""

from zonework.core import importing as xl
from zonework.core import jobs

from . import actions
from .models import Enterprise

ENTERPRISE_COLUMNS = [
    xl.id_column(),
    xl.Column("企业名称", "name", required=True),
    xl.Column("统一社会信用代码", "credit_code"),
    xl.Column("行业代码", "industry", xl.industries()),
    xl.Column("园区", "park", xl.zone_parks()),
    xl.Column("服务单位", "unit", xl.zone_units(), required=True),
    xl.Column("规模以上", "above_scale", xl.YesNo()),
    xl.Column("高新技术企业", "high_tech", xl.YesNo()),
    xl.Column("上市企业", "listed", xl.YesNo()),
    xl.Column("联系人", "contact_name"),
    xl.Column("联系电话", "contact_phone"),
    xl.Column("地址", "address"),
    xl.Column("联系领导", "liaison_leader", xl.zone_people()),
]


def export_enterprises(queryset):
    return xl.export_workbook("企业", ENTERPRISE_COLUMNS,
                              queryset.select_related("industry", "park", "unit", "liaison_leader"))


def _save(row, ctx):
    data = row.data
    enterprise = xl.existing(Enterprise.objects.all(), row, ctx, "企业")
    if enterprise is None:
        actions.create_enterprise({"zone": ctx.zone, **data}, acting_user=ctx.acting_user)
        return True
    actions.update_enterprise(enterprise, data, acting_user=ctx.acting_user)
    return False


@jobs.job("导入企业")
def import_enterprises(file, *, zone, acting_user):
    """Create or update enterprises from an xlsx in the export's layout; returns the counts."""
    return xl.import_file(file, ENTERPRISE_COLUMNS, _save, zone=zone, acting_user=acting_user)
