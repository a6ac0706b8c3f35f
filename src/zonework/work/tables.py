import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from zonework.work.models import Assessment, Plan

ACTIONS = """
{% load i18n %}
{% if perms.work.change_MODEL %}<a class="btn btn-sm btn-outline-primary" href="{% url 'work:MODEL_edit' record.pk %}">{% translate "编辑" %}</a>{% endif %}
{% if perms.work.delete_MODEL %}<a class="btn btn-sm btn-outline-danger" href="{% url 'work:MODEL_delete' record.pk %}">{% translate "删除" %}</a>{% endif %}
"""


def action_column(model):
    return tables.TemplateColumn(ACTIONS.replace("MODEL", model), verbose_name=_("操作"), orderable=False,
                                 exclude_from_export=True)


class PlanTable(tables.Table):
    title = tables.Column(linkify=True)
    task_count = tables.Column(verbose_name=_("任务数"), empty_values=(), orderable=False)
    actions = action_column("plan")

    class Meta:
        model = Plan
        fields = ("title", "kind", "year", "zone", "start_date", "end_date", "source")
        sequence = ("title", "kind", "year", "zone", "task_count", "...")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_task_count(self, record):
        return record.tasks.count()

    def value_task_count(self, record):
        return record.tasks.count()


class AssessmentTable(tables.Table):
    year = tables.Column(linkify=True)
    actions = action_column("assessment")

    class Meta:
        model = Assessment
        fields = ("year", "title", "zone", "on_time_points", "punctuality_points", "quality_points",
                  "warning_points", "computed_at")
        attrs = {"class": "table table-sm table-hover align-middle"}
