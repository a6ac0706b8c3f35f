"""Per-unit statistics of a plan or a year: the supervision office's 通报, with 红榜 and 黑榜."""


from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from zonework.work.models import Task
from zonework.work.scoring import honour_lists, unit_statistics

from .common import pick_plan, plans_for, require, tasks_of


@login_required
def statistics(request):
    require(request.user, "work.view_task", Task)
    plans = plans_for(request)
    plan = pick_plan(request, plans)
    tasks = list(tasks_of(request, plan)) if plan else []
    stats = sorted(unit_statistics(tasks).values(), key=lambda s: s["unit"].path)
    top, bottom = honour_lists({s["unit"]: s for s in stats})
    chart = {
        "units": [s["unit"].name for s in stats],
        "done": [s["done"] for s in stats], "done_late": [s["done_late"] for s in stats],
        "overdue": [s["overdue"] for s in stats], "open": [s["open"] for s in stats],
    }
    return render(request, "work/statistics.html", {
        "title": "单位统计", "plans": plans, "plan": plan, "stats": stats, "top": top, "bottom": bottom,
        "chart": chart,
    })
