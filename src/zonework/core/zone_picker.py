"""Choosing a zone when a user has many (a province oversees 50–230): past ZONE_LIST_LIMIT the pickers
no longer list every zone; they render the chosen one and find the others by what is typed
(`core:zone_search`, name, short name or city), so a page costs the same at 230 zones as at 5."""

from django import forms
from django.urls import reverse

from zonework.core import scope
from zonework.core.models import Zone

ZONE_LIST_LIMIT = 20
SEARCH_HITS = 20


def search(user, text, limit=SEARCH_HITS):
    """The user's zones whose name, short name or city contains `text`, by name."""
    from django.db.models import Q

    zones = scope.zones_for(user)
    text = (text or "").strip()[:50]
    if text:
        zones = zones.filter(Q(name__icontains=text) | Q(short_name__icontains=text) | Q(city__icontains=text))
    return list(zones.order_by("name")[:limit])


class ZoneSearchSelect(forms.Select):
    """A zone <select> holding only the chosen zone; the page's script adds a search box that fills it
    from `core:zone_search`. Validation stays the field's own (its queryset, the user's scope)."""

    def __init__(self, attrs=None, empty_label="---------", queryset=None):
        super().__init__(attrs)
        self.empty_label = empty_label
        # the field's own choices: a zone outside them is not named even when it is in the query string
        self.queryset = queryset if queryset is not None else Zone.objects.none()

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-zone-search"] = reverse("core:zone_search")
        return context

    def optgroups(self, name, value, attrs=None):
        chosen = [str(v) for v in value if str(v).isdigit()]
        groups = [(None, [self.create_option(name, "", self.empty_label, not chosen, 0)], 0)]
        for index, zone in enumerate(self.queryset.filter(pk__in=chosen).order_by("name"), start=1):
            groups.append((None, [self.create_option(name, str(zone.pk), str(zone), True, index)], index))
        return groups


def searchable(field, user):
    """Give a zone field the search widget when the user's zones are too many to list."""
    queryset = getattr(field, "queryset", None)
    if queryset is None or queryset.model is not Zone or isinstance(field.widget, ZoneSearchSelect):
        return
    if isinstance(field.widget, forms.SelectMultiple):
        return
    if scope.zones_for(user).count() > ZONE_LIST_LIMIT:
        field.widget = ZoneSearchSelect(attrs=field.widget.attrs, queryset=field.queryset,
                                        empty_label=getattr(field, "empty_label", None) or "---------")
