from rest_framework import serializers

from zonework.core.api.serializers import ScopedSerializer
from zonework.economy.models import Indicator, Observation, StatisticsUpload, Target, TrackedIndicator


class IndicatorSerializer(ScopedSerializer):
    aliases = serializers.ListField(child=serializers.CharField(max_length=100), required=False)

    class Meta:
        model = Indicator
        fields = ["id", "code", "name", "aliases", "family", "unit", "kind", "price_basis", "higher_is_better",
                  "allows_negative", "sort_order", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].validators = []


class SourceMixin(serializers.Serializer):
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    source_url = serializers.SerializerMethodField()

    def get_source_url(self, obj) -> str | None:
        return obj.source_url()


class TargetSerializer(SourceMixin, ScopedSerializer):
    class Meta:
        model = Target
        fields = ["id", "zone", "indicator", "indicator_name", "year", "recurring", "value", "value_unit",
                  "growth_pct", "bound", "stretch_pct", "unit", "source", "document", "provenance", "source_url",
                  "note", "created_at", "updated_at"]
        read_only_fields = ["source", "document", "provenance"]


class ObservationSerializer(SourceMixin, ScopedSerializer):
    class Meta:
        model = Observation
        fields = ["id", "zone", "indicator", "indicator_name", "year", "month", "month_value", "ytd_value",
                  "value_unit", "yoy_pct", "source", "upload", "document", "provenance", "source_url", "unit",
                  "created_at", "updated_at"]
        read_only_fields = ["source", "upload", "document", "provenance"]


class TrackedIndicatorSerializer(ScopedSerializer):
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = TrackedIndicator
        fields = ["id", "zone", "indicator", "indicator_name", "sort_order"]


class StatisticsUploadSerializer(ScopedSerializer):
    class Meta:
        model = StatisticsUpload
        fields = ["id", "zone", "year", "month", "filename", "status", "rows", "created_by", "created_at",
                  "committed_at"]
