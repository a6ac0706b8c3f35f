import datetime

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from zonework.core import clock
from zonework.core.api.views import ScopedModelViewSet
from zonework.investment import actions, figures, stall
from zonework.investment.filtersets import (
    InvestmentProjectFilterSet,
    MajorProjectFilterSet,
    MajorProjectYearFilterSet,
    PaidInFilterSet,
    StageChangeFilterSet,
)
from zonework.investment.models import (
    InvestmentProject,
    MajorProject,
    MajorProjectYear,
    PaidIn,
    StageChange,
)

from . import serializers

READ_ONLY = ["get", "head", "options"]


PERIOD = [OpenApiParameter("year", int), OpenApiParameter("month", int, description="截至月份（不填为全年）"),
          OpenApiParameter("date_from", str), OpenApiParameter("date_to", str),
          OpenApiParameter("zone", int, description="开发区编号")]


def _period(request):
    today = clock.today()
    try:
        year = int(request.query_params.get("year") or today.year)
        month = request.query_params.get("month")
        date_from, date_to = figures.year_period(year, int(month) if month else None)
        if request.query_params.get("date_from"):
            date_from = datetime.date.fromisoformat(request.query_params["date_from"])
        if request.query_params.get("date_to"):
            date_to = datetime.date.fromisoformat(request.query_params["date_to"])
    except ValueError:
        raise ValidationError({"detail": "期间格式不正确：year为年份，month为1–12，日期为YYYY-MM-DD。"}) from None
    return date_from, date_to


class InvestmentProjectViewSet(ScopedModelViewSet):
    """Investment projects; the stage changes only through POST change-stage."""

    queryset = InvestmentProject.objects.select_related("zone", "unit", "park", "industry", "officer")
    serializer_class = serializers.InvestmentProjectSerializer
    filterset_class = InvestmentProjectFilterSet
    delete_action = staticmethod(actions.delete_project)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        stage = data.pop("initial_stage", "lead")
        day = data.pop("initial_stage_date", None)
        serializer.instance = self._run(lambda acting_user: actions.create_project(
            data, acting_user=acting_user, stage=stage, stage_date=day))

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("initial_stage", None)
        data.pop("initial_stage_date", None)
        serializer.instance = self._run(actions.update_project, serializer.instance, data)

    def _scoped_zone(self, qs):
        zone = self.request.query_params.get("zone")
        return qs.filter(zone_id=zone) if zone and zone.isdigit() else qs

    @extend_schema(request=serializers.ChangeStageRequestSerializer, responses=serializers.StageChangeSerializer)
    @action(detail=True, methods=["post"], url_path="change-stage")
    def change_stage(self, request, pk=None):
        project = self.get_object()
        body = serializers.ChangeStageRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        change = actions.change_stage(project, body.validated_data["to_stage"], date=body.validated_data.get("date"),
                                      reason=body.validated_data.get("reason", ""), acting_user=request.user)
        return Response(serializers.StageChangeSerializer(change).data, status=201)

    @extend_schema(request=serializers.PaidInRequestSerializer, responses=serializers.PaidInSerializer)
    @action(detail=True, methods=["post"], url_path="paid-in")
    def paid_in(self, request, pk=None):
        project = self.get_object()
        body = serializers.PaidInRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        row = actions.record_paid_in(project, body.validated_data["month"], body.validated_data["amount"],
                                     currency=body.validated_data.get("currency"), acting_user=request.user)
        return Response(serializers.PaidInSerializer(row).data, status=201)

    @extend_schema(parameters=[*PERIOD, OpenApiParameter("by", str, enum=list(figures.GROUPS))], responses=dict)
    @action(detail=False, methods=["get"])
    def figures(self, request):
        """Signed, agreed and paid-in per currency, 资金到位率, 开工率, 投产率 for a period (see figures.py)."""
        date_from, date_to = _period(request)
        by = request.query_params.get("by") or None
        if by and by not in figures.GROUPS:
            raise ValidationError({"by": f"分组应为：{'、'.join(figures.GROUPS)}。"})
        rows = figures.compute(self._scoped_zone(self.get_queryset()), date_from, date_to, by=by)
        return Response({"date_from": date_from, "date_to": date_to, "by": by,
                         "total": rows[0].as_dict(), "groups": [r.as_dict() for r in rows[1:]]})

    @extend_schema(parameters=PERIOD, responses=dict)
    @action(detail=False, methods=["get"])
    def funnel(self, request):
        date_from, date_to = _period(request)
        rows, terminated = figures.funnel(self._scoped_zone(self.get_queryset()), date_from, date_to)
        return Response({"date_from": date_from, "date_to": date_to, "terminated": terminated,
                         "stages": [{"stage": s, "label": label, "count": c} for s, label, c in rows]})

    @extend_schema(parameters=[OpenApiParameter("mine", bool)], responses=dict)
    @action(detail=False, methods=["get"])
    def stalled(self, request):
        qs = self._scoped_zone(self.get_queryset())
        if request.query_params.get("mine") in {"1", "true"}:
            qs = qs.filter(officer=request.user)
        # Paginated like every list: a zone with thousands of old leads answers one page, counted in SQL.
        today = clock.today()
        page = self.paginate_queryset(stall.stalled_queryset(qs, today))
        return self.get_paginated_response([
            {"id": p.pk, "name": p.name, "stage": p.stage, "stage_date": p.stage_date,
             "light": stall.stall_light(p.stage_date, today, stage=p.stage), "officer": p.officer_id,
             "unit": p.unit_id} for p in page])


class StageChangeViewSet(ScopedModelViewSet):
    """Stage history (read-only: moves are made with POST /projects/{id}/change-stage/)."""

    queryset = StageChange.objects.select_related("project", "by")
    serializer_class = serializers.StageChangeSerializer
    filterset_class = StageChangeFilterSet
    http_method_names = READ_ONLY


class PaidInViewSet(ScopedModelViewSet):
    queryset = PaidIn.objects.select_related("project")
    serializer_class = serializers.PaidInSerializer
    filterset_class = PaidInFilterSet

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = self._run(lambda acting_user: actions.record_paid_in(
            data["project"], data["month"], data["amount"], currency=data.get("currency"), acting_user=acting_user))


class MajorProjectViewSet(ScopedModelViewSet):
    queryset = MajorProject.objects.select_related("zone", "unit", "investment_project")
    serializer_class = serializers.MajorProjectSerializer
    filterset_class = MajorProjectFilterSet


class MajorProjectYearViewSet(ScopedModelViewSet):
    queryset = MajorProjectYear.objects.select_related("major_project")
    serializer_class = serializers.MajorProjectYearSerializer
    filterset_class = MajorProjectYearFilterSet
