from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zonework.core import backup
from zonework.core.validation import error_text


class Command(BaseCommand):
    help = "从备份归档恢复数据库和上传文件；目标须为空，否则加 --force 替换。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="backup 命令写出的归档文件")
        parser.add_argument("--force", action="store_true", help="目标已有数据时仍然替换")

    def handle(self, *args, file, force, **options):
        try:
            manifest = backup.restore(file, force=force)
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from None
        self.stdout.write(f"已从 {file} 恢复（备份于{manifest['created']}）：上传文件{manifest['media_files']}个。")
        if manifest.get("media_moved_to"):
            self.stdout.write(f"原有上传文件已移到 {manifest['media_moved_to']}。")
