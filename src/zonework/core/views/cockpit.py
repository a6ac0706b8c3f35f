"""领导驾驶舱: the leader's home, one screen of the zone's year, and its meeting-room mode (?screen=1).

Every figure here comes from the function the module's own page uses (the dashboard's cards, the
board's lights, the statistics' task counts, the investment funnel and figures, a request's light),
so a rule is written once and the cockpit cannot disagree with the page its figure links to.
"""

import json
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from zonework.core import clock
from zonework.core.money import yi_text

LIGHTS = ("red", "yellow", "green")
LIGHT_COLOURS = {"red": "#d9342b", "yellow": "#f0b400", "green": "#2e9d4f", "grey": "#adb5bd",
                 "done": "#3d6fd6", "none": "#adb5bd"}
REFRESH_SECONDS = 300


def is_leader(user):
    from zonework.core.choices import RoleCode

    return any(r.code == RoleCode.LEADER for r in user.roles.all())


def _url(name, **query):
    url = reverse(name)
    return f"{url}?{urlencode(query)}" if query else url


def _indicators(request, zone):
    from zonework.economy import dashboard
    from zonework.economy.views import default_year

    if not request.user.has_perm("economy.view_target"):
        return None
    # The year the dashboard itself opens on, so the cockpit and its 详情 show the same cards.
    year = default_year(dashboard.years_for(zone))
    data = dashboard.build(zone, year)
    dashboard.offer_instructions(data["cards"], request.user)
    link = _url("economy:dashboard", zone=zone.pk, year=year)
    labels = {"green": _("绿灯"), "yellow": _("黄灯"), "red": _("红灯"), "grey": _("灰灯")}
    return {
        "cards": data["cards"], "link": link, "year": year,
        "lights": [{"light": k, "label": labels[k], "value": v, "url": link} for k, v in data["lights"].items()],
    }


def _tasks(request, zone, today):
    from zonework.work.choices import Light
    from zonework.work.figures import count_by_unit
    from zonework.work.views.common import pick_plan, plans_for, tasks_of, with_lights

    if not request.user.has_perm("work.view_task"):
        return None
    plan = pick_plan(request, plans_for(request).filter(zone=zone))
    if plan is None:
        return {"plan": None, "lights": [], "late_units": []}
    tasks = with_lights(list(tasks_of(request, plan)), today)
    board = reverse("work:board")
    lights = [{"light": value, "label": str(label), "value": sum(1 for t in tasks if t.light == value),
               "url": f"{board}?{urlencode({'plan': plan.pk, 'light': value})}"}
              for value, label in Light.choices]
    _total, by_unit, _outcomes = count_by_unit(tasks, today)
    late = sorted((c for c in by_unit.values() if c.overdue and c.unit is not None),
                  key=lambda c: (-c.overdue, c.unit.name))[:8]
    late_units = [{"name": c.unit.name, "value": c.overdue,
                   "url": reverse("work:unit_detail", args=[c.unit.pk])} for c in late]
    red = [t for t in tasks if t.light == "red"]
    return {"plan": plan, "lights": lights, "late_units": late_units, "red": red}


# Rows of the cockpit's 批示 block: the first red tasks and indicators, the rest are a link away.
INSTRUCT_ROWS = 8


def _instruct(request, zone, today, tasks_block, indicators_block):
    """The leader's 批示 block: red tasks waiting for their 批示 first (the to-do list's rule), then the
    other red tasks, and the red indicators; each with the form, so a 批示 is written from here."""
    from zonework.work.access import can_instruct, can_remind
    from zonework.work.models import Instruction
    from zonework.work.todos import awaiting_instruction

    if not can_instruct(request.user):
        return None
    red = (tasks_block or {}).get("red", [])
    awaiting = awaiting_instruction(request.user, red, today)
    open_on = set(Instruction.objects.filter(task__in=[t.pk for t in red], replied_at__isnull=True)
                  .values_list("task_id", flat=True))
    rows = sorted(red, key=lambda t: (t.pk not in awaiting, t.deadline or today, t.pk))
    tasks = [{"task": t, "awaiting": t.pk in awaiting, "open": t.pk in open_on,
              "reasons": "；".join(t.light_result.reasons) if getattr(t, "light_result", None) else ""}
             for t in rows[:INSTRUCT_ROWS]]
    indicators = [{"name": c.target.indicator.name, "label": c.assessment.label,
                   "url": f"{reverse('work:instruction_subject')}?target={c.target.pk}"}
                  for c in (indicators_block or {}).get("cards", []) if c.assessment.light == "red"]
    plan = (tasks_block or {}).get("plan")
    return {"tasks": tasks, "more": max(0, len(red) - INSTRUCT_ROWS), "indicators": indicators,
            "awaiting": len(awaiting),
            # 催办 of the ticked red tasks goes through the board's confirmation page (one plan's tasks)
            "remind_url": reverse("work:plan_bulk", args=[plan.pk]) if plan and tasks and can_remind(request.user)
            else None,
            "board": f"{reverse('work:board')}?{urlencode({'plan': tasks_block['plan'].pk, 'light': 'red'})}"
            if tasks_block and tasks_block.get("plan") else reverse("work:board")}


def _investment(request, zone, year):
    from zonework.core import scope
    from zonework.investment import figures
    from zonework.investment.models import InvestmentProject

    if not request.user.has_perm("investment.view_investmentproject"):
        return None
    projects = scope.in_zone(scope.restrict(InvestmentProject.objects.all(), request.user), zone)
    date_from, date_to = figures.year_period(year)
    date_to = min(date_to, clock.today())
    rows, terminated = figures.funnel(projects, date_from, date_to)
    total = figures.compute(projects, date_from, date_to)[0]
    funnel_url = _url("investment:funnel", year=year)
    return {
        "funnel": [{"name": label, "value": count, "url": funnel_url} for _s, label, count in rows],
        "terminated": terminated, "signed": total.signed,
        "agreed": [yi_text(v, c) for c, v in total.agreed.items() if v] or [yi_text(0)],
        "paid_in": [yi_text(v, c) for c, v in total.paid_in.items() if v] or [yi_text(0)],
        "funnel_url": funnel_url, "figures_url": _url("investment:figures", year=year),
    }


def _requests(request, zone, today):
    from zonework.core import scope
    from zonework.enterprises.choices import RequestState
    from zonework.enterprises.models import ServiceRequest

    if not request.user.has_perm("enterprises.view_servicerequest"):
        return None
    open_requests = (scope.in_zone(scope.restrict(ServiceRequest.objects.all(), request.user), zone)
                     .exclude(state=RequestState.CLOSED))
    counts = dict.fromkeys(LIGHTS, 0)
    for req in open_requests:
        counts[req.light(today)[0]] += 1
    labels = {"red": _("超时限"), "yellow": _("临近时限"), "green": _("正常办理")}
    base = reverse("enterprises:servicerequest_list")
    return {"lights": [{"light": k, "label": labels[k], "value": counts[k], "url": f"{base}?light={k}"}
                       for k in LIGHTS],
            "open": sum(counts.values()), "url": base}


def build(request, zone):
    """The cockpit's blocks for `zone`; a block the user may not see is None."""
    today = clock.today()
    year = today.year
    from django.apps import apps

    def block(app, make, *args):
        # A zone may run only some modules (ZONEWORK_APPS): a block whose app is not installed is absent.
        return make(request, zone, *args) if apps.is_installed(f"zonework.{app}") else None

    blocks = {
        "indicators": block("economy", _indicators),
        "tasks": block("work", _tasks, today),
        "investment": block("investment", _investment, year),
        "requests": block("enterprises", _requests, today),
    }
    blocks["instruct"] = (_instruct(request, zone, today, blocks["tasks"], blocks["indicators"])
                          if blocks["tasks"] is not None else None)
    charts = {
        "indicators": [{"name": d["label"], "value": d["value"], "url": d["url"],
                        "color": LIGHT_COLOURS[d["light"]]} for d in (blocks["indicators"] or {}).get("lights", [])],
        "tasks": [{"name": d["label"], "value": d["value"], "url": d["url"], "color": LIGHT_COLOURS[d["light"]]}
                  for d in (blocks["tasks"] or {}).get("lights", [])],
        "late_units": (blocks["tasks"] or {}).get("late_units", []),
        "funnel": (blocks["investment"] or {}).get("funnel", []),
        "requests": [{"name": d["label"], "value": d["value"], "url": d["url"], "color": LIGHT_COLOURS[d["light"]]}
                     for d in (blocks["requests"] or {}).get("lights", [])],
    }
    return {"year": year, "today": today, **blocks, "charts": charts}


@login_required
def cockpit(request):
    """The cockpit page (/cockpit/); the leader's home renders the same."""
    return render_cockpit(request)


def render_cockpit(request):
    zone = request.zone
    screen = request.GET.get("screen") == "1"
    context = {"title": _("领导驾驶舱"), "zone": zone, "screen": screen, "refresh_seconds": REFRESH_SECONDS}
    if zone is not None:
        data = build(request, zone)
        context.update(data)
        context["chart_json"] = json.dumps(data["charts"], ensure_ascii=False)
    return render(request, "core/cockpit.html", context)
