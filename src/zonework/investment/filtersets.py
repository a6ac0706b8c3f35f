import django_filters
from django.utils.translation import gettext_lazy as _

from zonework.core.filtersets import SearchFilterSet

from .choices import Origin, Stage
from .models import InvestmentProject, MajorProject, MajorProjectYear, PaidIn, StageChange


class InvestmentProjectFilterSet(SearchFilterSet):
    search_fields = ("name", "investor", "country_region")
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices, label=_("阶段"))
    origin = django_filters.ChoiceFilter(choices=Origin.choices, label=_("资金来源"))
    officer = django_filters.NumberFilter(field_name="officer_id", label=_("招商人员编号"))

    class Meta:
        model = InvestmentProject
        fields = ["stage", "origin", "park", "unit", "fortune500", "currency", "officer"]


class StageChangeFilterSet(django_filters.FilterSet):
    class Meta:
        model = StageChange
        fields = ["project", "to_stage", "from_stage"]


class PaidInFilterSet(django_filters.FilterSet):
    class Meta:
        model = PaidIn
        fields = ["project", "currency"]


class MajorProjectFilterSet(SearchFilterSet):
    class Meta:
        model = MajorProject
        fields = ["zone", "unit", "park"]


class MajorProjectYearFilterSet(django_filters.FilterSet):
    class Meta:
        model = MajorProjectYear
        fields = ["major_project", "year"]
