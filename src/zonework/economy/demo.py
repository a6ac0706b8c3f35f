"""Economy demo: a statistician account, and 武汉经济技术开发区's monthly statistics for 2013.

The monthly figures are generated (labelled "演示统计数据"), so the dashboard of 2013 has a year to
show against the targets seed 000 sets. Running it again changes nothing already there.
"""

from decimal import Decimal

from django.contrib.auth.models import Permission

from zonework.core import actions as core_actions
from zonework.core.choices import DataScope
from zonework.core.models import Role, Unit, User

from . import actions
from .catalogue import sync_catalogue
from .choices import ObservationSource
from .models import Indicator, Observation

WUHAN = "武汉经济技术开发区"
# code: (2012 result as the base, 亿元/亿美元; year-to-date yoy % the demo reports, drifting by month)
WUHAN_2013 = {
    "industrial_output_above_scale": ("2020", "亿元", "21.5"),
    "industrial_value_added_above_scale": ("596", "亿元", "19.8"),
    "fiscal_revenue_total": ("246", "亿元", "26.0"),
    "general_budget_revenue": ("48", "亿元", "24.0"),
    "fixed_asset_investment": ("255", "亿元", "27.0"),
    "industrial_investment": ("205", "亿元", "46.0"),
    "foreign_investment_used": ("12", "亿美元", "19.0"),
}
STATISTICIAN_PERMS = [
    "economy.view_indicator", "economy.view_target", "economy.view_observation", "economy.view_trackedindicator",
    "economy.view_statisticsupload", "economy.add_observation", "economy.change_observation",
    "economy.add_statisticsupload", "economy.change_statisticsupload", "economy.add_trackedindicator",
    "documents.view_sourcedocument", "documents.add_sourcedocument", "documents.change_sourcedocument",
    "core.view_zone", "core.view_unit", "core.view_park",
]


def statistician_role(actor):
    wanted = []
    for name in STATISTICIAN_PERMS:
        app, codename = name.split(".")
        perm = Permission.objects.filter(content_type__app_label=app, codename=codename).first()
        if perm is not None:  # an app left out of this installation
            wanted.append(perm)
    role = Role.objects.filter(code="statistician").first()
    if role is None:
        return core_actions.create_role({
            "code": "statistician", "name": "统计员", "data_scope": DataScope.ALL,
            "description": "录入和上传统计月报，导入工作总结与工作要点。", "permissions": wanted}, acting_user=actor)
    # Permissions an admin granted since are kept: the demo only adds what it needs.
    held = list(role.permissions.all())
    if set(wanted) - set(held):
        role = core_actions.update_role(role, {"permissions": held + wanted}, acting_user=actor)
    return role


def load(context, stdout):
    from zonework.core.demo import DEMO_PASSWORD

    sync_catalogue()
    actor = context["actor"]
    zone = context["zones"].get(WUHAN)
    if zone is None:
        return
    role = statistician_role(actor)
    if not User.objects.filter(username="tongji").exists():
        unit = Unit.objects.filter(zone=zone, name="发改局").first() or Unit.objects.filter(zone=zone).first()
        core_actions.create_user({"username": "tongji", "display_name": "刘统计", "unit": unit, "roles": [role]},
                                 password=DEMO_PASSWORD, acting_user=actor, must_change_password=False)
    context.setdefault("logins", []).append(("tongji", DEMO_PASSWORD, "统计员", "发改局"))
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=WUHAN_2013)}
    actions.track_indicators(zone, [indicators[c] for c in WUHAN_2013 if c in indicators], acting_user=actor)
    if Observation.objects.filter(zone=zone, year=2013, source=ObservationSource.DEMO).exists():
        return
    written = 0
    for code, (base, unit, yoy) in WUHAN_2013.items():
        indicator = indicators.get(code)
        if indicator is None:
            continue
        base, yoy = Decimal(base), Decimal(yoy)
        previous = Decimal(0)
        # January and February are released together (1-2月): no January row.
        for month in range(2, 13):
            drift = Decimal(month - 7) / 10
            rate = yoy + drift
            ytd = (base * (1 + rate / 100) * month / 12).quantize(Decimal("0.01"))
            actions.upsert_observation(zone, indicator, year=2013, month=month, fields={
                "month_value": ytd - previous, "ytd_value": ytd, "value_unit": unit, "yoy_pct": rate,
                "source": ObservationSource.DEMO}, acting_user=actor)
            previous = ytd
            written += 1
    stdout.write(f"经济运行：{zone.name}2013年演示统计数据{written}条（生成数据，标为“演示统计数据”）。")
