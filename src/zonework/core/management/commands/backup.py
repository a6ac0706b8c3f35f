from django.conf import settings
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
        if settings.ZONEWORK_STORAGE != "filesystem":
            # The files are in the object store, not under MEDIA_ROOT: say so rather than let a partial
            # archive pass for a whole one.
            self.stderr.write("注意：上传文件保存在对象存储（ZONEWORK_STORAGE=s3）中，未包含在本备份内，"
                              "请同时用对象存储自身的版本或复制功能备份存储桶。")
