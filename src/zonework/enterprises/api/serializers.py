from rest_framework import serializers

from zonework.core.api.serializers import ScopedSerializer
from zonework.enterprises.models import Enterprise, LiaisonVisit, ServiceRequest


class EnterpriseSerializer(ScopedSerializer):
    class Meta:
        model = Enterprise
        fields = ["id", "zone", "unit", "name", "credit_code", "industry", "park", "above_scale", "high_tech", "listed",
                  "contact_name", "contact_phone", "address", "liaison_leader", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The credit code is checked by the model (GB 32100-2015), with its own Chinese message.
        self.fields["credit_code"].validators = []


class LiaisonVisitSerializer(ScopedSerializer):
    class Meta:
        model = LiaisonVisit
        fields = ["id", "enterprise", "leader", "date", "summary", "issues", "created_at"]
        extra_kwargs = {"leader": {"required": False}, "date": {"required": False}}


class ServiceRequestSerializer(ScopedSerializer):
    light = serializers.SerializerMethodField()
    due = serializers.SerializerMethodField()

    class Meta:
        model = ServiceRequest
        fields = ["id", "zone", "unit", "enterprise", "category", "title", "text", "received_date", "is_complex",
                  "state", "clock_date", "assigned_date", "started_date", "replied_date", "closed_date", "reply",
                  "satisfaction", "satisfaction_by", "satisfaction_date", "reopen_count", "light", "due", "created_at", "updated_at"]
        read_only_fields = ["state", "clock_date", "assigned_date", "started_date", "replied_date", "closed_date",
                            "reply", "satisfaction", "satisfaction_by", "satisfaction_date", "reopen_count"]

    def get_light(self, obj) -> dict:
        light, note = obj.light()
        return {"light": light, "note": note}

    def get_due(self, obj) -> dict:
        return {k: v.isoformat() for k, v in obj.due_dates().items()}


class TransitionSerializer(serializers.Serializer):
    date = serializers.DateField(required=False)
    unit = serializers.IntegerField(required=False, help_text="交办时的承办单位编号")
    reply = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True)
    satisfaction = serializers.IntegerField(required=False, allow_null=True)
    rated_by = serializers.CharField(required=False, allow_blank=True, help_text="给出满意度评价的企业联系人")
