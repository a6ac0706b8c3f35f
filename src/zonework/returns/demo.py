"""Returns demo: the province's monthly return over the demo zones, with filings in every status.

The province user gets the 省级审核员 role, the statistician (tongji) may file; the last two ended
months are opened: the earlier one approved everywhere, the latest one in each status (未报, 已报,
退回, 通过). Periods are relative to clock.today(). Running it again changes nothing already there.
"""

from decimal import Decimal

from django.contrib.auth.models import Permission

from zonework.core import actions as core_actions
from zonework.core import clock
from zonework.core.choices import DataScope
from zonework.core.models import Role, User
from zonework.economy.catalogue import sync_catalogue
from zonework.economy.models import Indicator

from . import actions
from .choices import Frequency
from .models import ReturnForm

FORM_NAME = "主要经济指标月报"
# code: (base of a year, 亿元/亿美元; yoy %)
INDICATORS = {
    "industrial_output_above_scale": ("1800", "12.5"),
    "fixed_asset_investment": ("420", "9.0"),
    "general_budget_revenue": ("60", "6.5"),
    "foreign_investment_used": ("8", "11.0"),
}
REVIEWER_PERMS = [
    "returns.view_returnform", "returns.add_returnform", "returns.change_returnform", "returns.view_returnfiling",
    "returns.add_returnfiling", "returns.review_returnfiling", "returns.view_returnfigure",
    "returns.view_figureevent", "economy.view_indicator", "economy.view_observation", "economy.add_observation",
    "economy.change_observation", "economy.view_target",
]
FILER_PERMS = ["returns.view_returnform", "returns.view_returnfiling", "returns.view_returnfigure",
               "returns.view_figureevent", "returns.file_returnfiling"]


def _perms(names):
    out = []
    for name in names:
        app, codename = name.split(".")
        perm = Permission.objects.filter(content_type__app_label=app, codename=codename).first()
        if perm is not None:
            out.append(perm)
    return out


def reviewer_role(actor):
    role = Role.objects.filter(code="return_reviewer").first()
    if role is None:
        return core_actions.create_role({
            "code": "return_reviewer", "name": "省级审核员", "data_scope": DataScope.ALL,
            "description": "定义数据填报报表，开启填报，审核各开发区报送的数据（通过或退回）。",
            "permissions": _perms(REVIEWER_PERMS)}, acting_user=actor)
    return role


def grant_filing(role, actor):
    held = list(role.permissions.all())
    wanted = [p for p in _perms(FILER_PERMS) if p not in held]
    if wanted:
        core_actions.update_role(role, {"permissions": held + wanted}, acting_user=actor)


def _rows(filing, month, factor):
    rows = {}
    for figure in filing.figures.select_related("indicator"):
        base, yoy = INDICATORS.get(figure.indicator.code, ("100", "8"))
        ytd = (Decimal(base) * factor * month / 12).quantize(Decimal("0.01"))
        rows[figure.pk] = {"ytd_value": ytd, "yoy_pct": Decimal(yoy), "unit": figure.indicator.unit, "note": ""}
    return rows


def load(context, stdout):
    sync_catalogue()
    actor = context["actor"]
    province = User.objects.filter(username="province").first()
    zones = list(context.get("zones", {}).values())
    if province is None or not zones or ReturnForm.objects.filter(name=FORM_NAME).exists():
        return
    role = reviewer_role(actor)
    if not province.roles.filter(pk=role.pk).exists():
        core_actions.update_user(province, {"roles": [*province.roles.all(), role]}, acting_user=actor)
        province = User.objects.get(pk=province.pk)
    statistician = Role.objects.filter(code="statistician").first()
    if statistician is not None:
        grant_filing(statistician, actor)
    tongji = User.objects.filter(username="tongji").first()
    indicators = list(Indicator.objects.filter(code__in=INDICATORS))
    form = actions.create_form({"name": FORM_NAME, "frequency": Frequency.MONTHLY, "due_day": 10,
                                "jump_pct": Decimal(30), "zones": zones, "indicators": indicators},
                               acting_user=province)
    latest = clock.last_ended_month()
    earlier = (latest[0], latest[1] - 1) if latest[1] > 1 else (latest[0] - 1, 12)
    ordered = sorted(zones, key=lambda z: z.name)
    wuhan = context["zones"].get("武汉经济技术开发区")
    for (year, month), everyone_approved in ((earlier, True), (latest, False)):
        actions.open_filings(form, year, month, acting_user=province)
        for n, zone in enumerate(ordered):
            filing = form.filings.get(zone=zone, year=year, period=month)
            # The zone's own statistician files for 武汉; the loader (the system) for the others.
            filer = tongji if zone == wuhan and tongji is not None else actor
            outcome = "approved" if everyone_approved else ("draft", "submitted", "returned", "approved",
                                                            "draft")[n % 5]
            if zone == wuhan and not everyone_approved:
                outcome = "draft"  # tongji's to-do: this month's return
            if outcome == "draft":
                continue
            actions.fill_filing(filing, _rows(filing, month, Decimal(1) + Decimal(n) / 10), acting_user=filer)
            actions.submit_filing(filing, acting_user=filer)
            if outcome == "approved":
                actions.approve_filing(filing, acting_user=province)
            elif outcome == "returned":
                first = filing.figures.order_by("indicator__sort_order", "indicator__name").first()
                actions.return_filing(filing, {first.pk: "与统计局快报数不一致，请核实后更正。"}, acting_user=province)
    stdout.write(f"数据填报：{form}（{len(zones)}个开发区），{earlier[0]}年{earlier[1]}月全部通过，"
                 f"{latest[0]}年{latest[1]}月各状态均有。\n")
