"""Investment projects (招商项目) with their stage history and paid-in money; major projects.

Amounts are stored in 万 of their own currency (万元 or 万美元) and never summed across currencies.
The current `stage` and `stage_date` of a project are derived from its StageChange rows and are
written only by `investment.actions.change_stage`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.models import AuditedModel
from zonework.core.money import money_text
from zonework.core.validation import same_zone_errors

from .choices import Currency, Origin, Stage

MONEY = {"max_digits": 16, "decimal_places": 4}




class InvestmentProject(AuditedModel):
    """A prospect through its stages, from 线索 to 达产 (or 终止)."""

    scope_owner = "officer"

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT,
                             related_name="investment_projects")
    unit = models.ForeignKey("core.Unit", verbose_name=_("责任单位"), on_delete=models.PROTECT,
                             related_name="investment_projects")
    name = models.CharField(_("项目名称"), max_length=200)
    investor = models.CharField(_("投资方"), max_length=200, blank=True)
    origin = models.CharField(_("资金来源"), max_length=10, choices=Origin.choices, default=Origin.DOMESTIC)
    country_region = models.CharField(_("国别（地区）"), max_length=50, blank=True,
                                      help_text=_("外资项目填写投资方所在国家或地区。"))
    fortune500 = models.BooleanField(_("世界500强"), default=False)
    listed_company = models.BooleanField(_("上市企业"), default=False)
    industry = models.ForeignKey("core.Industry", verbose_name=_("行业"), null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="investment_projects")
    park = models.ForeignKey("core.Park", verbose_name=_("园区"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="investment_projects")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("招商人员"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="investment_projects")
    agreed_investment = models.DecimalField(_("协议投资额（万）"), **MONEY, default=Decimal(0),
                                            validators=[MinValueValidator(0, _("协议投资额不能为负数。"))],
                                            help_text=_("以所选币种的“万”为单位：万元或万美元。"))
    currency = models.CharField(_("币种"), max_length=3, choices=Currency.choices, default=Currency.CNY)
    is_capital_increase = models.BooleanField(_("增资项目"), default=False,
                                              help_text=_("增资项目只统计新增部分。"))
    added_amount = models.DecimalField(_("新增投资额（万）"), **MONEY, null=True, blank=True,
                                       validators=[MinValueValidator(0, _("新增投资额不能为负数。"))])
    land_area = models.DecimalField(_("用地面积（亩）"), max_digits=12, decimal_places=2, null=True, blank=True,
                                    validators=[MinValueValidator(0, _("用地面积不能为负数。"))])
    expected_signing_date = models.DateField(_("预计签约日期"), null=True, blank=True)
    expected_construction_date = models.DateField(_("预计开工日期"), null=True, blank=True)
    expected_production_date = models.DateField(_("预计投产日期"), null=True, blank=True)
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, default=Stage.LEAD, editable=False)
    stage_date = models.DateField(_("阶段日期"), null=True, blank=True, editable=False)
    provenance = models.JSONField(_("来源"), default=dict, blank=True,
                                  help_text=_("从来源文件读取的项目：文件、条目、字符位置与原句。"))
    notes = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("招商项目")
        verbose_name_plural = _("招商项目")
        ordering = ["zone__name", "-stage_date", "name"]
        indexes = [models.Index(fields=["zone", "stage"], name="investment_project_zone_stage")]
        permissions = [("remind_investmentproject", _("催办招商项目"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("investment:investmentproject_detail", args=[self.pk])

    @property
    def counted_investment(self):
        """The amount that counts: the added amount for a capital increase, else the agreed amount."""
        if self.is_capital_increase:
            return self.added_amount or Decimal(0)
        return self.agreed_investment or Decimal(0)

    @property
    def agreed_text(self):
        return money_text(self.agreed_investment, self.currency)

    def clean(self):
        self.name = (self.name or "").strip()
        errors = {}
        if not self.name:
            errors["name"] = _("项目名称不能为空。")
        if isinstance(self.agreed_investment, Decimal | int) and self.agreed_investment < 0:
            errors["agreed_investment"] = _("协议投资额不能为负数。")
        if self.is_capital_increase:
            if self.added_amount is None:
                errors["added_amount"] = _("增资项目须填写新增投资额（只统计新增部分）。")
            elif not isinstance(self.added_amount, Decimal | int):
                pass  # reported by the field's own check
            elif self.added_amount < 0:
                errors["added_amount"] = _("新增投资额不能为负数。")
            elif isinstance(self.agreed_investment, Decimal | int) and self.added_amount > self.agreed_investment:
                errors["added_amount"] = _("新增投资额不能大于协议投资额。")
        if self.origin == Origin.FOREIGN and not (self.country_region or "").strip():
            errors["country_region"] = _("外资项目须填写投资方的国别（地区）。")
        errors.update(same_zone_errors(self, {"unit": _("责任单位必须属于本开发区。"),
                                              "park": _("园区必须属于本开发区。")}))
        c, p = self.expected_construction_date, self.expected_production_date
        if c and p and p < c:
            errors["expected_production_date"] = _("预计投产日期（%(p)s）不能早于预计开工日期（%(c)s）。") % {"p": p, "c": c}
        # A bulk import loads the currencies paid in for all its projects at once (_paid_in_currencies).
        loaded = getattr(self, "_paid_in_currencies", None)
        if self.currency and self.pk and (bool(loaded - {self.currency}) if loaded is not None
                                          else self.paid_in.exclude(currency=self.currency).exists()):
            errors["currency"] = _("该项目已按原币种登记到位资金，不能更改协议币种。")
        if errors:
            raise ValidationError(errors)


def _stage_text(value):
    """A stage's label as get_FOO_display gives it, without that method's hashing of every lazy label
    (ten translations per call, felt when an import names thousands of first stage changes)."""
    try:
        return str(Stage(value).label)
    except ValueError:
        return value


class StageChange(AuditedModel):
    """One dated move of a project between stages, with who made it and why."""

    scope_zone = "project__zone"
    scope_unit = "project__unit"
    scope_owner = "project__officer"

    project = models.ForeignKey(InvestmentProject, verbose_name=_("项目"), on_delete=models.CASCADE,
                                related_name="stage_changes")
    from_stage = models.CharField(_("原阶段"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("新阶段"), max_length=20, choices=Stage.choices)
    date = models.DateField(_("日期"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("原因"), blank=True)

    class Meta:
        verbose_name = _("阶段变更")
        verbose_name_plural = _("阶段变更")
        ordering = ["project", "date", "id"]
        # Each project's last change (the funnel, a project's standing on a day) is read in this order:
        # with the index it is a seek per project, not a sort of every change the zone ever made.
        indexes = [models.Index(fields=["project", "date", "id"], name="investment_change_history")]

    def __str__(self):
        return f"{self.project}：{_stage_text(self.from_stage) or '—'} → {_stage_text(self.to_stage)}（{self.date}）"


class ProjectReminder(AuditedModel):
    """A 催办 of a project by a leader or the supervision office: who, when, what they asked; open until
    the project's unit acts on the project (a stage change, paid-in money or an edit)."""

    scope_zone = "project__zone"
    scope_unit = "project__unit"
    scope_owner = "project__officer"

    project = models.ForeignKey(InvestmentProject, verbose_name=_("项目"), on_delete=models.CASCADE,
                                related_name="reminders")
    date = models.DateField(_("催办日期"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("催办人"), null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    message = models.TextField(_("催办意见"), blank=True)
    answered_at = models.DateTimeField(_("落实时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("项目催办")
        verbose_name_plural = _("项目催办")
        ordering = ["project", "-date", "-id"]
        constraints = [models.UniqueConstraint(fields=["project", "date"], name="investment_reminder_once_a_day")]

    def __str__(self):
        return f"催办“{self.project}”（{self.date}）"


class PaidIn(AuditedModel):
    """Money that actually arrived (实际到位资金) in one month, in the agreement's currency."""

    scope_zone = "project__zone"
    scope_unit = "project__unit"
    scope_owner = "project__officer"

    project = models.ForeignKey(InvestmentProject, verbose_name=_("项目"), on_delete=models.CASCADE,
                                related_name="paid_in")
    month = models.DateField(_("月份"), help_text=_("记为当月1日。"))
    amount = models.DecimalField(_("到位资金（万）"), **MONEY,
                                 validators=[MinValueValidator(0, _("到位资金不能为负数。"))])
    currency = models.CharField(_("币种"), max_length=3, choices=Currency.choices)

    class Meta:
        verbose_name = _("到位资金")
        verbose_name_plural = _("到位资金")
        ordering = ["project", "month"]
        constraints = [models.UniqueConstraint(fields=["project", "month"],
                                               name="investment_paidin_unique_project_month")]

    def __str__(self):
        return f"{self.project} {self.month:%Y年%m月} {money_text(self.amount, self.currency)}"

    def clean(self):
        errors = {}
        if self.month:
            self.month = self.month.replace(day=1)
        if self.amount is not None and self.amount < 0:
            errors["amount"] = _("到位资金不能为负数。")
        if self.project_id and self.currency and self.currency != self.project.currency:
            errors["currency"] = _("到位资金币种（%(got)s）与协议投资额币种（%(want)s）不一致，不能登记。") % {
                "got": Currency(self.currency).label, "want": Currency(self.project.currency).label}
        if self.project_id and self.month and PaidIn.objects.filter(
                project_id=self.project_id, month=self.month).exclude(pk=self.pk).exists():
            errors["month"] = _("该项目%(m)s已登记到位资金，请修改原记录。") % {"m": f"{self.month:%Y年%m月}"}
        if errors:
            raise ValidationError(errors)


class MajorProject(AuditedModel):
    """A big construction or industrial project tracked by milestones and yearly investment (重大项目)."""

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT,
                             related_name="major_projects")
    unit = models.ForeignKey("core.Unit", verbose_name=_("责任单位"), on_delete=models.PROTECT,
                             related_name="major_projects")
    name = models.CharField(_("项目名称"), max_length=200)
    investment_project = models.ForeignKey(InvestmentProject, verbose_name=_("来源招商项目"), null=True,
                                           blank=True, on_delete=models.SET_NULL, related_name="major_projects")
    park = models.ForeignKey("core.Park", verbose_name=_("园区"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="major_projects")
    total_investment = models.DecimalField(_("总投资（万元）"), **MONEY, default=Decimal(0),
                                           validators=[MinValueValidator(0, _("总投资不能为负数。"))])
    construction_start_planned = models.DateField(_("计划开工"), null=True, blank=True)
    construction_start_actual = models.DateField(_("实际开工"), null=True, blank=True)
    completion_planned = models.DateField(_("计划竣工"), null=True, blank=True)
    completion_actual = models.DateField(_("实际竣工"), null=True, blank=True)
    production_start_planned = models.DateField(_("计划投产"), null=True, blank=True)
    production_start_actual = models.DateField(_("实际投产"), null=True, blank=True)
    notes = models.TextField(_("备注"), blank=True)

    MILESTONES = (("construction_start", _("开工")), ("completion", _("竣工")), ("production_start", _("投产")))

    class Meta:
        verbose_name = _("重大项目")
        verbose_name_plural = _("重大项目")
        ordering = ["zone__name", "name"]

    def __str__(self):
        return self.name

    def milestones(self):
        """[(key, label, planned, actual)] in order."""
        return [(key, label, getattr(self, f"{key}_planned"), getattr(self, f"{key}_actual"))
                for key, label in self.MILESTONES]

    def clean(self):
        self.name = (self.name or "").strip()
        errors = {}
        if not self.name:
            errors["name"] = _("项目名称不能为空。")
        if isinstance(self.total_investment, Decimal | int) and self.total_investment < 0:
            errors["total_investment"] = _("总投资不能为负数。")
        errors.update(same_zone_errors(self, {"unit": _("责任单位必须属于本开发区。"),
                                              "investment_project": _("来源招商项目必须属于本开发区。")}))
        today = clock.today()
        for kind in ("planned", "actual"):
            c, p = getattr(self, f"construction_start_{kind}"), getattr(self, f"production_start_{kind}")
            d = getattr(self, f"completion_{kind}")
            label = "计划" if kind == "planned" else "实际"
            if c and p and p < c:
                errors[f"production_start_{kind}"] = _("%(l)s投产日期（%(p)s）不能早于%(l)s开工日期（%(c)s）。") % {
                    "l": label, "p": p, "c": c}
            if c and d and d < c:
                errors[f"completion_{kind}"] = _("%(l)s竣工日期（%(d)s）不能早于%(l)s开工日期（%(c)s）。") % {
                    "l": label, "d": d, "c": c}
            if kind == "actual":
                for key, _label in self.MILESTONES:
                    value = getattr(self, f"{key}_actual")
                    if value and value > today:
                        errors[f"{key}_actual"] = _("实际日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)


class MajorProjectYear(AuditedModel):
    """A major project's planned and completed investment in one year (万元)."""

    scope_zone = "major_project__zone"
    scope_unit = "major_project__unit"
    scope_owner = "created_by"

    major_project = models.ForeignKey(MajorProject, verbose_name=_("重大项目"), on_delete=models.CASCADE,
                                      related_name="years")
    year = models.PositiveSmallIntegerField(_("年度"))
    planned_investment = models.DecimalField(_("年度计划投资（万元）"), **MONEY, default=Decimal(0),
                                             validators=[MinValueValidator(0, _("计划投资不能为负数。"))])
    completed_investment = models.DecimalField(_("年度完成投资（万元）"), **MONEY, default=Decimal(0),
                                               validators=[MinValueValidator(0, _("完成投资不能为负数。"))])

    class Meta:
        verbose_name = _("重大项目年度投资")
        verbose_name_plural = _("重大项目年度投资")
        ordering = ["major_project", "year"]
        constraints = [models.UniqueConstraint(fields=["major_project", "year"],
                                               name="investment_majorprojectyear_unique_year")]

    def __str__(self):
        return f"{self.major_project} {self.year}年"

    @property
    def completion_pct(self):
        if not self.planned_investment:
            return None
        return (self.completed_investment / self.planned_investment * 100).quantize(Decimal("0.1"))

    def clean(self):
        if self.year and not (1990 <= self.year <= 2100):
            raise ValidationError({"year": _("年度应在1990至2100之间。")})
        if self.major_project_id and self.year and MajorProjectYear.objects.filter(
                major_project_id=self.major_project_id, year=self.year).exclude(pk=self.pk).exists():
            raise ValidationError({"year": _("该项目%(y)s年的年度投资已登记。") % {"y": self.year}})
