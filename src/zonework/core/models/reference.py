from django.db import models
from django.utils.translation import gettext_lazy as _

from zonework.core.choices import IndustryLevel

from .base import AuditedModel


class Industry(AuditedModel):
    """An industry of GB/T 4754-2017 (门类 A–T, 大类 01–97, ...). Reference data shared by all zones
    and apps (projects and enterprises both name one), so it lives in core."""

    scope_zone = None
    scope_unit = None

    code = models.CharField(_("代码"), max_length=10, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=IndustryLevel.choices)
    parent = models.ForeignKey("self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        # The table keeps the name it had when the model lived in investment, so that existing
        # databases keep their rows and the projects' and enterprises' foreign keys untouched.
        db_table = "investment_industry"
        verbose_name = _("行业")
        verbose_name_plural = _("行业")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def audit_zone_id(self):
        return None

    @property
    def section(self):
        """The 门类 this industry belongs to."""
        node = self
        while node.parent_id is not None:
            node = node.parent
        return node
