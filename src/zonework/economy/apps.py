from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "zonework.economy"
    label = "economy"
    verbose_name = _("经济运行")

    role_permissions = {
        "leader": ["economy.view_*"],
        "supervisor": ["economy.view_*", "economy.add_target", "economy.change_target"],
        "unit_user": ["economy.view_*"],
        "auditor": [],
    }

    def ready(self):
        from zonework.economy import catalogue

        post_migrate.connect(catalogue.sync_after_migrate, sender=self, dispatch_uid="zonework-economy-catalogue")
        if apps.is_installed("zonework.documents"):
            from zonework.documents.committers import register
            from zonework.economy.committers import (
                commit_results,
                commit_results_many,
                commit_targets,
                commit_targets_many,
            )

            register("targets", commit_targets, "预期目标", many=commit_targets_many)
            register("results", commit_results, "实际完成", many=commit_results_many)

    def load_demo(self, context, stdout):
        from zonework.economy.demo import load

        load(context, stdout)

    def todo_items(self, user, zone):
        from zonework.economy.todos import todo_items

        return todo_items(user, zone)

    def home_cards(self, request):
        from zonework.economy.views import home_cards

        return home_cards(request)
