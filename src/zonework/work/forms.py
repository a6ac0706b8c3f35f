from django import forms
from django.utils.translation import gettext_lazy as _

from zonework.core.forms import DATE, ScopedFormMixin
from zonework.work.choices import ReportCycle
from zonework.work.models import Assessment, Plan, Task


class PlanForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["zone", "title", "kind", "year", "start_date", "end_date", "source", "yellow_days",
                  "red_missed_reports", "behind_tolerance", "remind_days"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.zone is not None and not self.instance.pk:
            self.fields["zone"].initial = self.zone.pk


class TaskForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = ["plan", "parent", "number", "position", "title", "text", "lead_unit", "support_units", "leader",
                  "start_date", "deadline", "report_cycle", "report_day", "weight"]
        widgets = {"start_date": DATE, "deadline": DATE, "support_units": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        plan = plan or (self.instance.plan if self.instance.pk else None)
        if plan is not None:
            self.fields["plan"].initial = plan.pk
            self.fields["parent"].queryset = Task.objects.filter(plan=plan).exclude(pk=self.instance.pk)
            for name in ("lead_unit", "support_units"):
                self.fields[name].queryset = self.fields[name].queryset.filter(zone=plan.zone_id)
        if self.instance.pk:
            self.fields["plan"].disabled = True


class ProgressReportForm(forms.Form):
    """A progress report. A plain form: the range and the rest are checked by the action (Chinese
    message, and the refusal in the audit log)."""

    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    progress = forms.DecimalField(label=_("完成进度(%)"), max_digits=7, decimal_places=2,
                                  widget=forms.NumberInput(attrs={"step": "1"}))
    attachment = forms.FileField(label=_("附件"), required=False)


class UnitReportForm(ProgressReportForm):
    """The unit page's form: the same report, with the task chosen from the unit's own."""

    task = forms.ModelChoiceField(queryset=Task.objects.none(), label=_("任务"))
    field_order = ["task", "text", "progress", "attachment"]

    def __init__(self, *args, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        if tasks is not None:
            self.fields["task"].queryset = tasks


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ApproveForm(forms.Form):
    quality_score = forms.DecimalField(label=_("质量评价(0-100)"), required=False, max_digits=5, decimal_places=2)
    note = forms.CharField(label=_("审核意见"), required=False)


class ExtensionForm(forms.Form):
    new_deadline = forms.DateField(label=_("申请延至"), widget=DATE)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))


class AssessmentForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["zone", "year", "title", "on_time_points", "punctuality_points", "quality_points",
                  "warning_points", "yellow_deduction", "red_deduction", "late_credit", "unrated_quality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.zone is not None and not self.instance.pk:
            self.fields["zone"].initial = self.zone.pk


class TaskImportForm(forms.Form):
    file = forms.FileField(label=_("Excel文件(.xlsx)"))


class AssignSettingsForm(forms.Form):
    """What 交办 sets on every chosen task; a blank field keeps each task's own value."""

    deadline = forms.DateField(label=_("完成时限"), required=False, widget=DATE)
    report_cycle = forms.ChoiceField(label=_("反馈周期"), required=False,
                                     choices=[("", _("不变"))] + list(ReportCycle.choices))
    report_day = forms.IntegerField(label=_("反馈日"), required=False, min_value=1, max_value=28,
                                    help_text=_("每周任务为周几（1-7），每月/每季度任务为几号（1-28）。"))
    leader = forms.CharField(label=_("责任领导"), required=False, max_length=50)
    note = forms.CharField(label=_("交办意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RemindForm(forms.Form):
    message = forms.CharField(label=_("催办内容"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("留空则按任务自动生成。"))
