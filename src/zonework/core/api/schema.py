"""The OpenAPI schema's reading of our filter sets, without side effects on the pages.

drf-spectacular describes a list endpoint's filters by reading the filter set *class*'s own filters
(`base_filters`), and for a choice filter it touches `filter.field`. django-filter builds that form
field once and caches it on the filter; on a class-level filter the label is not known yet (a filter
learns its model only inside a FilterSet instance), so the cached field has no label. Every later
list page copies the class's filters, cached field included, and Django falls back to the English
field name: after one visit to /api/docs/ the whole process showed "Status", "Kind", "Source".

Reading a copy that knows its model keeps the class untouched and gives the schema the Chinese labels.
"""

import copy

from drf_spectacular.contrib.django_filters import DjangoFilterExtension


class CopyingDjangoFilterExtension(DjangoFilterExtension):
    priority = 1  # chosen over drf-spectacular's own extension for the same backend

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        filter_copy = copy.deepcopy(filter_field)
        filter_copy.model = filterset_class._meta.model or model
        return super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_copy)
