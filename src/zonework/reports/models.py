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
    # 公文版式 for every zone's document (reports.official.DocumentOptions as a dict; {}: none): each zone
    # gets its own 版头 and the next 发文字号 of its own.
    options = models.JSONField(_("公文版式"), default=dict, blank=True)

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


class DocumentSettings(AuditedModel):
    """A zone's 公文 settings (GB/T 9704 版头 and 版记): the 发文机关标志, the 机关代字 of its 发文字号,
    the 印发机关 and the default 抄送机关. One row per zone, edited by the zone's office; a zone without
    a row gets `defaults_for(zone)`."""

    scope_unit = None  # the zone's, not a unit's: visible to every user of the zone with the permission

    zone = models.OneToOneField("core.Zone", verbose_name=_("开发区"), on_delete=models.CASCADE,
                                related_name="document_settings")
    mark = models.CharField(_("发文机关标志"), max_length=40,
                            help_text=_("版头的红色机关标志，如“武汉经济技术开发区管委会文件”。"))
    number_prefix = models.CharField(_("发文机关代字"), max_length=12,
                                     help_text=_("发文字号中年份前的代字，如“武开”，生成“武开〔2026〕1号”。"))
    printer = models.CharField(_("印发机关"), max_length=60, help_text=_("版记中的印发机关，一般为办公室。"))
    copy_to = models.CharField(_("默认抄送机关"), max_length=300, blank=True,
                               help_text=_("多个机关用顿号或逗号分隔，末尾不加标点。"))
    first_number = models.PositiveIntegerField(
        _("本年起始序号"), default=1, validators=[MinValueValidator(1), MaxValueValidator(99999)],
        help_text=_("本年在系统外已发文的，填下一个序号；建议序号不会小于它。"))
    first_number_year = models.PositiveSmallIntegerField(_("起始序号适用年份"), null=True, blank=True)

    class Meta:
        verbose_name = _("公文设置")
        verbose_name_plural = _("公文设置")

    def __str__(self):
        return f"{self.zone}公文设置"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        for name in ("mark", "number_prefix", "printer"):
            setattr(self, name, (getattr(self, name) or "").strip())
        if self.number_prefix and any(c in self.number_prefix for c in "〔〕[]［］()（）0123456789号"):
            errors["number_prefix"] = _("发文机关代字只填代字（如“武开”），不含括号、年份、序号或“号”字。")
        self.copy_to = (self.copy_to or "").strip().rstrip("。.，,；;、")
        if errors:
            raise ValidationError(errors)


class IssuedNumber(AuditedModel):
    """A 发文字号 given to a document: one number per zone and year, so two documents never share one."""

    scope_unit = None

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.CASCADE,
                             related_name="issued_numbers")
    year = models.PositiveSmallIntegerField(_("年份"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    number = models.PositiveIntegerField(_("序号"), validators=[MinValueValidator(1)])
    text = models.CharField(_("发文字号"), max_length=40)
    title = models.CharField(_("公文标题"), max_length=200)

    class Meta:
        verbose_name = _("发文字号")
        verbose_name_plural = _("发文字号")
        ordering = ["-year", "-number"]
        constraints = [models.UniqueConstraint(fields=["zone", "year", "number"], name="reports_issued_number_unique")]

    def __str__(self):
        return self.text
