"""The supervision office's board: every task of a plan with its light; export and import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zonework.core import scope
from zonework.core.audit import write_entry
from zonework.core.choices import AuditAction
from zonework.core.excel import workbook_response
from zonework.core.models import Unit
from zonework.core.validation import error_text
from zonework.work import excel
from zonework.work.access import is_supervisor
from zonework.work.choices import Light
from zonework.work.filtersets import TaskFilterSet
from zonework.work.forms import TaskImportForm
from zonework.work.lights import LightRules
from zonework.work.models import Task

from .common import pick_plan, plans_for, require, tasks_of, tree_order, with_lights


@login_required
def board(request):
    user = request.user
    require(user, "work.view_task", Task)
    plans = plans_for(request)
    plan = pick_plan(request, plans)
    qs = tasks_of(request, plan) if plan else Task.objects.none()
    filterset = TaskFilterSet(request.GET or None, queryset=qs, request=request)
    units = scope.restrict(Unit.objects.all(), user)
    filterset.form.fields["unit"].queryset = units.filter(zone=plan.zone) if plan else units.none()
    tasks = list(filterset.qs.distinct()) if filterset.is_valid() else list(qs)
    with_lights(tasks)
    counts = {value: sum(1 for t in tasks if t.light == value) for value in Light.values}
    light = request.GET.get("light")
    if light in Light.values:
        tasks = [t for t in tasks if t.light == light]
    tasks = tree_order(tasks)
    if request.GET.get("export") == "xlsx" and plan is not None:
        write_entry(AuditAction.EXPORT, obj=plan, message=f"导出计划“{plan}”的任务（{len(tasks)}项）")
        return workbook_response(excel.export_workbook(plan, tasks), f"{plan.title[:40]}_任务.xlsx")
    query = request.GET.copy()
    query.pop("export", None)
    query["export"] = "xlsx"
    if plan is not None:
        query["plan"] = plan.pk
    leaders = sorted({t.leader for t in qs if t.leader})
    return render(request, "work/board.html", {
        "title": "督查督办", "plans": plans, "plan": plan, "tasks": tasks, "filterset": filterset,
        "counts": counts, "lights": Light.choices, "leaders": leaders, "export_query": query.urlencode(),
        "rules": LightRules.for_plan(plan).explain() if plan else LightRules().explain(),
        "supervisor": is_supervisor(user), "import_form": TaskImportForm(),
        "can_add_plan": user.has_perm("work.add_plan"),
    })


@login_required
@require_POST
def plan_import(request, pk):
    plan = get_object_or_404(plans_for(request), pk=pk)
    if not request.user.has_perm("work.add_task"):
        raise PermissionDenied(scope.denied_message("add", Task))
    form = TaskImportForm(request.POST, request.FILES)
    target = reverse("work:board") + f"?plan={plan.pk}"
    if not form.is_valid():
        messages.error(request, "请选择要导入的Excel文件。")
        return redirect(target)
    from zonework.core import jobs
    from zonework.core.models import JobStatus
    from zonework.work.excel import import_tasks_job

    # A background job (eager in the embedded default, when it has finished by now).
    job = jobs.submit(import_tasks_job, form.cleaned_data["file"], zone=plan.zone, acting_user=request.user,
                      params={"plan_id": plan.pk}, return_url=target)
    if job.status == JobStatus.FAILED:
        if len(job.errors) == 1 and not job.errors[0].startswith("第"):
            messages.error(request, job.errors[0])
        else:
            messages.error(request, f"导入失败，未保存任何数据（共{len(job.errors)}处错误）：")
            for line in job.errors[:30]:
                messages.error(request, line)
    elif job.status == JobStatus.DONE:
        messages.success(request, job.message)
    else:
        messages.info(request, f"“{job.filename}”已开始导入，本页显示进度。")
        return redirect(reverse("core:job", args=[job.pk]))
    return redirect(target)


@login_required
@require_POST
def plan_assign(request, pk):
    from zonework.work import actions

    plan = get_object_or_404(plans_for(request), pk=pk)
    try:
        count = actions.assign_plan(plan, acting_user=request.user)
    except (ValidationError, scope.ScopeDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"已交办{count}项任务。")
    return redirect(reverse("work:board") + f"?plan={plan.pk}")
