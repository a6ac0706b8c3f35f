"""The work API: plans, tasks, reports, assessments under the data-scope rule; workflow as POST endpoints.

Each workflow endpoint (`/api/work/tasks/{id}/assign/`, `accept/`, `report/`, `request-completion/`,
`approve/`, `return/`, `extension/`, `decide-extension/`, `remind/`) calls the same action as the
task page; the action decides who may do it (a refusal is a 403 or 400 with a Chinese message).
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from zonework.core.api.views import ScopedModelViewSet
from zonework.work import actions
from zonework.work.access import visible_reports, visible_tasks
from zonework.work.filtersets import AssessmentFilterSet, PlanFilterSet, ProgressReportFilterSet
from zonework.work.models import Assessment, Plan, ProgressReport, Task

from . import serializers as s


def _create_plan(model, data, *, acting_user):
    return actions.create_plan(data, acting_user=acting_user)


def _create_assessment(model, data, *, acting_user):
    return actions.create_assessment(data, acting_user=acting_user)


class PlanViewSet(ScopedModelViewSet):
    queryset = Plan.objects.select_related("zone")
    serializer_class = s.PlanSerializer
    filterset_class = PlanFilterSet
    create_action = staticmethod(_create_plan)
    update_action = staticmethod(actions.update_plan)
    delete_action = staticmethod(actions.delete_plan)


class TaskViewSet(ScopedModelViewSet):
    queryset = Task.objects.select_related("plan", "lead_unit").prefetch_related("support_units")
    serializer_class = s.TaskSerializer
    filterset_fields = ["plan", "lead_unit", "status", "parent"]
    update_action = staticmethod(actions.update_task)
    delete_action = staticmethod(actions.delete_task)

    def get_queryset(self):
        return visible_tasks(self.request.user, "view", self.queryset.all())

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        plan = data.pop("plan")
        serializer.instance = self._run(actions.create_task, plan, data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if data.get("plan", serializer.instance.plan) != serializer.instance.plan:
            raise ValidationError({"plan": "任务不能移到其他计划。"})
        data.pop("plan", None)
        serializer.instance = self._run(actions.update_task, serializer.instance, data)

    def _step(self, func, body_class=None, **extra):
        task = self.get_object()
        kwargs = dict(extra)
        if body_class is not None:
            body = body_class(data=self.request.data)
            body.is_valid(raise_exception=True)
            kwargs.update(body.validated_data)
        result = func(task, acting_user=self.request.user, **kwargs)
        task.refresh_from_db()
        return result, Response(s.TaskSerializer(task, context={"request": self.request}).data)

    @extend_schema(request=s.NoteSerializer, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def assign(self, request, pk=None):
        return self._step(actions.assign_task, s.NoteSerializer)[1]

    @extend_schema(request=None, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def accept(self, request, pk=None):
        return self._step(actions.accept_task)[1]

    @extend_schema(request=s.ReportSerializer, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def report(self, request, pk=None):
        task = self.get_object()
        body = s.ReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        actions.report_progress(task, dict(body.validated_data), acting_user=request.user)
        task.refresh_from_db()
        return Response(s.TaskSerializer(task, context={"request": request}).data, status=201)

    @extend_schema(request=s.NoteSerializer, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"], url_path="request-completion", permission_classes=[IsAuthenticated])
    def request_completion(self, request, pk=None):
        return self._step(actions.request_completion, s.NoteSerializer)[1]

    @extend_schema(request=s.ApproveSerializer, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def approve(self, request, pk=None):
        return self._step(actions.approve_completion, s.ApproveSerializer)[1]

    @extend_schema(request=s.ReasonSerializer, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"], url_path="return", permission_classes=[IsAuthenticated])
    def return_(self, request, pk=None):
        return self._step(actions.return_task, s.ReasonSerializer)[1]

    @extend_schema(request=s.ExtensionBodySerializer, responses=s.ExtensionRequestSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def extension(self, request, pk=None):
        ext, _ = self._step(actions.request_extension, s.ExtensionBodySerializer)
        return Response(s.ExtensionRequestSerializer(ext).data, status=201)

    @extend_schema(request=s.DecideExtensionSerializer, responses=s.ExtensionRequestSerializer)
    @action(detail=True, methods=["post"], url_path="decide-extension", permission_classes=[IsAuthenticated])
    def decide_extension(self, request, pk=None):
        task = self.get_object()
        body = s.DecideExtensionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ext = get_object_or_404(task.extensions, pk=body.validated_data["extension"])
        actions.decide_extension(ext, acting_user=request.user, approve=body.validated_data["approve"],
                                 note=body.validated_data["note"])
        ext.refresh_from_db()
        return Response(s.ExtensionRequestSerializer(ext).data)

    @extend_schema(request=s.NoteSerializer, responses=s.TaskSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def remind(self, request, pk=None):
        body = s.NoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._step(actions.remind_task, message=body.validated_data["note"])[1]

    @extend_schema(responses=s.TaskTransitionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request, pk=None):
        task = self.get_object()
        return Response(s.TaskTransitionSerializer(task.transitions.all(), many=True).data)


class ProgressReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Reports on the tasks the caller can see; POST files a report through the same action."""

    queryset = ProgressReport.objects.select_related("task", "unit")
    serializer_class = s.ProgressReportSerializer
    filterset_class = ProgressReportFilterSet

    def get_queryset(self):
        return visible_reports(self.request.user, self.queryset.all())

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        task = get_object_or_404(visible_tasks(self.request.user), pk=data.pop("task").pk)
        serializer.instance = actions.report_progress(task, data, acting_user=self.request.user)


class AssessmentViewSet(ScopedModelViewSet):
    queryset = Assessment.objects.select_related("zone")
    serializer_class = s.AssessmentSerializer
    filterset_class = AssessmentFilterSet
    create_action = staticmethod(_create_assessment)
    update_action = staticmethod(actions.update_assessment)

    @extend_schema(request=None, responses=s.AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def recompute(self, request, pk=None):
        assessment = self.get_object()
        actions.recompute_assessment(assessment, acting_user=request.user)
        assessment.refresh_from_db()
        return Response(s.AssessmentSerializer(assessment).data)
