from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zonework.core"
    label = "core"
    verbose_name = _("组织与权限")

    def ready(self):
        from zonework.core import audit, roles  # noqa: F401  (signal receivers)

        audit.connect_signals()
        roles.connect_signals()
