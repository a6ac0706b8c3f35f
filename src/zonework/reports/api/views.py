"""API: generate one report (JSON with every figure's source, or the file), and background jobs."""

from urllib.parse import quote

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from zonework.core import scope
from zonework.core.validation import error_messages

from .. import actions
from ..common import ReportError, model, visible_zones
from ..generate import generate
from ..models import ReportJob
from ..views import DOCX, PDF, XLSX
from .serializers import ReportJobSerializer, ReportQuerySerializer


class ReportView(APIView):
    """GET /api/reports/report/?kind=summary&zone=1&year=2012[&month=6][&output=json|docx|pdf|xlsx|html]"""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[ReportQuerySerializer], responses={200: dict})
    def get(self, request):
        query = ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        if not (request.user.has_perm("reports.view_reportjob") or request.user.has_perm("reports.add_reportjob")):
            raise PermissionDenied("您没有生成报告的权限。")
        zone = visible_zones(request.user).filter(pk=data["zone"]).first()
        if zone is None:
            raise PermissionDenied("您没有查看该开发区报告的权限：该开发区不存在或不在您的数据范围内。")
        plan = None
        if data.get("plan"):
            Plan = model("work", "Plan")
            plan = Plan.objects.filter(pk=data["plan"], zone=zone).first() if Plan else None
            if plan is None:
                raise ValidationError({"plan": ["该计划不存在或不属于所选开发区。"]})
        try:
            out = generate(data["kind"], zone, data["year"], data.get("month"), user=request.user, plan=plan,
                           period=(data.get("date_from"), data.get("date_to")))
        except ReportError as exc:
            raise ValidationError({"detail": error_messages(exc)}) from exc
        except scope.ScopeDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        fmt = data["output"]
        if fmt == "pdf":
            try:
                payload = out.pdf
            except ReportError as exc:
                raise ValidationError({"output": error_messages(exc)}) from exc
            response = HttpResponse(payload, content_type=PDF)
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(out.filename('pdf'))}"
            return response
        if fmt in ("docx", "xlsx"):
            payload = out.docx if fmt == "docx" else out.xlsx
            if payload is None:
                raise ValidationError({"output": ["只有经济运行月报提供Excel附表。"]})
            response = HttpResponse(payload, content_type=DOCX if fmt == "docx" else XLSX)
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(out.filename(fmt))}"
            return response
        if fmt == "html":
            return HttpResponse(out.html(), content_type="text/html; charset=utf-8")
        return Response({
            "kind": out.kind, "zone": zone.pk, "year": out.year, "month": out.month,
            "title": out.report.title.lines, "text": out.report.plain_text(), "notes": out.report.notes,
            "figures": [{"text": f.text, "source": f.source, "href": f.href, "ref": f.ref}
                        for f in out.report.figures],
            "filename": out.filename("docx"),
        })


class ReportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       viewsets.GenericViewSet):
    """Background jobs: create with {kind, zones, year, month}; poll the row for status and progress."""

    queryset = ReportJob.objects.all()
    serializer_class = ReportJobSerializer
    filterset_fields = ["kind", "status", "year"]

    def get_queryset(self):
        return scope.restrict(self.queryset.all(), self.request.user, "view")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ids = data["zones"]
        zones = list(visible_zones(request.user).filter(pk__in=ids))
        if len(zones) != len(set(ids)):
            raise PermissionDenied("所选开发区中有不存在或不在您数据范围内的开发区。")
        try:
            job = actions.start_job(kind=data["kind"], zones=zones, year=data["year"], month=data.get("month"),
                                    with_pdf=data.get("with_pdf", False), acting_user=request.user)
        except scope.ScopeDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise ValidationError({"detail": error_messages(exc)}) from exc
        return Response(self.get_serializer(job).data, status=status.HTTP_201_CREATED)
