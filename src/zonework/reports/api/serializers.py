from rest_framework import serializers

from zonework.core.api.serializers import ScopedSerializer

from ..choices import ReportKind
from ..models import ReportJob


class ReportJobSerializer(ScopedSerializer):
    percent = serializers.IntegerField(read_only=True)
    seconds = serializers.FloatField(read_only=True)
    zones = serializers.ListField(child=serializers.IntegerField(), write_only=True,
                                  help_text="要生成报告的开发区编号列表。")

    class Meta:
        model = ReportJob
        fields = ["id", "kind", "year", "month", "with_pdf", "zones", "zone_ids", "status", "progress_current", "progress_total",
                  "percent", "started_at", "finished_at", "seconds", "results", "error", "zone", "unit",
                  "created_by", "created_at"]
        read_only_fields = ["zone_ids", "status", "progress_current", "progress_total", "started_at", "finished_at",
                            "results", "error", "zone", "unit", "created_by", "created_at"]


class ReportQuerySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices, error_messages={
        "invalid_choice": "报告类型应为 summary（工作总结）、plan（工作要点）、bulletin（经济运行月报）、"
                          "supervision（督查通报）或 investment（招商引资月报）。"})
    zone = serializers.IntegerField()
    year = serializers.IntegerField(error_messages={"invalid": "请填写四位数字年份。"})
    month = serializers.IntegerField(required=False, allow_null=True)
    plan = serializers.IntegerField(required=False, allow_null=True)
    date_from = serializers.DateField(required=False, allow_null=True, help_text="督查通报的自定义期间：起始日期。",
                                      error_messages={"invalid": "起始日期格式应为YYYY-MM-DD。"})
    date_to = serializers.DateField(required=False, allow_null=True, help_text="督查通报的自定义期间：截止日期。",
                                    error_messages={"invalid": "截止日期格式应为YYYY-MM-DD。"})
    output = serializers.ChoiceField(choices=["json", "docx", "pdf", "xlsx", "html"], default="json",
                                     help_text="json（文本与每个数字的来源）、docx、pdf（归档，字体嵌入）、"
                                               "xlsx（月报附表）或 html（预览）。")
