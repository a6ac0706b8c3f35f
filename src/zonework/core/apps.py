from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "zonework.core"
    label = "core"
    verbose_name = _("组织与权限")

    def ready(self):
        # The Celery app is loaded here, not in zonework/__init__.py, so that the reader package
        # (zonework.reading) stays free of Django and Celery.
        from zonework import celery  # noqa: F401
        from zonework.core import audit, roles, todos
        from zonework.core.api import schema  # noqa: F401  (registers the schema's filter reading)

        audit.connect_signals()
        roles.connect_signals()
        todos.connect_signals()
