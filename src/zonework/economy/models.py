"""Indicators, the year's targets, and observed figures (monthly statistics and yearly results)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.models import AuditedModel
from zonework.core.numbers import as_decimal, decimal_text

from .choices import Bound, IndicatorKind, ObservationSource, PriceBasis, TargetSource, UploadStatus

__all__ = [
    "Indicator", "Observation", "StatisticsUpload", "Target", "TrackedIndicator", "negative_values",
    "refuse_unfinished_period", "unfinished_period",
]

YEAR_VALIDATORS = [MinValueValidator(1949), MaxValueValidator(2100)]
MONTH_VALIDATORS = [MinValueValidator(1), MaxValueValidator(12)]


def _decimal(verbose, **kwargs):
    return models.DecimalField(verbose, max_digits=20, decimal_places=4, null=True, blank=True, **kwargs)


def normalise_name(name):
    from zonework.reading.catalogue import normalise_name as norm

    return norm(name or "")


class Indicator(AuditedModel):
    """A named statistic (指标). Seeded from the reader's catalogue; admins may add more."""

    scope_zone = None
    scope_unit = None

    code = models.CharField(_("代码"), max_length=60, blank=True, default="",
                            help_text=_("指标库代码；管理员新增的指标可留空。"))
    name = models.CharField(_("名称"), max_length=100, unique=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True, help_text=_("文件中使用的其他名称。"))
    family = models.CharField(_("类别"), max_length=60, blank=True, default="")
    unit = models.CharField(_("单位"), max_length=30, blank=True, default="")
    kind = models.CharField(_("流量/存量"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.FLOW)
    price_basis = models.CharField(_("增速口径"), max_length=12, choices=PriceBasis.choices, blank=True, default="",
                                   help_text=_("地区生产总值与增加值按可比价，其余按现价；非货币指标留空。"))
    higher_is_better = models.BooleanField(_("越高越好"), default=True)
    allows_negative = models.BooleanField(
        _("可为负数"), default=False,
        help_text=_("增速、同比、百分比等可能低于零的指标勾选；其余指标（产值、投资、企业数等）录入负数会被拒绝。"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="economy_indicator_unique_code"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("economy:indicator_edit", args=[self.pk])

    def names(self):
        return [self.name, *self.aliases]

    def clean(self):
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError({"name": _("指标名称不能为空。")})
        aliases = self.aliases or []
        if isinstance(aliases, str):
            aliases = aliases.replace("，", "、").replace(",", "、").split("、")
        if not isinstance(aliases, list):
            raise ValidationError({"aliases": _("别名应为名称列表。")})
        self.aliases = list(dict.fromkeys(str(a).strip() for a in aliases if str(a).strip() and str(a).strip() != self.name))
        if Indicator.objects.filter(name=self.name).exclude(pk=self.pk).exists():
            raise ValidationError({"name": _("已有同名指标“%(name)s”。") % {"name": self.name}})
        if self.code and Indicator.objects.filter(code=self.code).exclude(pk=self.pk).exists():
            raise ValidationError({"code": _("指标代码“%(code)s”已被使用。") % {"code": self.code}})


class TrackedIndicator(AuditedModel):
    """An indicator a zone follows in its monthly statistics (a row of its monthly template)."""

    scope_unit = None

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.CASCADE,
                             related_name="tracked_indicators")
    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="+")
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("跟踪指标")
        verbose_name_plural = _("跟踪指标")
        ordering = ["zone", "sort_order", "indicator__sort_order", "indicator__name"]
        constraints = [models.UniqueConstraint(fields=["zone", "indicator"],
                                               name="economy_trackedindicator_unique_zone_indicator")]

    def __str__(self):
        return f"{self.zone} · {self.indicator}"


class SourcedMixin(models.Model):
    """Where a figure comes from: a source document (with the span and sentence) or a statistics upload."""

    document = models.ForeignKey("documents.SourceDocument", verbose_name=_("来源文件"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    provenance = models.JSONField(_("出处"), null=True, blank=True,
                                  help_text=_("{article, start, end, sentence}：文件中的段落与字符位置。"))

    class Meta:
        abstract = True

    def source_url(self):
        from .dashboard import source_url

        return source_url(self.document_id, self.provenance, getattr(self, "upload_id", None))


class Target(SourcedMixin, AuditedModel):
    """A year's goal for an indicator (预期目标): a level, a growth rate, or both.

    Targets are zone-level figures: everyone who may see the zone's economy sees them
    (`scope_unit = None`); `unit` names the unit answerable for the target, if any.
    """

    scope_unit = None

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="targets")
    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True, validators=YEAR_VALIDATORS)
    recurring = models.BooleanField(_("每年"), default=False, help_text=_("规划期内每年的目标（年份留空）。"))
    value = _decimal(_("目标值"))
    value_unit = models.CharField(_("单位"), max_length=30, blank=True, default="")
    growth_pct = _decimal(_("目标增速(%)"))
    bound = models.CharField(_("约束"), max_length=10, choices=Bound.choices, default=Bound.EXACT)
    stretch_pct = _decimal(_("力争增速(%)"))
    unit = models.ForeignKey("core.Unit", verbose_name=_("责任单位"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="economy_targets")
    source = models.CharField(_("来源"), max_length=12, choices=TargetSource.choices, default=TargetSource.MANUAL)
    note = models.CharField(_("备注"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("预期目标")
        verbose_name_plural = _("预期目标")
        ordering = ["zone__name", "-year", "indicator__sort_order", "indicator__name"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "indicator", "year"], condition=Q(recurring=False),
                                    name="economy_target_unique_zone_indicator_year"),
            models.UniqueConstraint(fields=["zone", "indicator"], condition=Q(recurring=True),
                                    name="economy_target_unique_zone_indicator_recurring"),
        ]
        indexes = [models.Index(fields=["zone", "year"], name="economy_target_zone_year")]

    def __str__(self):
        when = "每年" if self.recurring else f"{self.year}年"
        return f"{when}{self.indicator}目标" if self.indicator_id else when

    def get_absolute_url(self):
        return reverse("economy:target_edit", args=[self.pk])

    def describe(self):
        """The target in words: 增长不低于20%、力争25%；2020亿元."""
        from .progress import describe_target

        return describe_target(self)

    def clean(self):
        errors = {}
        if self.recurring:
            self.year = None
        elif not self.year:
            errors["year"] = _("请填写目标年份，或勾选“每年”。")
        if self.value is None and self.growth_pct is None:
            errors["value"] = _("目标值和目标增速至少填写一项。")
        if self.value is not None and not self.value_unit:
            self.value_unit = self.indicator.unit if self.indicator_id else ""
        if self.stretch_pct is not None and self.growth_pct is not None and self.stretch_pct < self.growth_pct:
            errors["stretch_pct"] = _("力争增速不应低于目标增速。")
        if self.unit_id and self.zone_id and self.unit.zone_id != self.zone_id:
            errors["unit"] = _("责任单位必须属于该开发区。")
        if self.indicator_id:
            errors.update(negative_values(self.indicator, {"value": self.value}))
        if not errors and self.zone_id and self.indicator_id and not getattr(self, "unique_checked", False):
            clash = Target.objects.filter(zone_id=self.zone_id, indicator_id=self.indicator_id,
                                          recurring=self.recurring)
            if not self.recurring:
                clash = clash.filter(year=self.year)
            if clash.exclude(pk=self.pk).exists():
                errors["indicator"] = _("该开发区已有这一年的“%(name)s”目标。") % {"name": self.indicator}
        if errors:
            raise ValidationError(errors)


class StatisticsUpload(AuditedModel):
    """One upload of a zone's monthly statistics template: staged for preview, then committed."""

    scope_unit = None

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT,
                             related_name="statistics_uploads")
    year = models.PositiveSmallIntegerField(_("年份"), validators=YEAR_VALIDATORS)
    month = models.PositiveSmallIntegerField(_("月份"), validators=MONTH_VALIDATORS)
    unit = models.ForeignKey("core.Unit", verbose_name=_("上传单位"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(_("文件名"), max_length=255, blank=True, default="")
    file = models.FileField(_("文件"), upload_to="statistics/%Y/%m/", blank=True)
    sha256 = models.CharField(_("哈希"), max_length=64, blank=True, default="")
    status = models.CharField(_("状态"), max_length=12, choices=UploadStatus.choices, default=UploadStatus.STAGED)
    rows = models.JSONField(_("数据行"), default=list, blank=True)
    committed_at = models.DateTimeField(_("入库时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("统计月报上传")
        verbose_name_plural = _("统计月报上传")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.zone} {self.year}年{month_label(self.month)}统计月报"

    def get_absolute_url(self):
        return reverse("economy:upload_detail", args=[self.pk])


def month_label(month):
    """1-N月, with January and February released together as 1-2月."""
    if month is None:
        return "全年"
    if month == 1:
        return "1月"
    return f"1-{month}月"


# The labels of the values a negative check names (the form's and the template's column names).
VALUE_LABELS = {"month_value": "本月", "ytd_value": "1-N月累计", "value": "目标值"}


def unfinished_period(year, month):
    """Why statistics of (year, month) cannot exist yet, or None when they can.

    A month's figures are compiled after it ends; a yearly figure (month None) may be entered
    during its own year, because the 工作总结 written in December reports the year's expected result,
    but never for a year that has not begun.
    """
    if not isinstance(year, int) or not isinstance(month, int | None):
        return None  # not a year or month at all: the field's own message says so
    today = clock.today()
    now = f"今天是{today.year}年{today.month}月{today.day}日"
    if year > today.year:
        return f"{year}年尚未到来，不能录入该年的统计数据（{now}）。"
    if month is not None and 1 <= month <= 12 and not clock.month_has_ended(year, month):
        return (f"{year}年{month}月尚未结束，不能录入{year}年{month_label(month)}的统计数据"
                f"（{now}；每月数据在月末之后录入）。")
    return None


def refuse_unfinished_period(year, month):
    """Raise the Chinese refusal of unfinished_period, if any: the one rule the form, the Excel
    upload, the API and the document import all apply."""
    message = unfinished_period(year, month)
    if message:
        raise ValidationError(message)


def negative_values(indicator, values):
    """{field: message} for the values ({"month_value": Decimal, ...}) that are below zero where
    `indicator` cannot be; empty when all may stand."""
    if indicator is None or indicator.allows_negative:
        return {}
    refused = {}
    for key, value in values.items():
        number = as_decimal(value)  # a value the field itself refused is reported by the field
        if number is not None and number < 0:
            refused[key] = (f"“{indicator.name}”不能为负数（{VALUE_LABELS.get(key, key)}填了{decimal_text(number)}）；"
                            f"增速、同比等可为负数的指标请在指标库中勾选“可为负数”。")
    return refused


class Observation(SourcedMixin, AuditedModel):
    """A figure as reported: the month alone and year to date, with yoy growth as published.

    `month` is null for a yearly figure (a result read from a report). Growth is stored as
    reported, never derived from values (DOMAIN_NOTES §3).
    """

    scope_unit = None

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT,
                             related_name="observations")
    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.PROTECT,
                                  related_name="observations")
    year = models.PositiveSmallIntegerField(_("年份"), validators=YEAR_VALIDATORS)
    month = models.PositiveSmallIntegerField(_("月份"), null=True, blank=True, validators=MONTH_VALIDATORS,
                                             help_text=_("年度数据留空。"))
    month_value = _decimal(_("本月"))
    ytd_value = _decimal(_("1-N月累计"))
    value_unit = models.CharField(_("单位"), max_length=30, blank=True, default="")
    yoy_pct = _decimal(_("同比增长(%)"))
    source = models.CharField(_("来源"), max_length=12, choices=ObservationSource.choices,
                              default=ObservationSource.MANUAL)
    upload = models.ForeignKey(StatisticsUpload, verbose_name=_("统计月报上传"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="observations")
    unit = models.ForeignKey("core.Unit", verbose_name=_("报送单位"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("统计数据")
        verbose_name_plural = _("统计数据")
        ordering = ["zone__name", "-year", "-month", "indicator__sort_order", "indicator__name"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "indicator", "year", "month"],
                                    name="economy_observation_unique_zone_indicator_month"),
            models.UniqueConstraint(fields=["zone", "indicator", "year"], condition=Q(month__isnull=True),
                                    name="economy_observation_unique_zone_indicator_yearly"),
        ]
        indexes = [models.Index(fields=["zone", "year", "month"], name="economy_obs_zone_year_month")]

    def __str__(self):
        return f"{self.year}年{month_label(self.month)}{self.indicator}" if self.indicator_id else str(self.year)

    def get_absolute_url(self):
        return reverse("economy:observation_edit", args=[self.pk])

    @property
    def period(self):
        return month_label(self.month)

    def clean(self):
        errors = {}
        if self.month is not None and not 1 <= self.month <= 12:
            errors["month"] = _("月份应为1至12。")
        if self.month_value is None and self.ytd_value is None and self.yoy_pct is None:
            errors["ytd_value"] = _("本月、累计和同比至少填写一项。")
        period = unfinished_period(self.year, self.month)
        if period:
            errors["month" if self.month is not None else "year"] = period
        if self.indicator_id:
            errors.update(negative_values(self.indicator, {"month_value": self.month_value,
                                                           "ytd_value": self.ytd_value}))
        if not self.value_unit and self.indicator_id:
            self.value_unit = self.indicator.unit
        if not errors and self.zone_id and self.indicator_id and not getattr(self, "unique_checked", False):
            clash = Observation.objects.filter(zone_id=self.zone_id, indicator_id=self.indicator_id, year=self.year,
                                               month=self.month)
            if clash.exclude(pk=self.pk).exists():
                errors["indicator"] = _("该开发区%(year)s年%(period)s的“%(name)s”已有数据。") % {
                    "year": self.year, "period": month_label(self.month), "name": self.indicator}
        if errors:
            raise ValidationError(errors)
