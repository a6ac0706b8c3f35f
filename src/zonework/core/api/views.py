from rest_framework import mixins, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from zonework.core import actions, scope
from zonework.core.auth import lockout_message, lockout_until
from zonework.core.filtersets import (
    AuditEntryFilterSet,
    IndustryFilterSet,
    ParkFilterSet,
    UnitFilterSet,
    UserFilterSet,
    ZoneFilterSet,
)
from zonework.core.models import AuditEntry, Industry, Park, Unit, User, Zone

from . import serializers


class ScopedModelViewSet(viewsets.ModelViewSet):
    """Reads filtered by data scope; writes through the app's actions.

    A row outside the caller's view scope is a 404; a write the caller's scope forbids is a 403,
    rolled back and logged (by the action).
    """

    create_action = staticmethod(actions.create_object)
    update_action = staticmethod(actions.update_object)
    delete_action = staticmethod(actions.delete_object)

    def get_queryset(self):
        return scope.restrict(self.queryset.all(), self.request.user, "view")

    def _run(self, func, *args):
        # A refusal (Django's ValidationError, ScopeDenied) is answered by core.api.exceptions.
        return func(*args, acting_user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = self._run(self.create_action, self.queryset.model, dict(serializer.validated_data))

    def perform_update(self, serializer):
        serializer.instance = self._run(self.update_action, serializer.instance, dict(serializer.validated_data))

    def perform_destroy(self, instance):
        self._run(self.delete_action, instance)


class ZoneViewSet(ScopedModelViewSet):
    queryset = Zone.objects.all()
    serializer_class = serializers.ZoneSerializer
    filterset_class = ZoneFilterSet


class ParkViewSet(ScopedModelViewSet):
    queryset = Park.objects.select_related("zone")
    serializer_class = serializers.ParkSerializer
    filterset_class = ParkFilterSet


class UnitViewSet(ScopedModelViewSet):
    queryset = Unit.objects.select_related("zone", "parent")
    serializer_class = serializers.UnitSerializer
    filterset_class = UnitFilterSet

    def perform_update(self, serializer):
        serializer.instance = self._run(actions.update_unit, serializer.instance, dict(serializer.validated_data))


class UserViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = User.objects.select_related("unit").prefetch_related("roles", "zones")
    serializer_class = serializers.UserSerializer
    filterset_class = UserFilterSet

    def get_queryset(self):
        return scope.restrict(self.queryset.all(), self.request.user, "view")


class AuditEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Read-only: the audit log has no write endpoint."""

    queryset = AuditEntry.objects.select_related("content_type")
    serializer_class = serializers.AuditEntrySerializer
    filterset_class = AuditEntryFilterSet

    def get_queryset(self):
        return scope.restrict(self.queryset.all(), self.request.user, "view")


class LockoutAwareTokenView(ObtainAuthToken):
    """POST username/password → token; refused while the account is locked (same rule as the page)."""

    # ObtainAuthToken names DRF's plain JSON parser; the product's limits apply here too.
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES

    def post(self, request, *args, **kwargs):
        until = lockout_until(request.data.get("username"))
        if until is not None:
            raise ValidationError({"non_field_errors": [lockout_message(until)]})
        return super().post(request, *args, **kwargs)


class IndustryViewSet(ScopedModelViewSet):
    """GB/T 4754-2017 industries (read-only reference data)."""

    queryset = Industry.objects.select_related("parent")
    serializer_class = serializers.IndustrySerializer
    filterset_class = IndustryFilterSet
    http_method_names = ["get", "head", "options"]
    pagination_class = None
