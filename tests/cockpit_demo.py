"""The demo a cockpit test looks at: every app's demo data plus the growth targets seed 000 sets for the
demo's statistics year, so each cockpit block has something to show. Shared by the page and browser tests."""

import io
from decimal import Decimal


def load_cockpit_demo():
    from django.apps import apps

    from zonework.core import demo as core_demo
    from zonework.economy import actions
    from zonework.economy.models import Indicator, Observation

    context = core_demo.load()
    for app in ("economy", "work", "investment", "enterprises"):
        apps.get_app_config(app).load_demo(context, io.StringIO())
    zone, actor = context["zones"]["武汉经济技术开发区"], context["actor"]
    year = Observation.objects.filter(zone=zone).order_by("-year").values_list("year", flat=True).first()
    for code, rate in (("industrial_output_above_scale", 20), ("fiscal_revenue_total", 25),
                       ("fixed_asset_investment", 25), ("industrial_investment", 50)):
        actions.upsert_target(zone, Indicator.objects.get(code=code), year=year,
                              fields={"growth_pct": Decimal(rate), "bound": "min"}, acting_user=actor)
    return context
