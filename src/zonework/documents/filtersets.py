from zonework.core.filtersets import SearchFilterSet

from .models import SourceDocument


class SourceDocumentFilterSet(SearchFilterSet):
    search_fields = ("filename", "zone_name_read", "text")

    class Meta:
        model = SourceDocument
        fields = ["zone", "status", "report_year", "plan_year"]
