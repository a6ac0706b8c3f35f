from django import forms
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.forms import DATE, ZoneDefaultsMixin, zone_users

from .choices import Stage
from .models import InvestmentProject, MajorProject, MajorProjectYear


class InvestmentProjectForm(ZoneDefaultsMixin, forms.ModelForm):
    class Meta:
        model = InvestmentProject
        fields = ["zone", "unit", "name", "investor", "origin", "country_region", "fortune500", "listed_company",
                  "industry", "park", "officer", "agreed_investment", "currency", "is_capital_increase",
                  "added_amount", "land_area", "expected_signing_date", "expected_construction_date",
                  "expected_production_date", "notes"]
        widgets = {"expected_signing_date": DATE, "expected_construction_date": DATE,
                   "expected_production_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance.zone if self.instance.pk else self.zone
        self.fields["officer"].queryset = zone_users(zone)
        self.fields["industry"].queryset = self.fields["industry"].queryset.select_related("parent")


class StageChangeForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("新阶段"), choices=Stage.choices)
    date = forms.DateField(label=_("日期"), initial=clock.today, widget=DATE)
    reason = forms.CharField(label=_("原因"), required=False, help_text=_("阶段回退或终止时必填。"))


class PaidInForm(forms.Form):
    month = forms.CharField(label=_("月份"), help_text=_("如 2025-06"), max_length=20)
    amount = forms.CharField(label=_("到位资金（万）"), max_length=30)


class MajorProjectForm(ZoneDefaultsMixin, forms.ModelForm):
    class Meta:
        model = MajorProject
        fields = ["zone", "unit", "name", "investment_project", "park", "total_investment",
                  "construction_start_planned", "construction_start_actual", "completion_planned",
                  "completion_actual", "production_start_planned", "production_start_actual", "notes"]
        widgets = {name: DATE for name in fields if name.endswith(("_planned", "_actual"))}

    zone_fields = ("unit", "park", "investment_project")


class MajorProjectYearForm(forms.ModelForm):
    class Meta:
        model = MajorProjectYear
        fields = ["year", "planned_investment", "completed_investment"]




class RemindProjectsForm(forms.Form):
    message = forms.CharField(label=_("催办意见"), required=False, max_length=500,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("留空则提示“请更新项目进展”。"))


class AssignProjectsForm(forms.Form):
    """交办: one 招商人员 of the chosen projects' unit takes them all."""

    officer = forms.ModelChoiceField(label=_("招商人员"), queryset=None, empty_label=_("请选择"))
    note = forms.CharField(label=_("交办意见"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=(), **kwargs):
        from zonework.core.models import User

        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = User.objects.filter(unit__in=list(units), is_active=True) \
            .select_related("unit").order_by("unit__name", "username")
        self.fields["officer"].label_from_instance = lambda u: f"{u}（{u.unit}）"
