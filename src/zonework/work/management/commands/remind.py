import datetime

from django.core.management.base import BaseCommand, CommandError

from zonework.core.context import audit_context
from zonework.core.models import Zone
from zonework.work.remind import send_reminders


class Command(BaseCommand):
    help = "发送督查督办提醒与黄牌、红牌警示（站内提醒与邮件）。可重复运行：同一提醒不会发送两次。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--zone", help="只处理该开发区（名称）")

    def handle(self, *args, **opts):
        today = None
        if opts.get("date"):
            try:
                today = datetime.date.fromisoformat(opts["date"])
            except ValueError as exc:
                raise CommandError(f"日期“{opts['date']}”格式不对，应为YYYY-MM-DD。") from exc
        zone = None
        if opts.get("zone"):
            zone = Zone.objects.filter(name=opts["zone"]).first()
            if zone is None:
                raise CommandError(f"没有名为“{opts['zone']}”的开发区。")
        with audit_context(source="command"):
            sent = send_reminders(today, zone=zone)
        warnings = sum(1 for r in sent if r.level)
        self.stdout.write(f"已发送提醒{len(sent)}条（其中警示{warnings}条）。")
