from rest_framework import serializers

from zonework.core.api.serializers import ScopedSerializer
from zonework.returns.models import ReturnFigure, ReturnFiling


class ReturnFigureSerializer(serializers.ModelSerializer):
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = ReturnFigure
        fields = ["id", "indicator", "indicator_name", "ytd_value", "yoy_pct", "value_unit", "note", "status",
                  "return_reason"]


class ReturnFilingSerializer(ScopedSerializer):
    form_name = serializers.CharField(source="form.name", read_only=True)
    zone_name = serializers.CharField(source="zone.name", read_only=True)
    period_label = serializers.CharField(read_only=True)
    due_date = serializers.DateField(read_only=True)
    late = serializers.SerializerMethodField()
    figures = ReturnFigureSerializer(many=True, read_only=True)

    class Meta:
        model = ReturnFiling
        fields = ["id", "form", "form_name", "zone", "zone_name", "year", "period", "period_label", "status",
                  "due_date", "late", "submitted_at", "reviewed_at", "figures", "created_at", "updated_at"]

    def get_late(self, obj) -> bool:
        return obj.is_late()
