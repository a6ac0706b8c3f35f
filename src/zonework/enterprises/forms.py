from django import forms
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.forms import DATE, ZoneDefaultsMixin, zone_users
from zonework.core.models import Unit

from .choices import RequestCategory
from .models import Enterprise, LiaisonVisit, ServiceRequest


class EnterpriseForm(ZoneDefaultsMixin, forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["zone", "unit", "name", "credit_code", "industry", "park", "above_scale", "high_tech", "listed",
                  "contact_name", "contact_phone", "address", "liaison_leader"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance.zone if self.instance.pk else self.zone
        self.fields["liaison_leader"].queryset = zone_users(zone)


class ServiceRequestForm(ZoneDefaultsMixin, forms.ModelForm):
    zone_fields = ("unit", "enterprise")

    class Meta:
        model = ServiceRequest
        fields = ["zone", "enterprise", "category", "title", "text", "received_date", "is_complex", "unit"]
        widgets = {"received_date": DATE, "text": forms.Textarea(attrs={"rows": 4})}


class LiaisonVisitForm(forms.ModelForm):
    class Meta:
        model = LiaisonVisit
        fields = ["date", "summary", "issues"]
        widgets = {"date": DATE, "summary": forms.Textarea(attrs={"rows": 2}), "issues": forms.Textarea(attrs={"rows": 2})}


class TransitionForm(forms.Form):
    """One form for every step; each step reads the fields it needs."""

    step = forms.ChoiceField(choices=[("assign", "交办"), ("start", "开始办理"), ("reply", "答复"), ("close", "办结"),
                                      ("reopen", "重新办理")])
    date = forms.DateField(label=_("日期"), initial=clock.today, required=False, widget=DATE)
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=Unit.objects.none(), required=False)
    reply = forms.CharField(label=_("答复内容"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("不满意原因"), required=False)
    satisfaction = forms.TypedChoiceField(label=_("满意度"), required=False, coerce=int, empty_value=None,
                                          choices=[("", "—")] + [(i, f"{i}分") for i in range(5, 0, -1)])
    rated_by = forms.CharField(label=_("评价人（企业联系人）"), required=False, max_length=100)

    def __init__(self, *args, zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        if zone is not None:
            self.fields["unit"].queryset = Unit.objects.filter(zone=zone)


CATEGORY_CHOICES = RequestCategory.choices
