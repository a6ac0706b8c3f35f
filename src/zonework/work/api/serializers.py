from django.urls import reverse
from rest_framework import serializers

from zonework.core.api.serializers import ScopedSerializer
from zonework.work.lights import task_light
from zonework.work.models import Assessment, ExtensionRequest, Plan, ProgressReport, Task, TaskTransition


class PlanSerializer(ScopedSerializer):
    class Meta:
        model = Plan
        fields = ["id", "zone", "title", "kind", "year", "start_date", "end_date", "source", "source_document_id",
                  "provenance", "yellow_days", "red_missed_reports", "behind_tolerance", "remind_days", "created_at",
                  "updated_at"]


class TaskSerializer(ScopedSerializer):
    light = serializers.SerializerMethodField()
    light_reasons = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = ["id", "plan", "parent", "number", "position", "title", "text", "lead_unit", "support_units",
                  "leader", "start_date", "deadline", "report_cycle", "report_day", "weight", "progress", "status",
                  "light", "light_reasons", "assigned_at", "accepted_at", "last_report_date",
                  "completion_requested_at", "done_at", "returned_count", "quality_score", "provenance",
                  "created_at", "updated_at"]
        read_only_fields = ["progress", "status", "assigned_at", "accepted_at", "last_report_date",
                            "completion_requested_at", "done_at", "returned_count", "quality_score"]

    def _light(self, obj):
        if not hasattr(obj, "_light_result"):
            obj._light_result = task_light(obj)
        return obj._light_result

    def get_light(self, obj) -> str:
        return self._light(obj).light

    def get_light_reasons(self, obj) -> list[str]:
        return list(self._light(obj).reasons)


class ProgressReportSerializer(ScopedSerializer):
    class Meta:
        model = ProgressReport
        fields = ["id", "task", "unit", "author", "date", "text", "progress", "attachment", "created_at"]
        read_only_fields = ["unit", "author", "date", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The range is checked by the action, with its Chinese message.
        self.fields["progress"].validators = []
        self.fields["progress"].max_value = self.fields["progress"].min_value = None

    def to_representation(self, instance):
        # Uploads are not served from /media/: the link is the download view, which checks the scope.
        data = super().to_representation(instance)
        if instance.attachment:
            url = reverse("work:report_attachment", args=[instance.pk])
            request = self.context.get("request")
            data["attachment"] = request.build_absolute_uri(url) if request else url
        return data


class TaskTransitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskTransition
        fields = ["id", "task", "event", "from_status", "to_status", "at", "by", "reason"]


class ExtensionRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExtensionRequest
        fields = ["id", "task", "requested_by", "old_deadline", "new_deadline", "reason", "status", "decided_by",
                  "decided_at", "decision_note"]


class AssessmentSerializer(ScopedSerializer):
    class Meta:
        model = Assessment
        fields = ["id", "zone", "year", "title", "on_time_points", "punctuality_points", "quality_points",
                  "warning_points", "yellow_deduction", "red_deduction", "late_credit", "unrated_quality", "results",
                  "computed_at", "created_at", "updated_at"]
        read_only_fields = ["results", "computed_at"]


# Bodies of the workflow endpoints.
class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReportSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
    progress = serializers.DecimalField(max_digits=7, decimal_places=2)
    attachment = serializers.FileField(required=False)


class ApproveSerializer(serializers.Serializer):
    quality_score = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ExtensionBodySerializer(serializers.Serializer):
    new_deadline = serializers.DateField()
    reason = serializers.CharField(allow_blank=True)


class DecideExtensionSerializer(serializers.Serializer):
    extension = serializers.IntegerField()
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
