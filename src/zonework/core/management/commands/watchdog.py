from django.core.management.base import BaseCommand

from zonework.core import jobs


class Command(BaseCommand):
    help = "把超时仍未完成的后台任务和读取中的文件标记为失败（可由 cron 或 Celery beat 定时运行）。"

    def handle(self, *args, **options):
        counts = jobs.watchdog()
        minutes = int(jobs.timeout().total_seconds() // 60)
        self.stdout.write(f"超时{minutes}分钟：" + "，".join(f"{k}{v}个标记为失败" for k, v in counts.items()))
