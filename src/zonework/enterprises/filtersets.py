import django_filters
from django.utils.translation import gettext_lazy as _

from zonework.core.filtersets import SearchFilterSet

from . import limits
from .choices import RequestCategory, RequestState
from .models import Enterprise, LiaisonVisit, ServiceRequest


class EnterpriseFilterSet(SearchFilterSet):
    search_fields = ("name", "credit_code", "contact_name")

    class Meta:
        model = Enterprise
        fields = ["park", "unit", "above_scale", "high_tech", "listed"]


LIGHT_CHOICES = [("red", _("红灯")), ("yellow", _("黄灯")), ("green", _("绿灯"))]


class ServiceRequestFilterSet(SearchFilterSet):
    search_fields = ("title", "text", "enterprise__name")
    state = django_filters.MultipleChoiceFilter(choices=RequestState.choices, label=_("状态"))
    category = django_filters.ChoiceFilter(choices=RequestCategory.choices, label=_("类别"))
    received_after = django_filters.DateFilter(field_name="received_date", lookup_expr="gte", label=_("受理日期起"))
    received_before = django_filters.DateFilter(field_name="received_date", lookup_expr="lte", label=_("受理日期止"))
    # The light is computed from the time limits (limits.py), so the filter asks each open request.
    light = django_filters.ChoiceFilter(choices=LIGHT_CHOICES, method="filter_light", label=_("灯"))

    class Meta:
        model = ServiceRequest
        fields = ["state", "category", "unit", "enterprise", "is_complex"]

    def filter_light(self, queryset, name, value):
        """Open requests showing `value` today: the cockpit's counts link here."""
        today = limits.today()
        ids = [r.pk for r in queryset.exclude(state=RequestState.CLOSED) if r.light(today)[0] == value]
        return queryset.filter(pk__in=ids)


class LiaisonVisitFilterSet(django_filters.FilterSet):
    class Meta:
        model = LiaisonVisit
        fields = ["enterprise", "leader"]
