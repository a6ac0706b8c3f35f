from rest_framework import mixins, viewsets

from zonework.core import scope
from zonework.core.api.views import ScopedModelViewSet
from zonework.economy import actions
from zonework.economy.filtersets import (
    IndicatorFilterSet,
    ObservationFilterSet,
    StatisticsUploadFilterSet,
    TargetFilterSet,
    TrackedIndicatorFilterSet,
)
from zonework.economy.models import Indicator, Observation, StatisticsUpload, Target, TrackedIndicator

from . import serializers


class IndicatorViewSet(ScopedModelViewSet):
    queryset = Indicator.objects.all()
    serializer_class = serializers.IndicatorSerializer
    filterset_class = IndicatorFilterSet


class TargetViewSet(ScopedModelViewSet):
    queryset = Target.objects.select_related("indicator")
    serializer_class = serializers.TargetSerializer
    filterset_class = TargetFilterSet

    def perform_create(self, serializer):
        serializer.instance = self._run(actions.create_target, dict(serializer.validated_data))


class ObservationViewSet(ScopedModelViewSet):
    queryset = Observation.objects.select_related("indicator")
    serializer_class = serializers.ObservationSerializer
    filterset_class = ObservationFilterSet

    def perform_create(self, serializer):
        serializer.instance = self._run(actions.create_observation, dict(serializer.validated_data))


class TrackedIndicatorViewSet(ScopedModelViewSet):
    queryset = TrackedIndicator.objects.select_related("indicator")
    serializer_class = serializers.TrackedIndicatorSerializer
    filterset_class = TrackedIndicatorFilterSet
    http_method_names = ["get", "post", "delete", "head", "options"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        added = self._run(actions.track_indicators, data["zone"], [data["indicator"]])
        serializer.instance = added[0] if added else TrackedIndicator.objects.get(zone=data["zone"],
                                                                                  indicator=data["indicator"])


class StatisticsUploadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = StatisticsUpload.objects.all()
    serializer_class = serializers.StatisticsUploadSerializer
    filterset_class = StatisticsUploadFilterSet

    def get_queryset(self):
        return scope.restrict(self.queryset.all(), self.request.user, "view")
