"""A plan (工作要点 / 实施方案 / 专项督办), its task tree, and what happens to each task.

Data scope: a Task belongs to its lead unit (`scope_unit = "lead_unit"`); a unit that only supports
a task reaches it through `zonework.work.access.visible_tasks`, the one helper every page and the API
use. Progress reports, transitions, extension requests and reminders hang off the task.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.models import AuditedModel
from zonework.work.choices import (
    ExtensionStatus,
    PlanKind,
    ReminderKind,
    ReportCycle,
    TaskStatus,
    TransitionEvent,
    WarningLevel,
)
from zonework.work.lights import LightRules

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Plan(AuditedModel):
    """A year's (or a programme's) list of tasks, with the light rules its board uses."""

    scope_unit = None

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(_("标题"), max_length=200)
    kind = models.CharField(_("类型"), max_length=20, choices=PlanKind.choices, default=PlanKind.KEY_POINTS)
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=300, blank=True, help_text=_("如：来源文件名、会议纪要、领导批示。"))
    source_document_id = models.PositiveIntegerField(_("来源文件编号"), null=True, blank=True)
    provenance = models.JSONField(_("出处"), default=dict, blank=True)
    # Light rules (lights.py); shown in words on the board. Their defaults are LightRules' own.
    yellow_days = models.PositiveSmallIntegerField(
        _("临近时限天数"), default=LightRules.yellow_days, validators=[MaxValueValidator(365)],
        help_text=_("距完成时限不超过该天数且未办结，亮黄灯。"))
    red_missed_reports = models.PositiveSmallIntegerField(
        _("红灯漏报次数"), default=LightRules.red_missed_reports, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("连续错过该次数的反馈节点，亮红灯；错过1次亮黄灯。"))
    behind_tolerance = models.PositiveSmallIntegerField(
        _("进度容差(百分点)"), default=LightRules.behind_tolerance, validators=[MaxValueValidator(100)],
        help_text=_("完成进度落后时间进度超过该百分点，亮黄灯。"))
    remind_days = models.PositiveSmallIntegerField(
        _("提前提醒天数"), default=3, validators=[MaxValueValidator(60)],
        help_text=_("反馈节点或完成时限前该天数内发送提醒。"))

    class Meta:
        verbose_name = _("计划")
        verbose_name_plural = _("计划")
        ordering = ["-year", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("work:board") + f"?plan={self.pk}"

    def clean(self):
        self.title = (self.title or "").strip()
        errors = {}
        if not self.title:
            errors["title"] = _("计划标题不能为空。")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("结束日期不能早于开始日期。")
        if errors:
            raise ValidationError(errors)


class Task(AuditedModel):
    """One item of a plan (重点任务); sub-tasks and milestones form a tree through `parent`."""

    scope_zone = "plan__zone"
    scope_unit = "lead_unit"

    plan = models.ForeignKey(Plan, verbose_name=_("计划"), on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey("self", verbose_name=_("上级任务"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="children")
    number = models.CharField(_("序号"), max_length=20, blank=True)
    position = models.PositiveIntegerField(_("排序"), default=0)
    title = models.CharField(_("任务名称"), max_length=300)
    text = models.TextField(_("任务内容"), blank=True)
    lead_unit = models.ForeignKey("core.Unit", verbose_name=_("牵头单位"), on_delete=models.PROTECT,
                                  related_name="led_tasks")
    support_units = models.ManyToManyField("core.Unit", verbose_name=_("配合单位"), blank=True,
                                           related_name="supported_tasks")
    leader = models.CharField(_("责任领导"), max_length=50, blank=True)
    start_date = models.DateField(_("开始日期"), null=True, blank=True, help_text=_("留空则取计划开始日期。"))
    deadline = models.DateField(_("完成时限"))
    report_cycle = models.CharField(_("反馈周期"), max_length=20, choices=ReportCycle.choices,
                                    default=ReportCycle.MONTHLY)
    report_day = models.PositiveSmallIntegerField(
        _("反馈日"), default=25,
        help_text=_("每周：星期几（1-7）；每月：每月几日（1-28）；每季度：季末月几日（1-28）。"))
    weight = models.DecimalField(_("权重"), max_digits=6, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    progress = models.DecimalField(_("完成进度(%)"), max_digits=5, decimal_places=2, default=0)
    status = models.CharField(_("状态"), max_length=30, choices=TaskStatus.choices, default=TaskStatus.DRAFT,
                              db_index=True)
    assigned_at = models.DateTimeField(_("交办时间"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    last_report_date = models.DateField(_("最近反馈日期"), null=True, blank=True)
    completion_requested_at = models.DateTimeField(_("申请办结时间"), null=True, blank=True)
    completion_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申请办结人"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+")
    done_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    returned_count = models.PositiveSmallIntegerField(_("退回次数"), default=0)
    quality_score = models.DecimalField(_("质量评价"), max_digits=5, decimal_places=2, null=True, blank=True,
                                        help_text=_("督查室评价，0-100分。"))
    provenance = models.JSONField(_("出处"), default=dict, blank=True,
                                  help_text=_("从来源文件读取时：文件、篇目、字符位置与原句。"))

    class Meta:
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        ordering = ["plan", "position", "id"]
        permissions = [("supervise_task", _("督查督办（交办、审核、退回、延期审批、催办）"))]

    def __str__(self):
        return f"{self.number}.{self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse("work:task_detail", args=[self.pk])

    @property
    def is_done(self):
        return self.status in (TaskStatus.DONE, TaskStatus.DONE_LATE)

    def effective_start(self):
        if self.start_date:
            return self.start_date
        if self.plan_id and self.plan.start_date:
            return self.plan.start_date
        if self.assigned_at:
            return clock.localdate(self.assigned_at)
        return datetime.date(self.plan.year, 1, 1) if self.plan_id else None

    def ancestors(self):
        seen, node = [], self.parent
        while node is not None and node.pk not in [n.pk for n in seen]:
            seen.append(node)
            node = node.parent
        return seen

    def clean(self):
        self.title = (self.title or "").strip()
        errors = {}
        if not self.title:
            errors["title"] = _("任务名称不能为空。")
        if self.progress is not None and not (0 <= self.progress <= 100):
            errors["progress"] = _("完成进度应在0到100之间，收到%(value)s。") % {"value": self.progress}
        if self.weight is not None and self.weight < 0:
            errors["weight"] = _("权重不能为负数。")
        if self.quality_score is not None and not (0 <= self.quality_score <= 100):
            errors["quality_score"] = _("质量评价应在0到100分之间。")
        plan = self.plan if self.plan_id else None
        if plan is not None and self.lead_unit_id and self.lead_unit.zone_id != plan.zone_id:
            errors["lead_unit"] = _("牵头单位“%(unit)s”不属于计划所在的开发区。") % {"unit": self.lead_unit}
        if plan is not None and self.deadline and plan.start_date and self.deadline < plan.start_date:
            errors["deadline"] = _("完成时限（%(d)s）不能早于计划开始日期（%(s)s）。") % {
                "d": self.deadline, "s": plan.start_date}
        if self.start_date and self.deadline and self.deadline < self.start_date:
            errors["deadline"] = _("完成时限（%(d)s）不能早于任务开始日期（%(s)s）。") % {
                "d": self.deadline, "s": self.start_date}
        limits = {ReportCycle.WEEKLY: 7, ReportCycle.MONTHLY: 28, ReportCycle.QUARTERLY: 28}
        top = limits.get(self.report_cycle)
        if top and not (1 <= (self.report_day or 0) <= top):
            errors["report_day"] = _("反馈日应在1到%(top)s之间。") % {"top": top}
        if self.parent_id:
            parent = self.parent
            if plan is not None and parent.plan_id != plan.pk:
                errors["parent"] = _("上级任务必须属于同一计划。")
            elif self.pk and (parent.pk == self.pk or self.pk in [a.pk for a in parent.ancestors()]):
                errors["parent"] = _("不能把任务放到它自己或它的下级任务之下（任务树不能成环）。")
        if errors:
            raise ValidationError(errors)


class TaskTransition(AuditedModel):
    """One step in a task's life: who moved it from which status to which, when and why."""

    scope_zone = "task__plan__zone"
    scope_unit = "task__lead_unit"

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="transitions")
    event = models.CharField(_("事件"), max_length=30, choices=TransitionEvent.choices)
    from_status = models.CharField(_("原状态"), max_length=30, choices=TaskStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=30, choices=TaskStatus.choices, blank=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("理由/说明"), blank=True)

    class Meta:
        verbose_name = _("任务流转")
        verbose_name_plural = _("任务流转")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.task} {self.get_event_display()}"


class ProgressReport(AuditedModel):
    """A unit's periodic report on a task (进度反馈); a support unit reports on its own part."""

    scope_zone = "task__plan__zone"
    scope_unit = "unit"

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("core.Unit", verbose_name=_("反馈单位"), on_delete=models.PROTECT,
                             related_name="progress_reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("填报人"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(_("反馈日期"), default=clock.today)
    text = models.TextField(_("进展情况"))
    progress = models.DecimalField(_("完成进度(%)"), max_digits=5, decimal_places=2, validators=PERCENT)
    attachment = models.FileField(_("附件"), upload_to="work/reports/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("进度反馈")
        verbose_name_plural = _("进度反馈")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.task} {self.date} {self.progress}%"

    def clean_fields(self, exclude=None):
        # clean() says what is wrong with the progress in one sentence (with the value received);
        # the field's own range validators would say it a second time in other words.
        super().clean_fields(exclude={*(exclude or ()), "progress"})

    def clean(self):
        errors = {}
        if not (self.text or "").strip():
            errors["text"] = _("请填写进展情况。")
        if self.progress is None or not (0 <= self.progress <= 100):
            errors["progress"] = _("完成进度应在0到100之间，收到%(value)s。") % {"value": self.progress}
        if self.date and self.date > clock.today():
            errors["date"] = _("反馈日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)


class ExtensionRequest(AuditedModel):
    """延期申请: the lead unit asks for a later deadline; the supervision office approves or refuses."""

    scope_zone = "task__plan__zone"
    scope_unit = "task__lead_unit"

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    old_deadline = models.DateField(_("原完成时限"))
    new_deadline = models.DateField(_("申请延至"))
    reason = models.TextField(_("延期理由"))
    status = models.CharField(_("状态"), max_length=20, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.task} 延至{self.new_deadline}"


class Reminder(AuditedModel):
    """An in-app reminder or warning (催办 / 黄牌 / 红牌), also sent by e-mail.

    Unique per (task, kind, period): `zonework remind` never sends the same reminder twice.
    """

    scope_zone = "task__plan__zone"
    scope_unit = "unit"

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey("core.Unit", verbose_name=_("提醒单位"), on_delete=models.PROTECT,
                             related_name="work_reminders")
    kind = models.CharField(_("类型"), max_length=30, choices=ReminderKind.choices)
    level = models.CharField(_("警示"), max_length=10, choices=WarningLevel.choices, blank=True)
    period = models.CharField(_("节点"), max_length=40, help_text=_("反馈节点或完成时限的日期，保证同一提醒只发一次。"))
    message = models.TextField(_("内容"))
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("接收人"), blank=True,
                                        related_name="work_reminders")
    emailed_to = models.JSONField(_("已发邮件"), default=list, blank=True)
    sent_at = models.DateTimeField(_("发送时间"))

    class Meta:
        verbose_name = _("催办提醒")
        verbose_name_plural = _("催办提醒")
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["task", "kind", "period"],
                                               name="work_reminder_unique_task_kind_period")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.task}"
