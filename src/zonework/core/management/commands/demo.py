from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from zonework.core import demo
from zonework.core.context import audit_context


class Command(BaseCommand):
    help = "载入演示数据（可重复运行）：开发区、单位、每个角色一个用户，及各模块的演示数据。"

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="不打印登录信息")

    def handle(self, *args, **opts):
        with audit_context(source="command"), transaction.atomic():
            context = demo.load()
        # Each domain app adds its demo on top (AppConfig.load_demo), in installation order.
        for config in apps.get_app_configs():
            loader = getattr(config, "load_demo", None)
            if loader is not None:
                with audit_context(source="command", user=context["actor"]):
                    loader(context, self.stdout)
        # The printed logins work in one step, whichever app made them (core.demo.load's docstring).
        with audit_context(source="command"):
            demo.waive_password_change(context)
        if not opts["quiet_logins"]:
            self.stdout.write("")
            self.stdout.write("演示账号（密码相同）：")
            for username, password, role, unit in context["logins"]:
                self.stdout.write(f"  {username:<12} {password}   {role}（{unit}）")
            self.stdout.write("演示账号无须改密即可登录；正式部署中新建或被重置密码的账号须在首次登录时修改密码。")
