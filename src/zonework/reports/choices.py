from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    SUMMARY = "summary", _("工作总结")
    PLAN = "plan", _("工作要点")
    BULLETIN = "bulletin", _("经济运行月报")
    SUPERVISION = "supervision", _("督查通报")
    INVESTMENT = "investment", _("招商引资月报")


# The kinds that are written for one month and need it chosen; 督查通报 takes a month or a whole year.
MONTHLY = ("bulletin", "investment")
MONTH_OPTIONAL = ("supervision",)


class JobStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


FINISHED = (JobStatus.DONE, JobStatus.FAILED)
