from django import forms
from django.utils.translation import gettext_lazy as _

from zonework.core import scope
from zonework.economy.models import Indicator

from .models import ReturnForm


class ReturnFormForm(forms.ModelForm):
    class Meta:
        model = ReturnForm
        fields = ["name", "frequency", "due_day", "jump_pct", "indicators", "zones", "active"]
        widgets = {"indicators": forms.CheckboxSelectMultiple, "zones": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zones"].queryset = scope.zones_for(user).order_by("name")
        self.fields["indicators"].queryset = Indicator.objects.order_by("sort_order", "name")
        self.fields["zones"].label = _("填报开发区")
        # An empty choice is refused by the action, in its own words (请选择至少一项指标).
        self.fields["indicators"].required = self.fields["zones"].required = False

    def _post_clean(self):
        # The model's checks run in the action (core.actions.create_object), which reports them once.
        pass
