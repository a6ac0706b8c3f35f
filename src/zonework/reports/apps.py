from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "zonework.reports"
    label = "reports"
    verbose_name = _("报告")

    # the office (its leader and its 督查室) keeps the zone's 公文 settings and issues 发文字号
    _office = ["reports.view_reportjob", "reports.add_reportjob", "reports.view_documentsettings",
               "reports.add_documentsettings", "reports.change_documentsettings",
               "reports.view_issuednumber", "reports.add_issuednumber"]
    role_permissions = {
        "leader": _office,
        "supervisor": _office,
        "unit_user": [],
        "auditor": [],
    }
