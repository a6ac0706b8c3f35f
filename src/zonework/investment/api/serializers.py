from rest_framework import serializers

from zonework.core.api.serializers import ScopedSerializer
from zonework.investment.choices import Currency, Stage
from zonework.investment.models import (
    InvestmentProject,
    MajorProject,
    MajorProjectYear,
    PaidIn,
    StageChange,
)


class InvestmentProjectSerializer(ScopedSerializer):
    counted_investment = serializers.DecimalField(max_digits=16, decimal_places=4, read_only=True)
    stall_light = serializers.SerializerMethodField()
    initial_stage = serializers.ChoiceField(choices=Stage.choices, write_only=True, required=False,
                                            help_text="新建时的阶段（默认线索）；之后只能通过 change-stage 调整。")
    initial_stage_date = serializers.DateField(write_only=True, required=False)

    class Meta:
        model = InvestmentProject
        fields = ["id", "zone", "unit", "name", "investor", "origin", "country_region", "fortune500",
                  "listed_company", "industry", "park", "officer", "agreed_investment", "currency",
                  "is_capital_increase", "added_amount", "counted_investment", "land_area", "expected_signing_date",
                  "expected_construction_date", "expected_production_date", "stage", "stage_date", "stall_light",
                  "provenance", "notes", "initial_stage", "initial_stage_date", "created_at", "updated_at"]
        read_only_fields = ["stage", "stage_date", "provenance"]

    def get_stall_light(self, obj) -> str | None:
        from zonework.investment.stall import stall_light

        return stall_light(obj.stage_date, stage=obj.stage)


class StageChangeSerializer(ScopedSerializer):
    class Meta:
        model = StageChange
        fields = ["id", "project", "from_stage", "to_stage", "date", "by", "reason", "created_at"]
        read_only_fields = fields


class ChangeStageRequestSerializer(serializers.Serializer):
    to_stage = serializers.ChoiceField(choices=Stage.choices)
    date = serializers.DateField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PaidInSerializer(ScopedSerializer):
    class Meta:
        model = PaidIn
        fields = ["id", "project", "month", "amount", "currency", "created_at", "updated_at"]


class PaidInRequestSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    amount = serializers.CharField()
    currency = serializers.ChoiceField(choices=Currency.choices, required=False)


class MajorProjectSerializer(ScopedSerializer):
    light = serializers.SerializerMethodField()

    class Meta:
        model = MajorProject
        fields = ["id", "zone", "unit", "name", "investment_project", "park", "total_investment",
                  "construction_start_planned", "construction_start_actual", "completion_planned",
                  "completion_actual", "production_start_planned", "production_start_actual", "light", "notes",
                  "created_at", "updated_at"]

    def get_light(self, obj) -> dict:
        from zonework.investment.milestones import major_project_light

        light, note = major_project_light(obj)
        return {"light": light, "note": note}


class MajorProjectYearSerializer(ScopedSerializer):
    class Meta:
        model = MajorProjectYear
        fields = ["id", "major_project", "year", "planned_investment", "completed_investment", "created_at",
                  "updated_at"]
