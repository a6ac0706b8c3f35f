import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


def snapshot(obj, exclude=()):
    """Field values of a row as plain JSON values, for the audit log's before/after."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        data[field.attname] = value
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


class AuditedModel(models.Model):
    """Base of every domain row: who made it and when; every change lands in the audit log.

    Data scope reads three lookups from the class (one rule for every model, DESIGN.md):
    `scope_zone` (path to the zone, "" when the row is a zone), `scope_unit` (path to the owning
    unit, "" when the row is a unit, None when the row has none) and `scope_owner` (path to the
    user who owns the row, for the 仅本人 scope).
    """

    scope_zone = "zone"
    scope_unit = "unit"
    scope_owner = "created_by"
    audit_exclude = ("created_at", "updated_at")

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True

    def snapshot(self):
        return snapshot(self, exclude=self.audit_exclude)

    def audit_zone_id(self):
        """The zone an audit entry about this row is filed under."""
        path = self.scope_zone
        if path == "":
            return self.pk
        obj = self
        for part in path.split("__"):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj.pk
