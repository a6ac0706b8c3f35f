from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "zonework.enterprises"
    label = "enterprises"
    verbose_name = _("企业服务")

    role_permissions = {
        "leader": ["enterprises.view_*"],
        "supervisor": ["enterprises.view_*"],
        "unit_user": [
            "enterprises.view_enterprise", "enterprises.add_enterprise", "enterprises.change_enterprise",
            "enterprises.view_servicerequest", "enterprises.add_servicerequest",
            "enterprises.change_servicerequest",
            "enterprises.view_liaisonvisit", "enterprises.add_liaisonvisit", "enterprises.change_liaisonvisit",
        ],
        "auditor": [],
    }

    def load_demo(self, context, stdout):
        from zonework.enterprises.demo import load

        load(context, stdout)

    def todo_items(self, user, zone):
        from zonework.enterprises.todos import todo_items

        return todo_items(user, zone)

    def home_cards(self, request):
        from zonework.enterprises.views import home_cards

        return home_cards(request)
