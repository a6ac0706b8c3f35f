from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    name = "zonework.investment"
    label = "investment"
    verbose_name = _("招商引资")

    role_permissions = {
        "leader": ["investment.view_*", "investment.remind_investmentproject", "investment.add_projectreminder"],
        "supervisor": ["investment.view_*", "investment.remind_investmentproject", "investment.add_projectreminder"],
        "unit_user": [
            "investment.view_investmentproject", "investment.add_investmentproject",
            "investment.change_investmentproject",
            "investment.view_paidin", "investment.add_paidin", "investment.change_paidin",
            "investment.view_stagechange", "investment.add_stagechange",
            "investment.view_majorproject", "investment.add_majorproject", "investment.change_majorproject",
            "investment.view_majorprojectyear", "investment.add_majorprojectyear",
            "investment.change_majorprojectyear",
            "investment.view_projectreminder", "investment.change_projectreminder",
        ],
        "auditor": [],
    }

    def ready(self):
        if apps.is_installed("zonework.documents"):
            try:
                from zonework.documents import committers
            except ImportError:  # the documents app is being built; nothing to register yet
                return
            from zonework.investment.actions import commit_document_projects, commit_documents_projects

            committers.register("projects", commit_document_projects, "招商项目", many=commit_documents_projects)

    def load_demo(self, context, stdout):
        from zonework.investment.demo import load

        load(context, stdout)

    def todo_items(self, user, zone):
        from zonework.investment.todos import todo_items

        return todo_items(user, zone)

    def home_cards(self, request):
        from zonework.investment.views import home_cards

        return home_cards(request)
