"""Assessment schemes (考核评价方案) as data, their runs and the stored scores."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zonework.core.models import AuditedModel


def _points(verbose, **kwargs):
    return models.DecimalField(verbose, max_digits=8, decimal_places=2, **kwargs)


class Method(models.TextChoices):
    RATIO = "ratio", _("完成目标比例")
    RANK = "rank", _("区间排名")
    GROWTH = "growth", _("增速")
    THRESHOLDS = "thresholds", _("分档计分")


class ItemKind(models.TextChoices):
    NORMAL = "normal", _("计分指标")
    BONUS = "bonus", _("加分项")
    DEDUCTION = "deduction", _("减分项")
    VETO = "veto", _("一票否决")


class EvaluationScheme(AuditedModel):
    scope_zone = None
    scope_unit = None

    name = models.CharField(_("名称"), max_length=120)
    year = models.PositiveSmallIntegerField(_("方案年份"))
    source_note = models.TextField(_("来源说明"), blank=True, default="")

    class Meta:
        verbose_name = _("考核评价方案")
        verbose_name_plural = _("考核评价方案")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="evaluation_scheme_unique_name_year")]

    def __str__(self):
        return f"{self.name}（{self.year}）"


class EvaluationPart(AuditedModel):
    scope_zone = None
    scope_unit = None

    scheme = models.ForeignKey(EvaluationScheme, verbose_name=_("方案"), on_delete=models.CASCADE,
                               related_name="parts")
    name = models.CharField(_("一级指标"), max_length=60)
    weight = _points(_("权重(分)"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("一级指标")
        verbose_name_plural = _("一级指标")
        ordering = ["scheme", "sort_order", "pk"]

    def __str__(self):
        return self.name


class EvaluationItem(AuditedModel):
    """One indicator of a part. `indicator` links an economy Indicator; without one the figure is manual."""

    scope_zone = None
    scope_unit = None

    part = models.ForeignKey(EvaluationPart, verbose_name=_("一级指标"), on_delete=models.CASCADE,
                             related_name="items")
    name = models.CharField(_("指标"), max_length=120)
    kind = models.CharField(_("类型"), max_length=10, choices=ItemKind.choices, default=ItemKind.NORMAL)
    indicator = models.ForeignKey("economy.Indicator", verbose_name=_("关联指标"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    weight = _points(_("分值"), default=0)
    method = models.CharField(_("计分方法"), max_length=12, choices=Method.choices, default=Method.RANK)
    target = models.DecimalField(_("目标值"), max_digits=20, decimal_places=4, null=True, blank=True)
    cap = models.DecimalField(_("封顶倍数"), max_digits=6, decimal_places=2, default=1)
    use_growth = models.BooleanField(_("取同比增速"), default=False)
    thresholds = models.JSONField(_("分档表"), default=list, blank=True,
                                  help_text=_("[[下限, 得分比例], ...]，下限由低到高。"))
    source_incomplete = models.BooleanField(_("来源不完整"), default=False)
    note = models.CharField(_("说明"), max_length=300, blank=True, default="")
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["part", "sort_order", "pk"]

    def __str__(self):
        return self.name


class EvaluationRun(AuditedModel):
    """One computation of a scheme for a year: who ran it and when; its scores are kept."""

    scope_zone = None
    scope_unit = None

    scheme = models.ForeignKey(EvaluationScheme, verbose_name=_("方案"), on_delete=models.CASCADE,
                               related_name="runs")
    year = models.PositiveSmallIntegerField(_("考核年度"))
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("计算人"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    run_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("考核计算")
        verbose_name_plural = _("考核计算")
        ordering = ["-run_at"]


class EvaluationResult(AuditedModel):
    scope_unit = None

    run = models.ForeignKey(EvaluationRun, verbose_name=_("计算"), on_delete=models.CASCADE, related_name="results")
    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.CASCADE, related_name="+")
    total = _points(_("总分"))
    vetoed = models.BooleanField(_("一票否决"), default=False)
    rank = models.PositiveIntegerField(_("排名"), default=0)

    class Meta:
        verbose_name = _("考核结果")
        verbose_name_plural = _("考核结果")
        ordering = ["run", "rank"]


class EvaluationScore(AuditedModel):
    """A zone's score on one item, with the figures and the formula that produced it."""

    scope_unit = None

    run = models.ForeignKey(EvaluationRun, verbose_name=_("计算"), on_delete=models.CASCADE, related_name="scores")
    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(EvaluationItem, verbose_name=_("考核指标"), on_delete=models.CASCADE, related_name="+")
    score = _points(_("得分"))
    figures = models.JSONField(_("数据"), default=dict, blank=True)
    formula = models.CharField(_("公式"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("考核得分")
        verbose_name_plural = _("考核得分")
        ordering = ["run", "zone", "item"]


class ManualFigure(AuditedModel):
    """A figure no statistic holds (a bonus's points, a veto event, an unlinked indicator), entered per zone."""

    scope_unit = None

    item = models.ForeignKey(EvaluationItem, verbose_name=_("考核指标"), on_delete=models.CASCADE,
                             related_name="manual_figures")
    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("考核年度"))
    value = models.DecimalField(_("数值"), max_digits=20, decimal_places=4)
    note = models.CharField(_("说明"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("手工填报数据")
        verbose_name_plural = _("手工填报数据")
        constraints = [models.UniqueConstraint(fields=["item", "zone", "year"], name="evaluation_manual_unique")]
