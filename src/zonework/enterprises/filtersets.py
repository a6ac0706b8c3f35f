import django_filters
from django.utils.translation import gettext_lazy as _

from zonework.core.filtersets import SearchFilterSet

from .choices import RequestCategory, RequestState
from .models import Enterprise, LiaisonVisit, ServiceRequest


class EnterpriseFilterSet(SearchFilterSet):
    search_fields = ("name", "credit_code", "contact_name")

    class Meta:
        model = Enterprise
        fields = ["park", "unit", "above_scale", "high_tech", "listed"]


class ServiceRequestFilterSet(SearchFilterSet):
    search_fields = ("title", "text", "enterprise__name")
    state = django_filters.MultipleChoiceFilter(choices=RequestState.choices, label=_("状态"))
    category = django_filters.ChoiceFilter(choices=RequestCategory.choices, label=_("类别"))
    received_after = django_filters.DateFilter(field_name="received_date", lookup_expr="gte", label=_("受理日期起"))
    received_before = django_filters.DateFilter(field_name="received_date", lookup_expr="lte", label=_("受理日期止"))

    class Meta:
        model = ServiceRequest
        fields = ["state", "category", "unit", "enterprise", "is_complex"]


class LiaisonVisitFilterSet(django_filters.FilterSet):
    class Meta:
        model = LiaisonVisit
        fields = ["enterprise", "leader"]
