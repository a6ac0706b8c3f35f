from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zonework.core.context import audit_context
from zonework.core.models import User, Zone
from zonework.core.validation import error_text
from zonework.documents.importing import import_files
from zonework.reading import SUPPORTED


def report_files(names):
    """The files named, a folder standing for its report files (sorted, not descending)."""
    out = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.is_file() and p.name.lower().endswith(tuple(SUPPORTED))))
        else:
            out.append(path)
    return out


class Command(BaseCommand):
    help = ("导入工作总结、工作要点等文件到一个开发区：读取后待审阅；加 --commit 则不经审阅直接提交入库。"
            "可以给出文件夹：导入其中的全部文件（一次写入，比逐个导入快）。")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="txt、docx、pdf 或 html 文件，或含这些文件的文件夹")
        parser.add_argument("--zone", required=True, help="开发区名称或简称")
        parser.add_argument("--commit", action="store_true", help="读取后直接提交（不经审阅）")
        parser.add_argument("--user", help="以该用户身份导入（默认：第一个超级用户）")
        parser.add_argument("--create-indicators", action="store_true",
                            help="文件中出现指标库没有的指标时新建（默认跳过这些记录）")
        parser.add_argument("--as-new", action="store_true",
                            help="即使与已提交的文件几乎相同，也按新文件提交（默认按修订版更新原记录）")
        parser.add_argument("--expand-groups", action="store_true",
                            help="把任务责任单位中的“相关园区”“各街道”展开为本开发区的全部园区或街道")

    def handle(self, *args, **opts):
        name = opts["zone"].strip()
        zone = Zone.objects.filter(name=name).first() or Zone.objects.filter(short_name=name).first()
        if zone is None:
            raise CommandError(f"没有名为“{name}”的开发区。")
        user = self._user(opts.get("user"))
        options = {"skip_incomplete": True, "skip_unknown": not opts["create_indicators"],
                   "create_indicators": True if opts["create_indicators"] else (),
                   "expand_groups": opts["expand_groups"]}
        failed = 0
        with audit_context(source="command", user=user):
            try:
                results = import_files(report_files(opts["files"]), zone, acting_user=user, commit=opts["commit"],
                                       options=options, revise=not opts["as_new"])
            except Exception as exc:  # nothing was written: say why
                raise CommandError(f"导入失败，未写入：{error_text(exc)}") from exc
            for path, document, created, message in results:
                if document is None:
                    self.stderr.write(f"{path}：{message}")
                    failed += 1
                    continue
                prefix = "" if created else "（已导入过）"
                self.stdout.write(f"{path}{prefix} → #{document.pk} {document.get_status_display()}。{message}")
                failed += document.status == "failed" or "提交失败" in message
        if failed:
            raise CommandError(f"{failed}个文件未能导入。")

    def _user(self, username):
        if username:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"没有用户“{username}”。")
            return user
        user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if user is None:
            from zonework.core.demo import system_user

            user = system_user()
        return user
