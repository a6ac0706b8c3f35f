import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from zonework.core.money import money_text
from zonework.core.tables import ATTRS, LIGHT_TEXT, action_column, light_badge

from .models import InvestmentProject, MajorProject, StageChange


class InvestmentProjectTable(tables.Table):
    name = tables.Column(linkify=True)
    agreed_investment = tables.Column(verbose_name=_("协议投资额"), attrs={"td": {"class": "text-end"}})
    actions = action_column("investment", "investmentproject")

    class Meta:
        model = InvestmentProject
        fields = ("name", "investor", "stage", "stage_date", "agreed_investment", "origin", "fortune500", "park",
                  "industry", "unit", "officer")
        attrs = ATTRS

    def render_agreed_investment(self, record):
        return record.agreed_text

    def value_agreed_investment(self, record):
        return record.agreed_text

    def render_name(self, record, value):
        mark = format_html(' <i class="bi bi-file-earmark-text text-muted" title="{}"></i>', "来自来源文件") \
            if record.provenance else ""
        return format_html('<a href="{}">{}</a>{}', record.get_absolute_url(), value, mark)


class StageChangeTable(tables.Table):
    class Meta:
        model = StageChange
        fields = ("date", "from_stage", "to_stage", "by", "reason")
        attrs = ATTRS
        orderable = False


class MajorProjectTable(tables.Table):
    name = tables.Column(linkify=("investment:majorproject_edit", [tables.A("pk")]))
    light = tables.Column(verbose_name=_("状态"), empty_values=(), orderable=False)
    total_investment = tables.Column(verbose_name=_("总投资"), attrs={"td": {"class": "text-end"}},
                                     exclude_from_export=True)
    # The page reads "12亿元"; a spreadsheet needs a number to sum, so the export has its own column in 万元.
    total_investment_wan = tables.Column(verbose_name=_("总投资（万元）"), accessor="total_investment", visible=False)
    actions = action_column("investment", "majorproject")

    class Meta:
        model = MajorProject
        fields = ("name", "light", "unit", "total_investment", "construction_start_planned",
                  "construction_start_actual", "completion_planned", "completion_actual",
                  "production_start_planned", "production_start_actual", "investment_project")
        sequence = ("name", "light", "unit", "total_investment", "total_investment_wan", "...")
        attrs = ATTRS

    def _light(self, record):
        from .milestones import major_project_light

        return major_project_light(record)

    def render_total_investment(self, value):
        return money_text(value)

    def render_light(self, record):
        return light_badge(*self._light(record))

    def value_light(self, record):
        light, note = self._light(record)
        return f"{LIGHT_TEXT[light]} {note}".strip()
