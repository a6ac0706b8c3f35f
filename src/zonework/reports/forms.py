
from django import forms
from django.utils.translation import gettext_lazy as _

from zonework.core import clock

from .choices import ReportKind
from .common import visible_zones
from .docx_format import SECRECY_LEVELS, URGENCY_LEVELS

LAYOUT_FIELDS = ("masthead", "letter", "number", "signer", "recipient", "copy_to", "secrecy", "secrecy_term",
                 "urgency", "copy_number")


class LayoutFields(forms.Form):
    """GB/T 9704 版头 and 版记 of one document (all off unless chosen): mixed into the report forms."""

    masthead = forms.BooleanField(label=_("加版头和版记"), required=False,
                                  help_text=_("红色发文机关标志、发文字号、分隔线；文末印发机关和印发日期。"))
    letter = forms.BooleanField(label=_("信函格式"), required=False)
    number = forms.IntegerField(label=_("发文字号序号"), required=False, min_value=1, max_value=99999,
                                help_text=_("留空则用建议的下一个序号；下载时登记，不能与他文重号。"),
                                error_messages={"min_value": _("发文字号序号应为正整数。"),
                                                "max_value": _("发文字号序号不超过99999。"),
                                                "invalid": _("发文字号序号应为正整数。")})
    signer = forms.CharField(label=_("签发人（上行文）"), required=False, max_length=20,
                             error_messages={"max_length": _("签发人不超过20个字。")})
    recipient = forms.CharField(label=_("主送机关"), required=False, max_length=200,
                                error_messages={"max_length": _("主送机关不超过200个字。")})
    copy_to = forms.CharField(label=_("抄送机关"), required=False, max_length=300,
                              help_text=_("留空则用本开发区公文设置中的默认抄送机关。"),
                              error_messages={"max_length": _("抄送机关不超过300个字。")})
    secrecy = forms.ChoiceField(label=_("密级"), required=False,
                                choices=[("", _("（不标注）"))] + [(x, x) for x in SECRECY_LEVELS])
    secrecy_term = forms.CharField(label=_("保密期限"), required=False, max_length=10,
                                   error_messages={"max_length": _("保密期限不超过10个字。")})
    urgency = forms.ChoiceField(label=_("紧急程度"), required=False,
                                choices=[("", _("（不标注）"))] + [(x, x) for x in URGENCY_LEVELS])
    copy_number = forms.RegexField(label=_("份号"), required=False, regex=r"^\d{6}$",
                                   error_messages={"invalid": _("份号应为6位阿拉伯数字，如000001。")})

    def layout_options(self):
        """The cleaned layout choices as DocumentOptions (None when no 版头 and no 主送机关)."""
        from .official import DocumentOptions

        d = self.cleaned_data
        if not d.get("masthead") and not (d.get("recipient") or "").strip():
            return None
        return DocumentOptions(
            masthead=bool(d.get("masthead")), number=d.get("number"), signer=d.get("signer") or "",
            recipient=d.get("recipient") or "", copy_to=(d.get("copy_to") or None),
            secrecy=d.get("secrecy") or "", secrecy_term=d.get("secrecy_term") or "",
            urgency=d.get("urgency") or "", copy_number=d.get("copy_number") or "",
            letter=bool(d.get("letter")))

    def clean(self):
        data = super().clean()
        if data.get("secrecy_term") and not data.get("secrecy"):
            self.add_error("secrecy_term", _("填写了保密期限，请同时选择密级。"))
        return data

    @property
    def basic_fields(self):
        return [f for f in self.visible_fields() if f.name not in LAYOUT_FIELDS]

    @property
    def layout_fields(self):
        return [f for f in self.visible_fields() if f.name in LAYOUT_FIELDS]


class ReportForm(LayoutFields):
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
            field.widget.attrs.setdefault("class", "form-check-input" if isinstance(
                field.widget, forms.CheckboxInput) else "form-select form-select-sm" if isinstance(
                field.widget, forms.Select) else "form-control form-control-sm")


class JobForm(LayoutFields):
    """Reports for many zones at once, generated in the background; with a 版头, each zone's own
    settings and its own next 发文字号 (so no number, 签发人 or 份号 is chosen here)."""

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
        for name in ("number", "signer", "copy_number", "letter"):
            del self.fields[name]
        self.fields["zones"].queryset = visible_zones(user).order_by("name")
        self.fields["zones"].widget.attrs.update({"class": "form-select form-select-sm", "size": 6})
        for name in ("masthead",):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        for name in ("recipient", "copy_to", "secrecy_term"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"
        for name in ("secrecy", "urgency"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        for name in ("kind",):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        for name in ("year", "month"):
            self.fields[name].widget.attrs["class"] = "form-control form-control-sm"


class DocumentSettingsForm(forms.ModelForm):
    """A zone's 公文 settings: 发文机关标志, 发文机关代字, 印发机关, 默认抄送机关, 本年起始序号."""

    class Meta:
        from .models import DocumentSettings

        model = DocumentSettings
        fields = ["mark", "number_prefix", "printer", "copy_to", "first_number"]
        error_messages = {
            "mark": {"required": _("请填写发文机关标志。"), "max_length": _("发文机关标志不超过40个字。")},
            "number_prefix": {"required": _("请填写发文机关代字。"), "max_length": _("发文机关代字不超过12个字。")},
            "printer": {"required": _("请填写印发机关。"), "max_length": _("印发机关不超过60个字。")},
            "copy_to": {"max_length": _("抄送机关不超过300个字。")},
            "first_number": {"invalid": _("起始序号应为正整数。"), "min_value": _("起始序号应为正整数。"),
                             "max_value": _("起始序号不超过99999。")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")
