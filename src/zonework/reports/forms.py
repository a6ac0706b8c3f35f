
from django import forms
from django.utils.translation import gettext_lazy as _

from zonework.core import clock

from .choices import ReportKind
from .common import visible_zones


class ReportForm(forms.Form):
    """Which report: kind, zone, period (and, for a plan document, which plan)."""

    kind = forms.ChoiceField(label=_("报告类型"), choices=ReportKind.choices, initial=ReportKind.SUMMARY)
    zone = forms.ModelChoiceField(label=_("开发区"), queryset=None, empty_label=None,
                                  error_messages={"invalid_choice": _("该开发区不存在或不在您的数据范围内。")})
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100,
                              error_messages={"min_value": _("年份不能早于2000年。"),
                                              "max_value": _("年份不能晚于2100年。"),
                                              "invalid": _("请填写四位数字年份。")})
    month = forms.IntegerField(label=_("月份"), min_value=1, max_value=12, required=False,
                               help_text=_("经济运行月报、招商引资月报须选择月份；督查通报不选月份时按全年。"),
                               error_messages={"min_value": _("月份应为1至12。"), "max_value": _("月份应为1至12。")})
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                help_text=_("督查通报可按自定义期间生成：填写起止日期时不看年份和月份。"),
                                error_messages={"invalid": _("起始日期格式应为YYYY-MM-DD。")})
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"invalid": _("截止日期格式应为YYYY-MM-DD。")})
    plan = forms.IntegerField(label=_("计划"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = visible_zones(user).order_by("name")
        # Both reports are about a period gone by: a bulletin's month must be over, and a summary is
        # written for the year the latest ended month belongs to (last year's in January).
        self.fields["year"].initial, self.fields["month"].initial = clock.last_ended_month()
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if isinstance(
                field.widget, forms.Select) else "form-control form-control-sm")


class JobForm(forms.Form):
    """Reports for many zones at once, generated in the background."""

    kind = forms.ChoiceField(label=_("报告类型"), choices=ReportKind.choices)
    zones = forms.ModelMultipleChoiceField(label=_("开发区"), queryset=None,
                                           error_messages={"required": _("请至少选择一个开发区。"),
                                                           "invalid_choice": _("所选开发区不在您的数据范围内。")})
    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("月份"), min_value=1, max_value=12, required=False)
    with_pdf = forms.BooleanField(label=_("同时生成PDF"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["with_pdf"].widget.attrs["class"] = "form-check-input d-block"
        self.fields["zones"].queryset = visible_zones(user).order_by("name")
        self.fields["zones"].widget.attrs.update({"class": "form-select form-select-sm", "size": 6})
        for name in ("kind",):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        for name in ("year", "month"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"
