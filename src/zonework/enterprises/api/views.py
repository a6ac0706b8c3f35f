import datetime

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from zonework.core import clock
from zonework.core.api.views import ScopedModelViewSet
from zonework.core.models import Unit
from zonework.enterprises import actions
from zonework.enterprises.figures import unit_figures
from zonework.enterprises.filtersets import (
    EnterpriseFilterSet,
    LiaisonVisitFilterSet,
    ServiceRequestFilterSet,
)
from zonework.enterprises.models import Enterprise, LiaisonVisit, ServiceRequest

from . import serializers


class EnterpriseViewSet(ScopedModelViewSet):
    queryset = Enterprise.objects.select_related("zone", "unit", "industry", "park", "liaison_leader")
    serializer_class = serializers.EnterpriseSerializer
    filterset_class = EnterpriseFilterSet


class LiaisonVisitViewSet(ScopedModelViewSet):
    queryset = LiaisonVisit.objects.select_related("enterprise", "leader")
    serializer_class = serializers.LiaisonVisitSerializer
    filterset_class = LiaisonVisitFilterSet

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        enterprise = data.pop("enterprise")
        serializer.instance = self._run(lambda acting_user: actions.record_visit(enterprise, data,
                                                                                 acting_user=acting_user))


def _step(name):
    def step(self, request, pk=None):
        req = self.get_object()
        body = serializers.TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        if "unit" in data:
            data["unit"] = Unit.objects.filter(pk=data["unit"]).first()
        req = actions.transition(req, name, acting_user=request.user, **data)
        return Response(serializers.ServiceRequestSerializer(req).data)

    step.__name__ = name
    step.__doc__ = f"诉求流转：{actions.STEP_NAMES[name]}。"
    step = action(detail=True, methods=["post"], url_path=name, url_name=name)(step)
    return extend_schema(request=serializers.TransitionSerializer, responses=serializers.ServiceRequestSerializer)(step)


class ServiceRequestViewSet(ScopedModelViewSet):
    """Service requests; steps are POST assign / start / reply / close / reopen."""

    queryset = ServiceRequest.objects.select_related("enterprise", "unit")
    serializer_class = serializers.ServiceRequestSerializer
    filterset_class = ServiceRequestFilterSet
    create_action = staticmethod(lambda model, data, acting_user: actions.receive_request(data, acting_user=acting_user))

    assign = _step("assign")
    start = _step("start")
    reply = _step("reply")
    close = _step("close")
    reopen = _step("reopen")

    @extend_schema(parameters=[OpenApiParameter("date_from", str), OpenApiParameter("date_to", str)], responses=dict)
    @action(detail=False, methods=["get"])
    def figures(self, request):
        """Per handling unit: received, median working days to reply, on-time rate, satisfaction."""
        today = clock.today()
        try:
            date_from = datetime.date.fromisoformat(request.query_params.get("date_from") or f"{today.year}-01-01")
            date_to = datetime.date.fromisoformat(request.query_params.get("date_to") or today.isoformat())
        except ValueError:
            raise ValidationError({"detail": "日期格式不正确，应为YYYY-MM-DD。"}) from None
        rows = unit_figures(self.get_queryset(), date_from, date_to, today)
        return Response({"date_from": date_from, "date_to": date_to, "total": rows[0].as_dict(),
                         "units": [r.as_dict() for r in rows[1:]]})
