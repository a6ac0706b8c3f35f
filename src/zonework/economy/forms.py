from django import forms
from django.utils.translation import gettext_lazy as _

from zonework.core.forms import AliasesField, ScopedFormMixin

from .models import Indicator, Observation, Target, TrackedIndicator


class ZoneDefaultMixin(ScopedFormMixin):
    """New rows start in the zone chosen in the header; unit choices follow the zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "zone" in self.fields and self.zone is not None and not self.instance.pk:
            self.fields["zone"].initial = self.zone.pk
        if "unit" in self.fields:
            zone_id = self.instance.zone_id if self.instance.pk else (self.zone.pk if self.zone else None)
            if zone_id:
                self.fields["unit"].queryset = self.fields["unit"].queryset.filter(zone_id=zone_id)


class IndicatorForm(ScopedFormMixin, forms.ModelForm):
    aliases = AliasesField(label=_("别名"), required=False, help_text=_("用顿号分隔，如：规上工业总产值、规模以上工业产值"))

    class Meta:
        model = Indicator
        fields = ["name", "code", "aliases", "family", "unit", "kind", "price_basis", "higher_is_better", "allows_negative",
                  "sort_order"]


class TargetForm(ZoneDefaultMixin, forms.ModelForm):
    class Meta:
        model = Target
        fields = ["zone", "indicator", "year", "recurring", "value", "value_unit", "growth_pct", "bound",
                  "stretch_pct", "unit", "note"]


class ObservationForm(ZoneDefaultMixin, forms.ModelForm):
    class Meta:
        model = Observation
        fields = ["zone", "indicator", "year", "month", "month_value", "ytd_value", "value_unit", "yoy_pct", "unit"]


class TrackedIndicatorForm(ZoneDefaultMixin, forms.ModelForm):
    class Meta:
        model = TrackedIndicator
        fields = ["zone", "indicator", "sort_order"]


class StatisticsUploadForm(forms.Form):
    file = forms.FileField(label=_("填好的模板（.xlsx）"))
