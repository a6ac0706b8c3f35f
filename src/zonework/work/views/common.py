"""Helpers the work pages share: the plans and tasks a request may see, tree order, lights."""

from django.core.exceptions import PermissionDenied

from zonework.core import clock, scope
from zonework.work.access import visible_tasks
from zonework.work.lights import task_light
from zonework.work.models import Plan

LIGHT_CLASSES = {"red": "text-bg-danger", "yellow": "text-bg-warning", "green": "text-bg-success",
                 "done": "text-bg-primary", "none": "text-bg-secondary"}


def require(user, perm, model=None, action="view"):
    if not user.has_perm(perm):
        raise PermissionDenied(scope.denied_message(action, model) if model else "您没有权限访问该页面。")


def plans_for(request):
    # 全部开发区 in the header: every plan of the user's zones, each named with its zone.
    zone = None if getattr(request, "all_zones", False) else getattr(request, "zone", None)
    plans = scope.in_zone(scope.restrict(Plan.objects.all(), request.user), zone)
    return plans.select_related("zone").order_by("-year", "-created_at")


def pick_plan(request, plans):
    wanted = request.GET.get("plan") or request.POST.get("plan")
    if wanted and str(wanted).isdigit():
        plan = plans.filter(pk=wanted).first()
        if plan is not None:
            return plan
    return plans.first()


def tasks_of(request, plan=None, action="view"):
    qs = visible_tasks(request.user, action)
    if plan is not None:
        qs = qs.filter(plan=plan)
    elif getattr(request, "zone", None) is not None:
        qs = qs.filter(plan__zone=request.zone)
    return qs.select_related("plan", "plan__zone", "lead_unit", "parent").prefetch_related("support_units")


def tree_order(tasks):
    """Tasks in tree order (parents before children, siblings by position), each with `.depth`."""
    by_parent = {}
    ids = {t.pk for t in tasks}
    for t in tasks:
        by_parent.setdefault(t.parent_id if t.parent_id in ids else None, []).append(t)
    out = []

    def walk(parent_id, depth):
        for t in sorted(by_parent.get(parent_id, []), key=lambda x: (x.position, x.pk)):
            t.depth = depth
            out.append(t)
            walk(t.pk, depth + 1)

    walk(None, 0)
    return out


def with_lights(tasks, today=None):
    today = today or clock.today()
    for t in tasks:
        t.light_result = task_light(t, today)
        t.light = t.light_result.light
        t.light_class = LIGHT_CLASSES[t.light]
    return tasks
