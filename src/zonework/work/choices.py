from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    KEY_POINTS = "key_points", _("工作要点")
    IMPLEMENTATION = "implementation", _("实施方案")
    SPECIAL = "special", _("专项督办")


class TaskStatus(models.TextChoices):
    DRAFT = "draft", _("立项")
    ASSIGNED = "assigned", _("已交办")
    ACCEPTED = "accepted", _("已签收")
    IN_PROGRESS = "in_progress", _("办理中")
    COMPLETION_REQUESTED = "completion_requested", _("申请办结")
    DONE = "done", _("已办结")
    DONE_LATE = "done_late", _("逾期办结")


OPEN_STATUSES = (TaskStatus.ASSIGNED, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS, TaskStatus.COMPLETION_REQUESTED)
DONE_STATUSES = (TaskStatus.DONE, TaskStatus.DONE_LATE)
# The statuses in which a unit owes periodic reports.
REPORTING_STATUSES = (TaskStatus.ASSIGNED, TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS)


class ReportCycle(models.TextChoices):
    NONE = "none", _("不定期")
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")


class Light(models.TextChoices):
    RED = "red", _("红灯")
    YELLOW = "yellow", _("黄灯")
    GREEN = "green", _("绿灯")
    DONE = "done", _("已办结")
    NONE = "none", _("未交办")


class TransitionEvent(models.TextChoices):
    CREATED = "created", _("立项")
    ASSIGNED = "assigned", _("交办")
    ACCEPTED = "accepted", _("签收")
    REPORTED = "reported", _("进度反馈")
    COMPLETION_REQUESTED = "completion_requested", _("申请办结")
    APPROVED = "approved", _("审核通过")
    RETURNED = "returned", _("退回")
    EXTENSION_REQUESTED = "extension_requested", _("延期申请")
    EXTENSION_APPROVED = "extension_approved", _("同意延期")
    EXTENSION_REFUSED = "extension_refused", _("不同意延期")
    REMINDED = "reminded", _("催办")


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已同意")
    REFUSED = "refused", _("未同意")


class ReminderKind(models.TextChoices):
    REPORT_DUE = "report_due", _("反馈即将到期")
    REPORT_MISSED = "report_missed", _("反馈逾期")
    REPORT_MISSED_ESCALATED = "report_missed_escalated", _("连续未反馈（报单位领导）")
    DEADLINE_SOON = "deadline_soon", _("完成时限临近")
    OVERDUE = "overdue", _("任务逾期（报单位领导）")
    MANUAL = "manual", _("督查室催办")


class WarningLevel(models.TextChoices):
    NONE = "", _("提醒")
    YELLOW = "yellow", _("黄牌警示")
    RED = "red", _("红牌警示")
