"""领导批示 on a plan or an indicator's target: the subject's page of 批示 and replies, the leader's form,
and the recipient's reply. A task's 批示 live on the task's own page (tasks.py)."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zonework.core import scope
from zonework.core.validation import error_messages
from zonework.work import actions
from zonework.work.access import can_instruct, is_supervisor
from zonework.work.models import Instruction

# The records of other apps a leader may instruct on, by the query parameter that names them.
RECORD_KINDS = {"target": ("economy", "Target")}


def _subject(request):
    """(subject, query string) from ?plan= or ?target=, within the user's data scope, or 404."""
    data = {k: request.GET.get(k) or request.POST.get(k) for k in ("plan", *RECORD_KINDS)}
    if data.get("plan"):
        plan = get_object_or_404(_scoped_plans(request), pk=_int(data["plan"]))
        return plan, f"plan={plan.pk}"
    for key, (app_label, model_name) in RECORD_KINDS.items():
        if data.get(key):
            if not apps.is_installed(f"zonework.{app_label}"):
                raise Http404
            model = apps.get_model(app_label, model_name)
            record = get_object_or_404(scope.restrict(model.objects.select_related("zone"), request.user),
                                       pk=_int(data[key]))
            return record, f"{key}={record.pk}"
    raise Http404


def _scoped_plans(request):
    from zonework.work.models import Plan

    return scope.restrict(Plan.objects.all(), request.user)


def _int(value):
    return int(value) if str(value).isdigit() else 0


def _instructions_on(subject):
    from django.contrib.contenttypes.models import ContentType

    from zonework.work.models import Plan

    if isinstance(subject, Plan):
        qs = Instruction.objects.filter(plan=subject)
    else:
        qs = Instruction.objects.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)
    return qs.select_related("by", "replied_by", "unit", "zone").order_by("-at", "-id")


def _subject_link(subject):
    from zonework.work.models import Plan

    if isinstance(subject, Plan):
        return f"{reverse('work:board')}?plan={subject.pk}"
    if subject._meta.label == "economy.Target":
        # A leader reads a target on its dashboard card; the year's dashboard of its zone.
        year = getattr(subject, "year", None)
        return f"{reverse('economy:dashboard')}?zone={subject.zone_id}" + (f"&year={year}" if year else "")
    return getattr(subject, "get_absolute_url", lambda: "")()


def _render(request, subject, query, *, highlight=None, status=200, text=""):
    user = request.user
    items = list(_instructions_on(subject))
    for ins in items:
        ins.can_reply = ins.replied_at is None and actions.can_reply_instruction(user, ins)
    zone_ids = scope.user_zone_ids(user)
    may_instruct = can_instruct(user) and (zone_ids is None or subject.zone_id in zone_ids)
    return render(request, "work/instructions.html", {
        "title": f"领导批示：{subject}", "subject": subject, "subject_kind": subject._meta.verbose_name,
        "subject_link": _subject_link(subject), "query": query, "instructions": items, "highlight": highlight,
        "may_instruct": may_instruct, "text": text,
        "recipient": getattr(subject, "unit", None) or "督查室",
    }, status=status)


@login_required
def instruction_subject(request):
    """GET: the 批示 on a plan or target; POST: a leader writes one."""
    subject, query = _subject(request)
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            actions.give_instruction(subject, acting_user=request.user, text=text)
        except (ValidationError, scope.ScopeDenied) as exc:
            for line in dict.fromkeys(error_messages(exc)):
                messages.error(request, line)
            return _render(request, subject, query, status=400, text=text)
        messages.success(request, f"批示已送达{getattr(subject, 'unit', None) or '督查室'}。")
        target = request.POST.get("next")
        if not target or not target.startswith("/"):
            target = f"{reverse('work:instruction_subject')}?{query}"
        return HttpResponseRedirect(target)
    return _render(request, subject, query)


def _visible_instruction(request, pk):
    """A 批示 the user may read: in their zones, and theirs to act on, or a leader's or supervisor's."""
    ins = get_object_or_404(Instruction.objects.select_related("task", "plan", "zone", "unit"), pk=pk)
    user = request.user
    zone_ids = scope.user_zone_ids(user)
    if zone_ids is not None and ins.zone_id not in zone_ids:
        raise Http404
    if not (can_instruct(user) or is_supervisor(user) or actions.can_reply_instruction(user, ins)
            or (ins.unit_id and user.unit_id == ins.unit_id)):
        raise Http404
    return ins


@login_required
def instruction_detail(request, pk):
    ins = _visible_instruction(request, pk)
    if ins.task_id:
        return HttpResponseRedirect(ins.get_absolute_url())
    subject = ins.plan or ins.subject
    if subject is None:  # the record was deleted; its 批示 still reads
        return render(request, "work/instructions.html", {
            "title": f"领导批示：{ins.subject_label}", "subject": ins.subject_label, "instructions": [ins],
            "highlight": ins.pk, "may_instruct": False, "recipient": ins.unit or "督查室"})
    query = f"plan={ins.plan_id}" if ins.plan_id else f"target={ins.subject_id}"
    return _render(request, subject, query, highlight=ins.pk)


@login_required
@require_POST
def instruction_reply(request, pk):
    ins = _visible_instruction(request, pk)
    try:
        actions.reply_instruction(ins, acting_user=request.user, reply=request.POST.get("reply", ""))
    except (ValidationError, scope.ScopeDenied) as exc:
        for line in dict.fromkeys(error_messages(exc)):
            messages.error(request, line)
    else:
        messages.success(request, "已回复领导批示。")
    return HttpResponseRedirect(reverse("work:instruction_detail", args=[ins.pk]))
