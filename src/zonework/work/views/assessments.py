"""绩效考核: the scheme per zone and year, the ranking, the detail behind each score, Excel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from zonework.core import scope
from zonework.core.audit import write_entry
from zonework.core.choices import AuditAction
from zonework.core.excel import rows_to_workbook, workbook_response
from zonework.core.validation import error_text
from zonework.core.views.generic import ObjectDeleteView, ObjectEditView, ObjectListView
from zonework.work import actions
from zonework.work.filtersets import AssessmentFilterSet
from zonework.work.forms import AssessmentForm
from zonework.work.models import Assessment
from zonework.work.tables import AssessmentTable

from .common import require

PART_NAMES = [("on_time", "按时办结"), ("punctuality", "按时反馈"), ("quality", "办理质量"), ("warnings", "预警扣分后")]


class AssessmentListView(ObjectListView):
    model, table_class, filterset_class = Assessment, AssessmentTable, AssessmentFilterSet


class AssessmentEditView(ObjectEditView):
    model, form_class = Assessment, AssessmentForm

    def call_create(self, data):
        return actions.create_assessment(data, acting_user=self.request.user)

    def call_update(self, obj, data):
        return actions.update_assessment(obj, data, acting_user=self.request.user)


class AssessmentDeleteView(ObjectDeleteView):
    model = Assessment


def ranking_rows(assessment):
    rows = [["名次", "单位", "总分", *[name for _, name in PART_NAMES], "牵头任务", "按时办结", "逾期办结", "逾期未办结",
             "应反馈", "按时反馈", "退回次数", "黄牌", "红牌", "评分依据"]]
    for r in assessment.results:
        c = r["counts"]
        rows.append([r["rank"], r["unit"], float(r["total"]), *[float(r["parts"][k]) for k, _ in PART_NAMES],
                     c["tasks"], c["done"], c["done_late"], c["overdue"], c["reports_due"], c["reports_met"],
                     c["returned"], c["yellow"], c["red"], "\n".join(r["detail"])])
    return rows


@login_required
def assessment_detail(request, pk):
    require(request.user, "work.view_assessment", Assessment)
    assessment = get_object_or_404(scope.restrict(Assessment.objects.select_related("zone"), request.user), pk=pk)
    if request.GET.get("export") == "xlsx":
        write_entry(AuditAction.EXPORT, obj=assessment, message=f"导出{assessment}的排名")
        return workbook_response(rows_to_workbook(f"{assessment.year}年度考核", ranking_rows(assessment)),
                                 f"{assessment}_排名.xlsx")
    return render(request, "work/assessment_detail.html", {
        "title": str(assessment), "assessment": assessment, "parts": PART_NAMES,
        "can_change": request.user.has_perm("work.change_assessment"),
    })


@login_required
@require_POST
def assessment_recompute(request, pk):
    assessment = get_object_or_404(scope.restrict(Assessment.objects.all(), request.user), pk=pk)
    try:
        actions.recompute_assessment(assessment, acting_user=request.user)
    except (ValidationError, scope.ScopeDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "已按当前数据重新计算。")
    return HttpResponseRedirect(assessment.get_absolute_url())
