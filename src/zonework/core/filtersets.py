import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry, Industry, Park, Unit, User, Zone


class SearchFilterSet(django_filters.FilterSet):
    """Adds a free-text `q` over the fields named in `search_fields`."""

    search_fields = ("name",)
    q = django_filters.CharFilter(method="search", label=_("搜索"))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__icontains": value})
        return queryset.filter(q)


class ZoneFilterSet(SearchFilterSet):
    search_fields = ("name", "short_name", "province", "city")

    class Meta:
        model = Zone
        fields = ["level", "province"]


class ParkFilterSet(SearchFilterSet):
    class Meta:
        model = Park
        fields = ["zone"]


class UnitFilterSet(SearchFilterSet):
    search_fields = ("name", "aliases")

    class Meta:
        model = Unit
        fields = ["zone", "kind", "parent"]


class UserFilterSet(SearchFilterSet):
    search_fields = ("username", "display_name", "email")

    class Meta:
        model = User
        fields = ["unit", "roles", "is_active"]


class AuditEntryFilterSet(SearchFilterSet):
    search_fields = ("object_repr", "message", "user_name", "event", "request_id")
    action = django_filters.MultipleChoiceFilter(choices=AuditAction.choices, label=_("操作"))
    time_after = django_filters.DateFilter(field_name="time", lookup_expr="date__gte", label=_("起始日期"))
    time_before = django_filters.DateFilter(field_name="time", lookup_expr="date__lte", label=_("截止日期"))
    user_name = django_filters.CharFilter(lookup_expr="exact", label=_("操作人账号"))
    object_type = django_filters.CharFilter(field_name="content_type__model", label=_("对象类型"))

    class Meta:
        model = AuditEntry
        fields = ["action", "zone", "user_name", "event", "object_id", "request_id"]


class IndustryFilterSet(SearchFilterSet):
    search_fields = ("code", "name")

    class Meta:
        model = Industry
        fields = ["level", "parent"]
