"""`zonework audit-export FILE --since YYYY-MM-DD`: the retention file (GB/T 22239: at least 180 days),
every entry with its hashes and a last line with the chain's head hash."""

from django.core.management.base import BaseCommand, CommandError

from zonework.core import numbers
from zonework.core.audit import export_lines, write_entry
from zonework.core.choices import AuditAction
from zonework.core.context import audit_context


class Command(BaseCommand):
    help = "导出审计日志留存文件（含链头校验值）"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--since", default="", help="起始日期，例如 2024-01-01；缺省为全部")

    def handle(self, *args, file, since="", **options):
        try:
            start = numbers.parse_date(since) if since else None
        except numbers.NotADate as exc:
            raise CommandError(str(exc)) from exc
        with audit_context(source="command"):
            write_entry(AuditAction.EXPORT, event="audit.exported",
                        message=f"导出审计日志留存文件（{'自' + start.isoformat() if start else '全部'}）")
        count = 0
        with open(file, "w", encoding="utf-8") as out:
            for line in export_lines(start):
                out.write(line)
                count += 1
        self.stdout.write(f"已导出{count - 1}条审计记录到 {file}")
