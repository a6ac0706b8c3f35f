import django_filters
from django.utils.translation import gettext_lazy as _

from zonework.core.filtersets import SearchFilterSet

from .models import Indicator, Observation, StatisticsUpload, Target, TrackedIndicator


class IndicatorFilterSet(SearchFilterSet):
    search_fields = ("name", "aliases", "code", "family")

    class Meta:
        model = Indicator
        fields = ["family", "kind", "price_basis"]


class IndicatorNameMixin(django_filters.FilterSet):
    indicator_name = django_filters.CharFilter(field_name="indicator__name", label=_("指标名称"))


class TargetFilterSet(IndicatorNameMixin, SearchFilterSet):
    search_fields = ("indicator__name", "note")

    class Meta:
        model = Target
        fields = ["zone", "year", "indicator", "recurring", "bound", "source", "document"]


class ObservationFilterSet(IndicatorNameMixin, SearchFilterSet):
    search_fields = ("indicator__name",)
    yearly = django_filters.BooleanFilter(field_name="month", lookup_expr="isnull", label=_("年度数据"))

    class Meta:
        model = Observation
        fields = ["zone", "year", "month", "indicator", "source", "document", "upload"]


class TrackedIndicatorFilterSet(SearchFilterSet):
    search_fields = ("indicator__name",)

    class Meta:
        model = TrackedIndicator
        fields = ["zone", "indicator"]


class StatisticsUploadFilterSet(SearchFilterSet):
    search_fields = ("filename",)

    class Meta:
        model = StatisticsUpload
        fields = ["zone", "year", "month", "status"]
