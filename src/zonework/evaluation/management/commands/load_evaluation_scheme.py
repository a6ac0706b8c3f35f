from django.core.management.base import BaseCommand

from zonework.core import clock
from zonework.evaluation.actions import load_example_scheme


class Command(BaseCommand):
    help = "载入商务部2021年版结构的示例考核方案（假设与不完整处已标注）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, year=None, **options):
        scheme = load_example_scheme(year=year or clock.today().year - 1)
        self.stdout.write(f"{scheme}：{scheme.parts.count()}个一级指标")
