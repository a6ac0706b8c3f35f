from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zonework.core.models import AuditedModel


class Assessment(AuditedModel):
    """A zone's yearly scoring of units on their tasks (绩效考核); the scheme and its results.

    The scheme's fields are audited like any row (who changed a weight, before and after); the
    computed `results` are derived from the tasks and left out of the audit snapshots.
    """

    scope_unit = None
    audit_exclude = (*AuditedModel.audit_exclude, "results", "computed_at")

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT,
                             related_name="assessments")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("名称"), max_length=200, blank=True)
    on_time_points = models.DecimalField(_("按时办结(分)"), max_digits=5, decimal_places=1, default=Decimal(50))
    punctuality_points = models.DecimalField(_("按时反馈(分)"), max_digits=5, decimal_places=1, default=Decimal(20))
    quality_points = models.DecimalField(_("办理质量(分)"), max_digits=5, decimal_places=1, default=Decimal(20))
    warning_points = models.DecimalField(_("预警扣分上限(分)"), max_digits=5, decimal_places=1, default=Decimal(10))
    yellow_deduction = models.DecimalField(_("每次黄牌扣分"), max_digits=4, decimal_places=1, default=Decimal(1))
    red_deduction = models.DecimalField(_("每次红牌扣分"), max_digits=4, decimal_places=1, default=Decimal(2))
    late_credit = models.DecimalField(_("逾期办结折算"), max_digits=3, decimal_places=2, default=Decimal("0.5"),
                                      help_text=_("逾期办结的任务按该比例计入按时办结率（0-1）。"))
    unrated_quality = models.DecimalField(_("未评价质量按(分)"), max_digits=5, decimal_places=1, default=Decimal(80),
                                          help_text=_("督查室尚未评价的办结任务，质量按该分数（百分制）计。"))
    results = models.JSONField(_("计算结果"), default=list, blank=True, editable=False)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("绩效考核")
        verbose_name_plural = _("绩效考核")
        ordering = ["-year", "zone__name"]
        constraints = [models.UniqueConstraint(fields=["zone", "year"], name="work_assessment_unique_zone_year")]

    def __str__(self):
        return self.title or f"{self.year}年度绩效考核"

    def get_absolute_url(self):
        return reverse("work:assessment_detail", args=[self.pk])

    @property
    def total_points(self):
        return self.on_time_points + self.punctuality_points + self.quality_points + self.warning_points

    def clean(self):
        errors = {}
        for name in ("on_time_points", "punctuality_points", "quality_points", "warning_points", "yellow_deduction",
                     "red_deduction", "unrated_quality"):
            value = getattr(self, name)
            if value is None or value < 0:
                errors[name] = _("分值不能为负数。")
        if self.unrated_quality is not None and self.unrated_quality > 100:
            errors["unrated_quality"] = _("未评价质量分应在0到100之间。")
        if self.late_credit is not None and not (0 <= self.late_credit <= 1):
            errors["late_credit"] = _("逾期办结折算应在0到1之间。")
        if self.zone_id and self.year and Assessment.objects.filter(zone_id=self.zone_id, year=self.year).exclude(
                pk=self.pk).exists():
            errors["year"] = _("本开发区该年度已有绩效考核方案。")
        if errors:
            raise ValidationError(errors)
