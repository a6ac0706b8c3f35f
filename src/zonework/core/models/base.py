import datetime
import json
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

_SNAPSHOT_FIELDS = {}
# Values that are JSON as they stand: a snapshot keeps them without encoding and decoding them.
_AS_IS = frozenset({str, int, float, bool, type(None)})


def _snapshot_fields(model, exclude):
    key = (model, tuple(exclude))
    if key not in _SNAPSHOT_FIELDS:
        _SNAPSHOT_FIELDS[key] = [(f.attname, isinstance(f, models.FileField)) for f in model._meta.concrete_fields
                                 if f.name not in exclude]
    return _SNAPSHOT_FIELDS[key]


def snapshot(obj, exclude=()):
    """Field values of a row as plain JSON values, for the audit log's before/after.

    The values are what DjangoJSONEncoder and a decoding would give (a Decimal as its text, a date as
    ISO); the common kinds are converted directly, any other goes through that round trip, so an
    import of thousands of rows does not pay a JSON round trip per row."""
    data = {}
    for attname, is_file in _snapshot_fields(type(obj), exclude):
        value = getattr(obj, attname)
        if is_file:
            value = value.name if value else ""
        kind = type(value)
        if kind in _AS_IS:
            pass
        elif kind is Decimal:
            value = str(value)
        elif kind is datetime.date:
            value = value.isoformat()
        elif (kind is dict or kind is list) and not value:
            value = kind()  # a JSON field's empty default, most rows' provenance
        else:
            value = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
        data[attname] = value
    return data


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
