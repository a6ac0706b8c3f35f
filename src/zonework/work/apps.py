from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "zonework.work"
    label = "work"
    verbose_name = _("督查督办")

    role_permissions = {
        "leader": ["work.view_*", "work.instruct_task"],
        "supervisor": ["work.*"],
        "unit_user": ["work.view_plan", "work.view_task", "work.change_task", "work.add_progressreport",
                      "work.view_progressreport", "work.view_tasktransition", "work.view_reminder",
                      "work.view_extensionrequest", "work.add_extensionrequest",
                      "work.view_instruction"],
        "auditor": [],
    }

    def ready(self):
        if apps.is_installed("zonework.documents"):
            try:
                from zonework.documents import committers
            except ImportError:  # the documents app is still being built
                return
            from zonework.work.actions import commit_document_tasks, commit_documents_tasks

            committers.register("tasks", commit_document_tasks, "督查任务（生成计划）", many=commit_documents_tasks)

    def load_demo(self, context, stdout):
        from zonework.work import demo

        demo.load(context, stdout)

    def todo_items(self, user, zone):
        from zonework.work.todos import todo_items

        return todo_items(user, zone)

    def can_instruct(self, user):
        from zonework.work.access import can_instruct

        return can_instruct(user)

    def home_cards(self, request):
        from zonework.work.views.home import home_cards

        return home_cards(request)
