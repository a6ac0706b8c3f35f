import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zonework.core.audit import change_rows
from zonework.core.choices import Light
from zonework.core.models import AuditEntry, Park, Unit, User, Zone

ATTRS = {"class": "table table-sm table-hover align-middle zw-cards"}
LIGHT_CLASS = {"green": "success", "yellow": "warning", "red": "danger"}
LIGHT_TEXT = dict(Light.choices)

ACTIONS = """
{% load i18n %}
{% if perms.APP.change_MODEL %}<a class="btn btn-sm btn-outline-primary" href="{% url 'APP:MODEL_edit' record.pk %}">{% translate "编辑" %}</a>{% endif %}
{% if perms.APP.delete_MODEL %}<a class="btn btn-sm btn-outline-danger" href="{% url 'APP:MODEL_delete' record.pk %}">{% translate "删除" %}</a>{% endif %}
"""


def light_badge(light, note=""):
    """A 红黄绿灯 as a coloured badge (its note as the tooltip); "—" when there is no light."""
    if not light:
        return "—"
    return format_html('<span class="badge text-bg-{} zw-light-{}" title="{}">{}</span>', LIGHT_CLASS[light], light,
                       note, LIGHT_TEXT[light])


def action_column(app, model):
    return tables.TemplateColumn(
        ACTIONS.replace("APP", app).replace("MODEL", model), verbose_name=_("操作"), orderable=False,
        exclude_from_export=True,
    )


class ZoneTable(tables.Table):
    name = tables.Column(linkify=True)
    actions = action_column("core", "zone")

    class Meta:
        model = Zone
        fields = ("name", "short_name", "level", "kind", "province", "city", "established_year")
        attrs = ATTRS


class ParkTable(tables.Table):
    name = tables.Column(linkify=True)
    actions = action_column("core", "park")

    class Meta:
        model = Park
        fields = ("name", "zone", "area_km2")
        attrs = ATTRS


class UnitTable(tables.Table):
    name = tables.Column(linkify=True)
    aliases = tables.Column(verbose_name=_("别名"))
    actions = action_column("core", "unit")

    class Meta:
        model = Unit
        fields = ("name", "kind", "parent", "aliases", "zone")
        attrs = ATTRS
        order_by = ("path",)

    def render_name(self, record, value):
        # The tree shows by indentation, in path order.
        return format_html(
            '<span style="padding-left:{}rem">{}<a href="{}">{}</a></span>',
            record.depth * 1.5, "└ " if record.depth else "", record.get_absolute_url(), value,
        )

    def render_aliases(self, value):
        return "、".join(value) if value else "—"

    def value_aliases(self, value):
        return "、".join(value or [])

    def value_name(self, value):
        return value


class UserTable(tables.Table):
    username = tables.Column(linkify=("core:user_edit", [tables.A("pk")]))
    roles = tables.ManyToManyColumn(verbose_name=_("角色"))

    class Meta:
        model = User
        fields = ("username", "display_name", "unit", "roles", "is_active", "last_login")
        attrs = ATTRS


class AuditEntryTable(tables.Table):
    time = tables.DateTimeColumn(format="Y-m-d H:i:s", linkify=("core:audit_detail", [tables.A("pk")]))
    content_type = tables.Column(verbose_name=_("对象类型"), accessor="content_type__name", default="—")
    changes = tables.Column(verbose_name=_("变更"), orderable=False)

    class Meta:
        model = AuditEntry
        fields = ("time", "user_name", "ip", "action", "event", "content_type", "object_repr", "changes",
                  "request_id", "zone_name")
        attrs = {"class": "table table-sm table-hover align-middle small"}

    def render_changes(self, value, record):
        return "；".join(f"{c['field']}：{c['before']} → {c['after']}" for c in change_rows(record)[:6]) or "—"

    def value_changes(self, value, record):
        return "；".join(f"{c['field']}：{c['before']} → {c['after']}" for c in change_rows(record))

    def render_request_id(self, value):
        return value[:8]
