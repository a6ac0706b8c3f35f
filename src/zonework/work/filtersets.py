import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zonework.core.filtersets import SearchFilterSet
from zonework.core.models import Unit
from zonework.work.choices import Light, TaskStatus
from zonework.work.models import Assessment, Plan, ProgressReport, Task


class PlanFilterSet(SearchFilterSet):
    search_fields = ("title", "source")

    class Meta:
        model = Plan
        fields = ["zone", "year", "kind"]


class TaskFilterSet(SearchFilterSet):
    """The board's filters. `light` is computed, so the board applies it after the query (views)."""

    search_fields = ("title", "text", "number")
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), method="by_unit", label=_("责任单位"))
    leader = django_filters.CharFilter(lookup_expr="exact", label=_("责任领导"))
    status = django_filters.MultipleChoiceFilter(choices=TaskStatus.choices, label=_("状态"))
    light = django_filters.ChoiceFilter(choices=Light.choices, method="no_op", label=_("灯"))

    class Meta:
        model = Task
        fields = ["plan", "lead_unit"]

    def by_unit(self, queryset, name, value):
        return queryset.filter(Q(lead_unit=value) | Q(support_units=value)).distinct() if value else queryset

    def no_op(self, queryset, name, value):
        return queryset


class ProgressReportFilterSet(django_filters.FilterSet):
    class Meta:
        model = ProgressReport
        fields = ["task", "unit", "date"]


class AssessmentFilterSet(django_filters.FilterSet):
    class Meta:
        model = Assessment
        fields = ["zone", "year"]
