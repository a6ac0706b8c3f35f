import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Indicator, Observation, StatisticsUpload, Target, TrackedIndicator
from .progress import fmt

ACTIONS = """
{% load i18n %}
{% if perms.economy.change_MODEL %}<a class="btn btn-sm btn-outline-primary" href="{% url 'economy:MODEL_edit' record.pk %}">{% translate "编辑" %}</a>{% endif %}
{% if perms.economy.delete_MODEL %}<a class="btn btn-sm btn-outline-danger" href="{% url 'economy:MODEL_delete' record.pk %}">{% translate "删除" %}</a>{% endif %}
"""


def action_column(model, edit=True):
    template = ACTIONS.replace("MODEL", model)
    if not edit:
        template = "\n".join(line for line in template.splitlines() if "_edit" not in line)
    return tables.TemplateColumn(template, verbose_name=_("操作"), orderable=False, exclude_from_export=True)


class NumberColumn(tables.Column):
    def render(self, value):
        return fmt(value, 4)

    def value(self, value):
        return value


class SourceColumn(tables.Column):
    """The figure's source, linked to the document span or the statistics upload."""

    def __init__(self, **kwargs):
        super().__init__(accessor="source", verbose_name=_("来源"), **kwargs)

    def render(self, record, value):
        url = record.source_url()
        label = record.get_source_display()
        if record.document_id:
            label = f"{label}：{record.document}"
        return format_html('<a href="{}">{}</a>', url, label) if url else label

    def value(self, value):
        return value  # already the choice's label: the table looks it up for a field with choices


class IndicatorTable(tables.Table):
    name = tables.Column(linkify=True)
    aliases = tables.Column(verbose_name=_("别名"))
    actions = action_column("indicator")

    class Meta:
        model = Indicator
        fields = ("name", "code", "family", "unit", "kind", "price_basis", "higher_is_better", "allows_negative",
                  "aliases")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_aliases(self, value):
        text = "、".join(value) if value else "—"
        return text if len(text) <= 60 else text[:60] + "…"

    def value_aliases(self, value):
        return "、".join(value or [])


class TargetTable(tables.Table):
    indicator = tables.Column(linkify=lambda record: record.get_absolute_url())
    value = NumberColumn(verbose_name=_("目标值"))
    growth_pct = NumberColumn(verbose_name=_("目标增速(%)"))
    stretch_pct = NumberColumn(verbose_name=_("力争增速(%)"))
    src = SourceColumn()
    actions = action_column("target")

    class Meta:
        model = Target
        fields = ("zone", "year", "recurring", "indicator", "value", "value_unit", "growth_pct", "bound",
                  "stretch_pct", "unit")
        sequence = ("zone", "year", "recurring", "indicator", "value", "value_unit", "growth_pct", "bound",
                    "stretch_pct", "unit", "src", "actions")
        attrs = {"class": "table table-sm table-hover align-middle"}


class ObservationTable(tables.Table):
    indicator = tables.Column(linkify=lambda record: record.get_absolute_url())
    month = tables.Column(verbose_name=_("期间"), accessor="month")
    month_value = NumberColumn()
    ytd_value = NumberColumn()
    yoy_pct = NumberColumn()
    src = SourceColumn()
    actions = action_column("observation")

    class Meta:
        model = Observation
        fields = ("zone", "year", "month", "indicator", "month_value", "ytd_value", "value_unit", "yoy_pct")
        sequence = ("zone", "year", "month", "indicator", "month_value", "ytd_value", "value_unit", "yoy_pct",
                    "src", "actions")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_month(self, record):
        return record.period

    def value_month(self, value):
        # the month's number (the value alone, so the export reads it without the instance)
        return value


class TrackedIndicatorTable(tables.Table):
    actions = action_column("trackedindicator", edit=False)

    class Meta:
        model = TrackedIndicator
        fields = ("zone", "indicator", "sort_order")
        attrs = {"class": "table table-sm table-hover align-middle"}


class StatisticsUploadTable(tables.Table):
    period = tables.Column(verbose_name=_("期间"), accessor="month", linkify=lambda record: record.get_absolute_url())
    created_by = tables.Column(verbose_name=_("上传人"))
    created_at = tables.DateTimeColumn(verbose_name=_("上传时间"), format="Y-m-d H:i")

    class Meta:
        model = StatisticsUpload
        fields = ("zone", "year", "period", "filename", "status", "created_by", "created_at", "committed_at")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_period(self, record):
        from .models import month_label

        return month_label(record.month)
