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
from zonework.work.access import can_instruct, can_remind, is_supervisor
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
        "supervisor": is_supervisor(user), "can_remind": can_remind(user), "import_form": TaskImportForm(),
        "can_add_plan": user.has_perm("work.add_plan"),
        "can_instruct": can_instruct(user), "plan_instructions": plan.instructions.count() if plan else 0,
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


BULK_ACTIONS = {"assign": "交办", "remind": "催办", "export": "导出"}


@login_required
def plan_bulk(request, pk):
    """交办 / 催办 / 导出 the rows chosen on the board. 交办 and 催办 first show what will happen to how
    many rows, with the settings to apply, and act only on the second, confirmed post."""
    from zonework.work import actions
    from zonework.work.choices import TaskStatus
    from zonework.work.forms import AssignSettingsForm, RemindForm

    plan = get_object_or_404(plans_for(request), pk=pk)
    data = request.POST if request.method == "POST" else request.GET
    action = data.get("action")
    if action not in BULK_ACTIONS:
        messages.error(request, "请选择要执行的操作（交办、催办或导出）。")
        return redirect(reverse("work:board") + f"?plan={plan.pk}")
    visible = tasks_of(request, plan)
    if data.get("all_drafts"):
        chosen = list(visible.filter(status=TaskStatus.DRAFT))
    else:
        ids = [int(i) for i in data.getlist("task") if str(i).isdigit()]
        chosen = list(visible.filter(pk__in=ids))
    chosen = tree_order(with_lights(chosen))
    back = reverse("work:board") + f"?plan={plan.pk}"
    if not chosen:
        messages.error(request, f"请先勾选要{BULK_ACTIONS[action]}的任务。")
        return redirect(back)
    if action == "export":
        write_entry(AuditAction.EXPORT, obj=plan, message=f"导出计划“{plan}”的选中任务（{len(chosen)}项）")
        return workbook_response(excel.export_workbook(plan, chosen), f"{plan.title[:40]}_选中任务.xlsx")
    if action == "assign" and not is_supervisor(request.user):
        raise PermissionDenied("只有督查室可以交办任务。")
    if action == "remind" and not can_remind(request.user):
        raise PermissionDenied("只有督查室和领导可以催办任务。")
    form = (AssignSettingsForm if action == "assign" else RemindForm)(request.POST if "confirm" in data else None)
    if request.method == "POST" and "confirm" in data and form.is_valid():
        try:
            if action == "assign":
                settings = {k: v for k, v in form.cleaned_data.items() if k != "note"}
                count = actions.assign_tasks(chosen, acting_user=request.user, settings=settings,
                                             note=form.cleaned_data["note"])
                messages.success(request, f"已交办{count}项任务。")
            else:
                reminded, skipped = actions.remind_tasks(chosen, acting_user=request.user,
                                                         message=form.cleaned_data["message"])
                text = f"已催办{len(reminded)}项任务。"
                if skipped:
                    text += f"{len(skipped)}项今天已催办过或已不在办理中，未重复催办。"
                messages.success(request, text)
        except (ValidationError, scope.ScopeDenied) as exc:
            messages.error(request, error_text(exc))
        else:
            return redirect(back)
    return render(request, "work/bulk_confirm.html", {
        "title": f"{BULK_ACTIONS[action]}任务", "plan": plan, "action": action, "verb": BULK_ACTIONS[action],
        "tasks": chosen, "form": form, "back": back,
    })
