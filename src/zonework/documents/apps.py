from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "zonework.documents"
    label = "documents"
    verbose_name = _("来源文件")

    role_permissions = {
        "leader": ["documents.view_sourcedocument"],
        "supervisor": ["documents.view_sourcedocument", "documents.add_sourcedocument",
                       "documents.change_sourcedocument"],
        "unit_user": ["documents.view_sourcedocument"],
        "auditor": [],
    }

    def ready(self):
        from zonework.core import jobs
        from zonework.documents.actions import fail_stuck_documents

        jobs.register_watchdog(fail_stuck_documents)

    def load_demo(self, context, stdout):
        from zonework.documents.demo import load

        load(context, stdout)

    def todo_items(self, user, zone):
        from zonework.documents.todos import todo_items

        return todo_items(user, zone)

    def home_cards(self, request):
        from zonework.documents.views import home_cards

        return home_cards(request)
