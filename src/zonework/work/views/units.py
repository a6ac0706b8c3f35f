"""A unit's own page: the tasks it leads or supports, what is due this week, and a form to report."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from zonework.core import clock, scope
from zonework.core.models import Unit
from zonework.core.validation import error_messages
from zonework.work import actions
from zonework.work.access import unit_role
from zonework.work.choices import REPORTING_STATUSES
from zonework.work.forms import UnitReportForm
from zonework.work.models import Reminder, Task

from .common import require, tasks_of, tree_order, with_lights


def _unit_tasks(request, unit):
    qs = tasks_of(request).filter(plan__zone=unit.zone)
    return qs.filter(lead_unit=unit) | qs.filter(support_units=unit)


@login_required
def unit_page(request, pk=None):
    user = request.user
    require(user, "work.view_task", Task)
    if pk is None:
        if user.unit is None:
            messages.info(request, "您的账号没有所属单位，请从督查督办总览进入。")
            return HttpResponseRedirect(reverse("work:board"))
        unit = user.unit
    else:
        unit = get_object_or_404(scope.restrict(Unit.objects.all(), user), pk=pk)
    today = clock.today()
    tasks = with_lights(tree_order(list(_unit_tasks(request, unit).distinct())), today)
    for t in tasks:
        t.unit_role = "lead" if t.lead_unit_id == unit.pk else "support"
    week_end = today + datetime.timedelta(days=7)
    due = []
    for t in tasks:
        nxt = t.light_result.next_report_due
        if t.unit_role == "lead" and nxt and nxt <= week_end and t.status in REPORTING_STATUSES:
            due.append({"task": t, "what": "进度反馈", "date": nxt})
        if not t.is_done and today <= t.deadline <= week_end:
            due.append({"task": t, "what": "完成时限", "date": t.deadline})
        if t.light_result.missed_dates and t.unit_role == "lead":
            due.append({"task": t, "what": "补报进度（已逾期）", "date": t.light_result.missed_dates[-1]})
    due.sort(key=lambda d: d["date"])
    reportable = Task.objects.filter(pk__in=[t.pk for t in tasks if t.status in REPORTING_STATUSES
                                             and unit_role(user, t) is not None])
    form = None
    if user.has_perm("work.add_progressreport") and reportable.exists():
        form = UnitReportForm(request.POST or None, request.FILES or None, tasks=reportable)
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            task = data.pop("task")
            try:
                actions.report_progress(task, data, acting_user=user)
            except (ValidationError, scope.ScopeDenied) as exc:
                form.add_error(None, error_messages(exc))
            else:
                messages.success(request, f"已提交“{task}”的进度反馈。")
                return HttpResponseRedirect(request.path)
    reminders = scope.restrict(Reminder.objects.filter(unit=unit), user).select_related("task")[:20]
    return render(request, "work/unit.html", {
        "title": f"{unit}的任务", "unit": unit, "tasks": tasks, "due": due, "form": form, "reminders": reminders,
        "lead_count": sum(1 for t in tasks if t.unit_role == "lead"),
        "support_count": sum(1 for t in tasks if t.unit_role == "support"),
    })
