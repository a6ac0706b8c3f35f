from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "zonework.reports"
    label = "reports"
    verbose_name = _("报告")

    role_permissions = {
        "leader": ["reports.view_reportjob", "reports.add_reportjob"],
        "supervisor": ["reports.view_reportjob", "reports.add_reportjob"],
        "unit_user": [],
        "auditor": [],
    }
