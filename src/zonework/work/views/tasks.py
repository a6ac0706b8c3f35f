"""A task's page: its timeline (transitions, reports, extensions, reminders) and the buttons each role has."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zonework.core import scope
from zonework.core.attachments import attachment_response
from zonework.core.validation import error_messages, form_error_text
from zonework.core.views.generic import ObjectDeleteView, ObjectEditView
from zonework.work import actions
from zonework.work.access import (
    can_instruct,
    can_remind,
    is_supervisor,
    unit_role,
    visible_reports,
    visible_tasks,
)
from zonework.work.choices import (
    OPEN_STATUSES,
    REPORTING_STATUSES,
    ExtensionStatus,
    TaskStatus,
    TransitionEvent,
)
from zonework.work.forms import ApproveForm, ExtensionForm, ProgressReportForm, ReasonForm, TaskForm
from zonework.work.lights import LightRules
from zonework.work.models import Task

from .common import plans_for, require, with_lights


def buttons(user, task):
    """What the user may do to the task now (the actions check again)."""
    role = unit_role(user, task) if user.has_perm("work.change_task") else None
    supervisor = is_supervisor(user, task)
    pending = task.extensions.filter(status=ExtensionStatus.PENDING).first()
    own_request = task.completion_requested_by_id == user.pk
    return {
        "role": role,
        "assign": supervisor and task.status == TaskStatus.DRAFT,
        "accept": role == "lead" and task.status == TaskStatus.ASSIGNED,
        "report": role is not None and task.status in REPORTING_STATUSES
        and user.has_perm("work.add_progressreport"),
        "request_completion": role == "lead" and task.status in (TaskStatus.ACCEPTED, TaskStatus.IN_PROGRESS),
        "review": supervisor and task.status == TaskStatus.COMPLETION_REQUESTED and not own_request,
        "extension": role == "lead" and task.status in OPEN_STATUSES and pending is None,
        "decide_extension": pending if supervisor and pending and pending.requested_by_id != user.pk else None,
        "remind": can_remind(user, task) and task.status in OPEN_STATUSES,
        "edit": supervisor and user.has_perm("work.change_task"),
        "instruct": can_instruct(user, task) and task.status in OPEN_STATUSES,
        "reply": role == "lead",
    }


def timeline(task, user):
    # A report's own entry shows it; its transition row only matters when it changed the status.
    items = [{"at": t.at, "kind": "transition", "label": t.get_event_display(), "who": t.by,
              "text": "" if t.event == TransitionEvent.REPORTED else t.reason,
              "status": t.get_to_status_display() if t.from_status != t.to_status else ""}
             for t in task.transitions.select_related("by")
             if t.event != TransitionEvent.REPORTED or t.from_status != t.to_status]
    for r in visible_reports(user, task.reports.select_related("author", "unit")):
        items.append({"at": r.created_at, "kind": "report", "label": f"进度反馈（{r.unit}）", "who": r.author,
                      "text": r.text, "progress": r.progress, "date": r.date,
                      "attachment": r.attachment if r.attachment else None,
                      "attachment_url": reverse("work:report_attachment", args=[r.pk]) if r.attachment else "",
                      "attachment_name": os.path.basename(r.attachment.name) if r.attachment else ""})
    for m in task.reminders.all():
        if not any(i["kind"] == "transition" and i["text"] == m.message for i in items):
            items.append({"at": m.sent_at, "kind": "reminder", "label": m.get_kind_display(), "who": None,
                          "text": m.message, "level": m.level})
    for ins in task.instructions.select_related("by", "replied_by"):
        items.append({"at": ins.at, "kind": "instruction", "label": "领导批示", "who": ins.by, "text": ins.text,
                      "instruction": ins})
        if ins.replied_at:
            items.append({"at": ins.replied_at, "kind": "instruction_reply", "label": f"回复批示（{ins.unit}）",
                          "who": ins.replied_by, "text": ins.reply})
    return sorted(items, key=lambda i: i["at"], reverse=True)


@login_required
def task_detail(request, pk):
    user = request.user
    require(user, "work.view_task", Task)
    task = get_object_or_404(visible_tasks(user).select_related("plan", "lead_unit", "parent"), pk=pk)
    return render_detail(request, task)


def render_detail(request, task, status=200, **forms):
    """The task page; a refused report or extension comes back with its bound form, so what was typed stays."""
    user = request.user
    with_lights([task])
    return render(request, "work/task_detail.html", {
        "title": str(task), "task": task, "buttons": buttons(user, task), "timeline": timeline(task, user),
        "children": with_lights(list(visible_tasks(user).filter(parent=task).select_related("plan", "lead_unit"))),
        "extensions": task.extensions.select_related("requested_by", "decided_by"),
        "open_instructions": list(task.instructions.filter(replied_at__isnull=True).select_related("by")),
        "rules": LightRules.for_plan(task.plan).explain(),
        "report_form": forms.get("report_form") or ProgressReportForm(), "reason_form": ReasonForm(),
        "approve_form": ApproveForm(), "extension_form": forms.get("extension_form") or ExtensionForm(),
        "notice_url": _notice_url(task),
    }, status=status)


def _notice_url(task):
    """The 督办单 lives in the reports app, which a work-only install does not have."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("reports:supervision_notice", args=[task.pk])
    except NoReverseMatch:
        return None


@login_required
def report_attachment(request, pk):
    """A progress report's attachment, as a download, for whoever may see the report (its task's scope)."""
    report = get_object_or_404(visible_reports(request.user).exclude(attachment=""), pk=pk)
    return attachment_response(report.attachment)


VERBS = {"assign", "accept", "report", "request_completion", "approve", "return", "extension", "approve_extension",
         "refuse_extension", "remind", "instruct", "reply_instruction"}


@login_required
@require_POST
def task_action(request, pk, verb):
    """One button on the task page: calls the action, shows its Chinese message if refused."""
    user = request.user
    if verb not in VERBS:
        raise Http404
    task = get_object_or_404(visible_tasks(user).select_related("plan", "lead_unit"), pk=pk)
    post = request.POST
    form = None
    try:
        if verb == "assign":
            actions.assign_task(task, acting_user=user, note=post.get("reason", ""))
            done = "已交办。"
        elif verb == "accept":
            actions.accept_task(task, acting_user=user)
            done = "已签收。"
        elif verb == "report":
            form = ProgressReportForm(post, request.FILES)
            if not form.is_valid():
                raise ValidationError(form_error_text(form))
            actions.report_progress(task, form.cleaned_data, acting_user=user)
            done = "进度反馈已提交。"
        elif verb == "request_completion":
            actions.request_completion(task, acting_user=user, note=post.get("reason", ""))
            done = "已申请办结，等待督查室审核。"
        elif verb == "approve":
            actions.approve_completion(task, acting_user=user, quality_score=post.get("quality_score") or None,
                                       note=post.get("note", ""))
            done = "已审核通过。"
        elif verb == "return":
            actions.return_task(task, acting_user=user, reason=post.get("reason", ""))
            done = "已退回。"
        elif verb == "extension":
            form = ExtensionForm(post)
            if not form.is_valid():
                raise ValidationError(form_error_text(form))
            actions.request_extension(task, acting_user=user, **form.cleaned_data)
            done = "延期申请已提交。"
        elif verb in ("approve_extension", "refuse_extension"):
            ext = get_object_or_404(task.extensions, pk=post.get("extension"))
            actions.decide_extension(ext, acting_user=user, approve=verb == "approve_extension",
                                     note=post.get("reason", ""))
            done = "已审批延期申请。"
        elif verb == "instruct":
            actions.give_instruction(task, acting_user=user, text=post.get("text", ""))
            done = "批示已送达牵头单位。"
        elif verb == "reply_instruction":
            ins = get_object_or_404(task.instructions, pk=post.get("instruction") or 0)
            actions.reply_instruction(ins, acting_user=user, reply=post.get("reply", ""))
            done = "已回复领导批示。"
        else:
            actions.remind_task(task, acting_user=user, message=post.get("reason", ""))
            done = "已催办。"
    except (ValidationError, scope.ScopeDenied) as exc:
        # Each sentence once: a form error and the action's refusal can say the same thing.
        for line in dict.fromkeys(error_messages(exc)):
            messages.error(request, line)
        if verb in ("report", "extension") and form is not None:
            task.refresh_from_db()
            return render_detail(request, task, status=400, **{f"{verb}_form": form})
    else:
        messages.success(request, done)
    target = post.get("next")
    if not target or not target.startswith("/"):
        target = reverse("work:task_detail", args=[task.pk])
    return HttpResponseRedirect(target)


class TaskEditView(ObjectEditView):
    model, form_class = Task, TaskForm
    template_name = "core/object_edit.html"

    def require(self, action):
        # Units hold change_task for the workflow; editing a task's definition is the supervision office's.
        super().require(action)
        if not self.request.user.has_perm("work.supervise_task"):
            raise PermissionDenied("只有督查室（督查员）可以新增或修改任务。")

    def get_object(self, pk):
        if pk is None:
            return None
        return get_object_or_404(visible_tasks(self.request.user, "change"), pk=pk)

    def plan(self):
        wanted = self.request.GET.get("plan") or self.request.POST.get("plan")
        return plans_for(self.request).filter(pk=wanted).first() if wanted and str(wanted).isdigit() else None

    def make_form(self, obj, data=None):
        return self.form_class(data, instance=obj, user=self.request.user, zone=getattr(self.request, "zone", None),
                               plan=self.plan())

    def call_create(self, data):
        plan = data.pop("plan")
        return actions.create_task(plan, data, acting_user=self.request.user)

    def call_update(self, obj, data):
        data.pop("plan", None)
        return actions.update_task(obj, data, acting_user=self.request.user)

    def post(self, request, pk=None):
        response = super().post(request, pk)
        if response.status_code == 302:
            plan = self.plan() or (self.get_object(pk).plan if pk else None)
            return HttpResponseRedirect(reverse("work:board") + (f"?plan={plan.pk}" if plan else ""))
        return response


class TaskDeleteView(ObjectDeleteView):
    model = Task
    delete_action = staticmethod(actions.delete_task)

    def get_object(self, pk):
        return get_object_or_404(visible_tasks(self.request.user, "delete"), pk=pk)


