import datetime

from django.core.management.base import BaseCommand, CommandError

from zonework.core.context import audit_context
from zonework.returns.remind import send_reminders


class Command(BaseCommand):
    help = "发送数据填报的到期提醒与逾期催报（站内信及已配置的渠道）。可重复运行：同一提醒不会发送两次。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, **opts):
        today = None
        if opts.get("date"):
            try:
                today = datetime.date.fromisoformat(opts["date"])
            except ValueError as exc:
                raise CommandError(f"日期“{opts['date']}”格式不对，应为YYYY-MM-DD。") from exc
        with audit_context(source="command"):
            sent = send_reminders(today)
        self.stdout.write(f"已发送填报提醒{len(sent)}条。")
