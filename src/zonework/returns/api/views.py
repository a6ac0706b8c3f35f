from rest_framework import mixins, viewsets

from zonework.core import scope
from zonework.returns.models import ReturnFiling

from . import serializers


class ReturnFilingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Filings under the caller's data scope; ?form=, ?year=, ?period=, ?status=, ?zone= narrow them."""

    queryset = ReturnFiling.objects.select_related("form", "zone").prefetch_related("figures__indicator") \
        .order_by("-year", "-period", "zone__name", "pk")
    serializer_class = serializers.ReturnFilingSerializer
    filterset_fields = ["form", "year", "period", "status", "zone"]

    def get_queryset(self):
        return scope.restrict(self.queryset.all(), self.request.user, "view")
