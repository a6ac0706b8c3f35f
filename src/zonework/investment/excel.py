"""Projects in Excel: the columns of the sheet; reading, numbering and refusing are core's engine
(`zonework.core.importing`). The export re-imports; a row with an 编号 updates that project."""

from decimal import Decimal

from zonework.core import importing as xl
from zonework.core import jobs

from . import actions
from .choices import Currency, Origin, Stage
from .models import InvestmentProject

CURRENCY = xl.Choice([(Currency.CNY, "人民币"), (Currency.USD, "美元")],
                     aliases={"人民币（万元）": Currency.CNY, "万元": Currency.CNY, "美元（万美元）": Currency.USD,
                              "万美元": Currency.USD})

PROJECT_COLUMNS = [
    xl.id_column(),
    xl.Column("项目名称", "name", required=True),
    xl.Column("投资方", "investor"),
    xl.Column("资金来源", "origin", xl.Choice(Origin.choices)),
    xl.Column("国别（地区）", "country_region", label="国别（地区）"),
    xl.Column("世界500强", "fortune500", xl.YesNo()),
    xl.Column("上市企业", "listed_company", xl.YesNo()),
    xl.Column("行业代码", "industry", xl.industries()),
    xl.Column("园区", "park", xl.zone_parks()),
    xl.Column("责任单位", "unit", xl.zone_units(), required=True),
    xl.Column("招商人员", "officer", xl.zone_people()),
    # A blank agreed amount is none agreed yet (a lead), not a missing figure.
    xl.Column("协议投资额（万）", "agreed_investment", xl.Number(non_negative=True, blank=Decimal(0))),
    xl.Column("币种", "currency", CURRENCY),
    xl.Column("增资项目", "is_capital_increase", xl.YesNo()),
    xl.Column("新增投资额（万）", "added_amount", xl.Number(non_negative=True)),
    xl.Column("用地面积（亩）", "land_area", xl.Number(non_negative=True)),
    xl.Column("预计签约日期", "expected_signing_date", xl.Date()),
    xl.Column("预计开工日期", "expected_construction_date", xl.Date()),
    xl.Column("预计投产日期", "expected_production_date", xl.Date()),
    xl.Column("阶段", "stage", xl.Choice(Stage.choices)),
    xl.Column("阶段日期", "stage_date", xl.Date()),
    # Why a stage moved back or ended: read with the stage, never exported (it belongs to the change).
    xl.Column("阶段变更原因", "reason", value=lambda p: ""),
    xl.Column("备注", "notes"),
]
# Columns that go with a stage change, not with the project's own fields.
STAGE_FIELDS = ("stage", "stage_date", "reason")


def export_projects(queryset):
    return xl.export_workbook("招商项目", PROJECT_COLUMNS,
                              queryset.select_related("industry", "park", "unit", "officer"))


def _save(row, ctx):
    data = {k: v for k, v in row.data.items() if k not in STAGE_FIELDS}
    stage, stage_date, reason = (row.values.get(k) for k in STAGE_FIELDS)
    project = xl.existing(InvestmentProject.objects.all(), row, ctx, "项目")
    if project is None:
        actions.create_project({"zone": ctx.zone, **data}, acting_user=ctx.acting_user, stage=stage or Stage.LEAD,
                               stage_date=stage_date, reason=reason or "")
        return True
    actions.update_project(project, data, acting_user=ctx.acting_user)
    if stage and stage != project.stage:
        actions.change_stage(project, stage, date=stage_date, reason=reason or "", acting_user=ctx.acting_user)
    return False


def _save_many(rows, ctx):
    items = [(row.number, row.pk, {k: v for k, v in row.data.items() if k not in STAGE_FIELDS},
              *(row.values.get(k) for k in STAGE_FIELDS)) for row in rows]
    return actions.import_projects(ctx.zone, items, acting_user=ctx.acting_user)


@jobs.job("导入招商项目")
def import_projects(file, *, zone, acting_user):
    """Create or update projects from an xlsx in the export's layout; returns the counts. The rows
    are written set-based (actions.import_projects); `_save` stays the one-row path of the engine."""
    return xl.import_file(file, PROJECT_COLUMNS, _save, zone=zone, acting_user=acting_user, save_many=_save_many)
