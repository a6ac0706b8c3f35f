"""Returns (数据填报): a form the province defines, one filing per zone and period, its figures and
their history. Approved figures become the zone's observations (economy), with the filing as source."""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.models import AuditedModel
from zonework.economy.models import YEAR_VALIDATORS, month_label

from .choices import FigureEventKind, FigureStatus, FilingStatus, Frequency

__all__ = ["FigureEvent", "ReturnFigure", "ReturnFiling", "ReturnForm", "due_date", "period_label", "periods"]


def _decimal(verbose, **kwargs):
    return models.DecimalField(verbose, max_digits=20, decimal_places=4, null=True, blank=True, **kwargs)


def periods(frequency):
    """The periods of a year: months 1-12, quarters 1-4, or [None] for a yearly return."""
    if frequency == Frequency.MONTHLY:
        return list(range(1, 13))
    if frequency == Frequency.QUARTERLY:
        return [1, 2, 3, 4]
    return [None]


def end_month(frequency, period):
    """The last month a period covers (its 累计 runs to the end of that month)."""
    if frequency == Frequency.MONTHLY:
        return period
    if frequency == Frequency.QUARTERLY:
        return period * 3
    return 12


def observation_month(frequency, period):
    """The Observation month an approved figure is written to: the month, the quarter's last month,
    or None (the yearly figure)."""
    return None if frequency == Frequency.YEARLY else end_month(frequency, period)


def period_label(frequency, period):
    if frequency == Frequency.MONTHLY:
        return month_label(period)
    if frequency == Frequency.QUARTERLY:
        return f"第{period}季度"
    return "全年"


def period_has_ended(frequency, year, period, on=None):
    return clock.month_has_ended(year, end_month(frequency, period), on)


def due_date(frequency, due_day, year, period):
    """The day a filing is due: `due_day` of the month after the period (clamped to the month's length)."""
    year, month = year, end_month(frequency, period) + 1
    if month > 12:
        year, month = year + 1, 1
    return datetime.date(year, month, min(due_day, calendar.monthrange(year, month)[1]))


class ReturnForm(AuditedModel):
    """报表: what the province asks zones to file, how often and by when."""

    scope_zone = None
    scope_unit = None

    name = models.CharField(_("报表名称"), max_length=100, unique=True)
    indicators = models.ManyToManyField("economy.Indicator", verbose_name=_("指标"), related_name="+")
    frequency = models.CharField(_("报送频率"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    due_day = models.PositiveSmallIntegerField(_("报送截止日"), default=10,
                                               validators=[MinValueValidator(1), MaxValueValidator(31)],
                                               help_text=_("期末次月的第几日前报送。"))
    zones = models.ManyToManyField("core.Zone", verbose_name=_("填报开发区"), related_name="+")
    jump_pct = models.DecimalField(_("波动提示阈值(%)"), max_digits=8, decimal_places=2, default=30,
                                   validators=[MinValueValidator(0)],
                                   help_text=_("与上年同期相比变动超过该百分比的数据须填写说明。"))
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("填报报表")
        verbose_name_plural = _("填报报表")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("returns:grid", args=[self.pk])

    def clean(self):
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError({"name": _("请填写报表名称。")})


class ReturnFiling(AuditedModel):
    """One zone's filing of one form for one period."""

    scope_unit = None

    form = models.ForeignKey(ReturnForm, verbose_name=_("报表"), on_delete=models.PROTECT, related_name="filings")
    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年份"), validators=YEAR_VALIDATORS)
    period = models.PositiveSmallIntegerField(_("期别"), null=True, blank=True,
                                              validators=[MinValueValidator(1), MaxValueValidator(12)],
                                              help_text=_("月报为月份，季报为季度，年报留空。"))
    status = models.CharField(_("状态"), max_length=10, choices=FilingStatus.choices, default=FilingStatus.DRAFT)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("报送人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审核人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("报表填报")
        verbose_name_plural = _("报表填报")
        ordering = ["-year", "-period", "zone__name"]
        permissions = [("file_returnfiling", _("填报报表")), ("review_returnfiling", _("审核报表"))]
        constraints = [
            models.UniqueConstraint(fields=["form", "zone", "year", "period"], name="returns_filing_unique_period"),
            models.UniqueConstraint(fields=["form", "zone", "year"], condition=models.Q(period__isnull=True),
                                    name="returns_filing_unique_yearly"),
        ]
        indexes = [models.Index(fields=["form", "year"], name="returns_filing_form_year"),
                   models.Index(fields=["zone", "status"], name="returns_filing_zone_status")]

    def __str__(self):
        return f"{self.zone} {self.year}年{self.period_label}{self.form}" if self.form_id else str(self.year)

    def get_absolute_url(self):
        return reverse("returns:filing", args=[self.pk])

    @property
    def period_label(self):
        return period_label(self.form.frequency, self.period)

    @property
    def due_date(self):
        return due_date(self.form.frequency, self.form.due_day, self.year, self.period)

    def is_late(self, today=None):
        return is_late(self.status, self.submitted_at, self.due_date, today)


def is_late(status, submitted_at, due, today=None):
    """Late: past the due day and not submitted, or submitted after it (the one rule for every page)."""
    if submitted_at is not None and status != FilingStatus.DRAFT:
        return clock.localdate(submitted_at) > due
    return (today or clock.today()) > due


class ReturnFigure(AuditedModel):
    """One indicator of a filing: the 1-N月累计 (a yearly return: the year's figure) and 同比."""

    scope_zone = "filing__zone"
    scope_unit = None

    filing = models.ForeignKey(ReturnFiling, verbose_name=_("填报"), on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey("economy.Indicator", verbose_name=_("指标"), on_delete=models.PROTECT,
                                  related_name="+")
    ytd_value = _decimal(_("1-N月累计"))
    yoy_pct = _decimal(_("同比增长(%)"))
    value_unit = models.CharField(_("单位"), max_length=30, blank=True, default="")
    note = models.CharField(_("说明"), max_length=500, blank=True, default="")
    status = models.CharField(_("状态"), max_length=10, choices=FigureStatus.choices, default=FigureStatus.DRAFT)
    return_reason = models.CharField(_("退回原因"), max_length=500, blank=True, default="")

    class Meta:
        verbose_name = _("填报数据")
        verbose_name_plural = _("填报数据")
        ordering = ["filing", "indicator__sort_order", "indicator__name"]
        constraints = [models.UniqueConstraint(fields=["filing", "indicator"], name="returns_figure_unique")]

    def __str__(self):
        return f"{self.filing} · {self.indicator}" if self.indicator_id else str(self.pk)

    def get_absolute_url(self):
        return reverse("returns:figure_history", args=[self.pk])


class FigureEvent(AuditedModel):
    """A step in a figure's history: submitted, returned (with the reason), corrected, approved."""

    scope_zone = "figure__filing__zone"
    scope_unit = None

    figure = models.ForeignKey(ReturnFigure, verbose_name=_("填报数据"), on_delete=models.CASCADE,
                               related_name="events")
    kind = models.CharField(_("事件"), max_length=10, choices=FigureEventKind.choices)
    ytd_value = _decimal(_("1-N月累计"))
    yoy_pct = _decimal(_("同比增长(%)"))
    value_unit = models.CharField(_("单位"), max_length=30, blank=True, default="")
    note = models.CharField(_("说明"), max_length=500, blank=True, default="")
    reason = models.CharField(_("退回原因"), max_length=500, blank=True, default="")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("时间"), default=clock.now)

    class Meta:
        verbose_name = _("填报数据记录")
        verbose_name_plural = _("填报数据记录")
        ordering = ["figure", "at", "id"]

    def __str__(self):
        return f"{self.figure} {self.get_kind_display()}"
