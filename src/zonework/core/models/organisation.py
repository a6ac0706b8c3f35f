
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.choices import UnitKind, ZoneKind, ZoneLevel

from .base import AuditedModel


class Zone(AuditedModel):
    """A development zone (开发区 / 高新区 / 经济技术开发区) run by its management committee."""

    scope_zone = ""
    scope_unit = None

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    level = models.CharField(_("级别"), max_length=20, choices=ZoneLevel.choices, default=ZoneLevel.NATIONAL)
    kind = models.CharField(_("类型"), max_length=20, choices=ZoneKind.choices, default=ZoneKind.OTHER)
    province = models.CharField(_("省份"), max_length=50, blank=True)
    city = models.CharField(_("城市"), max_length=50, blank=True)
    established_year = models.PositiveSmallIntegerField(
        _("设立年份"), null=True, blank=True, validators=[MinValueValidator(1949), MaxValueValidator(2100)]
    )

    class Meta:
        verbose_name = _("开发区")
        verbose_name_plural = _("开发区")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:zone_edit", args=[self.pk])

    def clean(self):
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError({"name": _("开发区名称不能为空。")})
        if self.established_year and self.established_year > clock.today().year:
            raise ValidationError({"established_year": _("设立年份不能晚于今年。")})


class Park(AuditedModel):
    """An industrial park inside (or co-built outside) a zone."""

    scope_unit = None

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="parks")
    name = models.CharField(_("名称"), max_length=100)
    area_km2 = models.DecimalField(
        _("面积(平方公里)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("园区")
        verbose_name_plural = _("园区")
        ordering = ["zone__name", "name"]
        constraints = [models.UniqueConstraint(fields=["zone", "name"], name="core_park_unique_zone_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:park_edit", args=[self.pk])

    def clean(self):
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError({"name": _("园区名称不能为空。")})
        if self.zone_id and Park.objects.filter(zone_id=self.zone_id, name=self.name).exclude(pk=self.pk).exists():
            raise ValidationError({"name": _("本开发区已有同名园区。")})


class Unit(AuditedModel):
    """A department, bureau, street office, park office or company that carries work (责任单位).

    `path` holds the ids from the root down ("/3/17/"), so "本单位及下级" is one prefix match
    on every database.
    """

    scope_unit = ""
    audit_exclude = (*AuditedModel.audit_exclude, "path")

    zone = models.ForeignKey(Zone, verbose_name=_("开发区"), on_delete=models.PROTECT, related_name="units")
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=20, choices=UnitKind.choices, default=UnitKind.BUREAU)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    aliases = models.JSONField(_("别名"), default=list, blank=True, help_text=_("文件中使用的其他名称，如“经信局”。"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["zone__name", "path"]
        constraints = [models.UniqueConstraint(fields=["zone", "name"], name="core_unit_unique_zone_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:unit_edit", args=[self.pk])

    @property
    def depth(self):
        return max(self.path.count("/") - 2, 0)

    def names(self):
        return [self.name, *self.aliases]

    def clean(self):
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError({"name": _("单位名称不能为空。")})
        aliases = self.aliases or []
        if isinstance(aliases, str):
            aliases = [a for a in aliases.replace("，", ",").replace("、", ",").split(",")]
        if not isinstance(aliases, list):
            raise ValidationError({"aliases": _("别名应为名称列表。")})
        self.aliases = list(dict.fromkeys(a.strip() for a in aliases if str(a).strip() and a.strip() != self.name))
        errors = {}
        if self.zone_id and Unit.objects.filter(zone_id=self.zone_id, name=self.name).exclude(pk=self.pk).exists():
            errors["name"] = _("本开发区已有同名单位“%(name)s”。") % {"name": self.name}
        if self.pk and self.path and self.children.exists():
            old_zone = Unit.objects.filter(pk=self.pk).values_list("zone_id", flat=True).first()
            if old_zone != self.zone_id:
                errors["zone"] = _("有下级单位的单位不能改到其他开发区。")
        if self.parent_id:
            parent = self.parent
            if parent.zone_id != self.zone_id:
                errors["parent"] = _("上级单位必须属于同一开发区。")
            elif self.pk and (parent.pk == self.pk or parent.path.startswith(self.path or "\0")):
                errors["parent"] = _("不能把单位移到它自己或它的下级单位之下（单位树不能成环）。")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        old_path = self.path
        super().save(*args, **kwargs)
        parent_path = self.parent.path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        if new_path != old_path:
            # A derived column: written with update() so it makes no second audit entry.
            Unit.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:
                for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    Unit.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path):])
