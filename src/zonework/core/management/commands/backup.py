from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zonework.core import backup
from zonework.core.validation import error_text


class Command(BaseCommand):
    help = "备份数据库和上传文件到一个归档文件（.tar.gz）。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="归档文件路径，如 zonework-备份.tar.gz")

    def handle(self, *args, file, **options):
        try:
            manifest = backup.backup(file)
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from None
        rows = sum(n or 0 for n in manifest["rows"].values())
        self.stdout.write(f"已备份到 {file}：{manifest['engine']}数据库{rows}行，上传文件{manifest['media_files']}个。")
