"""A background run that generates reports for one or more zones (the only row this app owns)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zonework.core.models import AuditedModel

from .choices import FINISHED, JobStatus, ReportKind


class ReportJob(AuditedModel):
    """Reports for several zones, generated in the background with progress (Paperless's task record).

    Scoped like any row: `zone` is the requesting user's zone, `unit` the requesting user's unit; the
    zones the job covers are listed in `zone_ids` and were checked against the user's scope when the
    job was created. `results` lists, per zone, the files written or the message why none was.
    """

    audit_exclude = (*AuditedModel.audit_exclude, "progress_current", "results", "started_at", "finished_at",
                     "status", "error")

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.CASCADE,
                             related_name="report_jobs")
    unit = models.ForeignKey("core.Unit", verbose_name=_("申请单位"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="report_jobs")
    kind = models.CharField(_("报告类型"), max_length=20, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("年份"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField(_("月份"), null=True, blank=True,
                                             validators=[MinValueValidator(1), MaxValueValidator(12)])
    plan_id = models.PositiveIntegerField(_("计划编号"), null=True, blank=True)
    with_pdf = models.BooleanField(_("同时生成PDF"), default=False,
                                   help_text=_("每个开发区另存一份字体嵌入的PDF，供归档。"))
    zone_ids = models.JSONField(_("开发区"), default=list)
    status = models.CharField(_("状态"), max_length=12, choices=JobStatus.choices, default=JobStatus.PENDING,
                              db_index=True)
    progress_current = models.PositiveIntegerField(_("已完成"), default=0)
    progress_total = models.PositiveIntegerField(_("总数"), default=0)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    results = models.JSONField(_("结果"), default=list, blank=True)
    error = models.TextField(_("错误"), blank=True, default="")

    class Meta:
        verbose_name = _("报告生成任务")
        verbose_name_plural = _("报告生成任务")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        period = f"{self.year}年{self.month}月" if self.month else f"{self.year}年"
        return f"{period}{self.get_kind_display()}（{self.progress_total}个开发区）"

    def get_absolute_url(self):
        return reverse("reports:job_detail", args=[self.pk])

    @property
    def finished(self):
        return self.status in FINISHED

    @property
    def percent(self):
        if not self.progress_total:
            return 100 if self.finished else 0
        return round(self.progress_current * 100 / self.progress_total)

    @property
    def seconds(self):
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None
