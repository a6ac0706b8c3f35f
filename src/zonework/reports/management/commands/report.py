"""zonework report KIND --zone NAME --year Y [--month M] --out FILE — a report as .docx (and .xlsx)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from zonework.core.validation import error_text
from zonework.reports.choices import ReportKind
from zonework.reports.common import ReportError
from zonework.reports.generate import generate


class Command(BaseCommand):
    help = "生成报告：summary（工作总结）、plan（工作要点）、bulletin（经济运行月报）、supervision（督查通报）或 investment（招商引资月报），输出 .docx（月报另有 .xlsx 附表）。"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ReportKind.values, help="summary / plan / bulletin / supervision / investment")
        parser.add_argument("--zone", required=True, help="开发区名称或简称")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--month", type=int, help="月报（经济运行、招商引资）的月份（1-12）；督查通报可选")
        parser.add_argument("--plan", type=int, help="工作要点：计划编号（默认取该年的工作要点）")
        parser.add_argument("--out", required=True, help="输出 .docx 文件路径")
        parser.add_argument("--xlsx", help="月报附表 .xlsx 路径（默认与 --out 同名）")
        parser.add_argument("--no-charts", action="store_true", help="月报不生成图表")
        parser.add_argument("--user", help="按该用户的数据范围生成（默认不限）")

    def handle(self, *args, kind, zone, year, month, plan, out, xlsx, no_charts, user, **options):
        from zonework.core.models import User, Zone

        matches = list(Zone.objects.filter(Q(name=zone) | Q(short_name=zone)))
        if not matches:
            raise CommandError(f"找不到开发区“{zone}”。")
        if len(matches) > 1:
            raise CommandError(f"“{zone}”对应多个开发区，请使用全称。")
        acting = None
        if user:
            acting = User.objects.filter(username=user).first()
            if acting is None:
                raise CommandError(f"找不到用户“{user}”。")
        plan_row = None
        if plan:
            from zonework.reports.common import model

            Plan = model("work", "Plan")
            plan_row = Plan.objects.filter(pk=plan, zone=matches[0]).first() if Plan else None
            if plan_row is None:
                raise CommandError(f"计划{plan}不存在或不属于{matches[0]}。")
        try:
            output = generate(kind, matches[0], year, month, user=acting, plan=plan_row, charts=not no_charts)
            docx = output.docx
            sheet = output.xlsx
        except (ReportError, PermissionDenied) as exc:
            raise CommandError(error_text(exc)) from exc
        out_path = Path(out)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        out_path.write_bytes(docx)
        self.stdout.write(f"已生成 {out_path}（{len(docx)} 字节，{len(output.report.figures)} 个数字均有来源）")
        if sheet is not None:
            sheet_path = Path(xlsx) if xlsx else out_path.with_suffix(".xlsx")
            sheet_path.write_bytes(sheet)
            self.stdout.write(f"已生成 {sheet_path}")
        for note in output.report.notes:
            self.stdout.write(f"说明：{note}")
