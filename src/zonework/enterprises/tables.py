import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zonework.core.tables import ATTRS, LIGHT_TEXT, action_column, light_badge

from .models import Enterprise, ServiceRequest


class EnterpriseTable(tables.Table):
    name = tables.Column(linkify=True)
    open_requests = tables.Column(verbose_name=_("在办诉求"), empty_values=(), orderable=False)
    actions = action_column("enterprises", "enterprise")

    class Meta:
        model = Enterprise
        fields = ("name", "credit_code", "industry", "park", "above_scale", "high_tech", "listed", "contact_name",
                  "contact_phone", "liaison_leader", "unit")
        attrs = ATTRS

    def render_open_requests(self, record):
        count = record.requests.exclude(state="closed").count()
        return count or "—"

    def value_open_requests(self, record):
        return record.requests.exclude(state="closed").count()


class ServiceRequestTable(tables.Table):
    light = tables.Column(verbose_name=_("时限"), empty_values=(), orderable=False)
    title = tables.Column(linkify=True)
    due = tables.Column(verbose_name=_("办结时限"), empty_values=(), orderable=False)

    class Meta:
        model = ServiceRequest
        fields = ("light", "title", "enterprise", "category", "received_date", "state", "unit", "due",
                  "satisfaction")
        attrs = ATTRS

    def render_light(self, record):
        light, note = record.light()
        return format_html('{} <span class="small text-muted">{}</span>', light_badge(light, note), note)

    def value_light(self, record):
        light, note = record.light()
        return f"{LIGHT_TEXT[light]} {note}"

    def render_due(self, record):
        return record.due_dates()["resolve"]

    def value_due(self, record):
        return record.due_dates()["resolve"].isoformat()
