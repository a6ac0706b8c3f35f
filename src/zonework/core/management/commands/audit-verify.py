"""`zonework audit-verify`: walk the audit log's hash chain; exit 1 naming the first entry changed,
inserted or removed. `--head HASH` also checks that the chain still ends where a retention export
said it did, which catches entries removed from the end."""

from django.core.management.base import BaseCommand, CommandError

from zonework.core.audit import verify_chain


class Command(BaseCommand):
    help = "校验审计日志的哈希链"

    def add_arguments(self, parser):
        parser.add_argument("--head", default="", help="上次导出文件中记录的链头校验值")

    def handle(self, *args, head="", **options):
        broken, last, count = verify_chain()
        if broken is not None:
            raise CommandError(f"审计日志校验失败：{broken.message}")
        if head and head != last:
            from zonework.core.models import AuditEntry

            if not AuditEntry.objects.filter(hash=head).exists():
                raise CommandError(f"审计日志校验失败：导出时的链头 {head[:12]}… 已不在日志中，末尾的记录被删除或改动。")
        self.stdout.write(f"审计日志校验通过：共{count}条，链头 {last}")
