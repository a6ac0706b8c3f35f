"""A plan's tasks in Excel: the board's export is the import (NetBox's rule).

Columns (row 1 is the header; the sheet may hold them in any order):
    ID | 序号 | 上级序号 | 任务名称 | 任务内容 | 牵头单位 | 配合单位 | 责任领导 | 开始日期 | 完成时限 |
    反馈周期 | 反馈日 | 权重 | 完成进度(%) | 状态 | 灯 | 最近反馈
The last four are read-only (written by the export, ignored by the import: progress and status
change only through the workflow). A row with an ID updates that task of the plan; a row without
one creates a task. 上级序号 names a task already in the plan or on an earlier row. Reading,
numbering and refusing (one transaction, every problem by row) are core's engine.
"""

from zonework.core import importing as xl
from zonework.core import jobs
from zonework.work import actions
from zonework.work.choices import ReportCycle
from zonework.work.lights import task_light


class Parent:
    """上级序号: the 序号 of a task already in the plan or imported on an earlier row (so it is read
    when its row is saved, after the rows before it)."""

    during_save = True

    def read(self, value, label, ctx):
        number = xl.cell_text(value)
        if not number:
            return None
        if number not in ctx.numbers:
            raise ValueError(f"{label}“{number}”在本计划中找不到（上级任务须在前面的行或已在计划中）。")
        return ctx.numbers[number]

    def write(self, value):
        return value.number if value is not None else ""


TASK_COLUMNS = [
    xl.id_column("ID"),
    xl.Column("序号", "number"),
    xl.Column("上级序号", "parent", Parent()),
    xl.Column("任务名称", "title", required=True),
    xl.Column("任务内容", "text"),
    xl.Column("牵头单位", "lead_unit", xl.zone_units(), required=True),
    xl.Column("配合单位", "support_units", xl.zone_units(many=True)),
    xl.Column("责任领导", "leader"),
    xl.Column("开始日期", "start_date", xl.Date()),
    xl.Column("完成时限", "deadline", xl.Date(), required=True),
    xl.Column("反馈周期", "report_cycle", xl.Choice(ReportCycle.choices)),
    xl.Column("反馈日", "report_day", xl.Number(integer=True, non_negative=True, blank=xl.KEEP)),
    xl.Column("权重", "weight", xl.Number()),
    xl.Column("完成进度(%)", "progress", xl.Number(), read_only=True),
    xl.Column("状态", "status", read_only=True, value=lambda t: t.get_status_display()),
    xl.Column("灯", "light", read_only=True, value=lambda t: str(task_light(t).label)),
    xl.Column("最近反馈", "last_report_date", xl.Date(), read_only=True),
]


def export_workbook(plan, tasks):
    return xl.export_workbook(plan.title[:31] or "任务", TASK_COLUMNS, tasks)


def _save(row, ctx):
    from zonework.work.models import Task

    task = xl.existing(Task.objects.filter(plan=ctx.plan), row, ctx, "任务")
    if task is None:
        task = actions.create_task(ctx.plan, {"position": row.number - 1, **row.data}, acting_user=ctx.acting_user)
    else:
        data = {k: v for k, v in row.data.items() if k in actions.EDITABLE_TASK_FIELDS}
        task = actions.update_task(task, data, acting_user=ctx.acting_user)
    if task.number:
        ctx.numbers[task.number] = task
    return row.pk is None


@actions.logs_refusals
def import_tasks(plan, fileobj, *, acting_user):
    """Create or update the plan's tasks from an Excel file; returns (created, updated). The engine
    reads the whole sheet first and saves it in one transaction."""
    from zonework.work.models import Task

    numbers = {t.number: t for t in Task.objects.filter(plan=plan).exclude(number="")}
    counts = xl.import_file(fileobj, TASK_COLUMNS, _save, zone=plan.zone, acting_user=acting_user, plan=plan,
                            numbers=numbers)
    return counts["created"], counts["updated"]


@jobs.job("导入任务")
def import_tasks_job(file, *, zone, acting_user, plan_id):
    """import_tasks as a background job (the board's upload)."""
    from zonework.work.models import Plan

    plan = Plan.objects.get(pk=plan_id, zone=zone)
    created, updated = import_tasks(plan, file, acting_user=acting_user)
    return {"created": created, "updated": updated, "message": f"导入完成：新增{created}项，更新{updated}项。"}
