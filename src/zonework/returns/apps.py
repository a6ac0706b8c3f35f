from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReturnsConfig(AppConfig):
    """Returns (数据填报) from zones to the province, with review (issue 14 §2)."""

    name = "zonework.returns"
    label = "returns"
    verbose_name = _("数据填报")

    role_permissions = {
        "leader": ["returns.view_*"],
        "supervisor": ["returns.view_*"],
        "unit_user": [],
        "auditor": [],
    }

    def load_demo(self, context, stdout):
        from zonework.returns.demo import load

        load(context, stdout)

    def todo_items(self, user, zone):
        from zonework.returns.todos import todo_items

        return todo_items(user, zone)
