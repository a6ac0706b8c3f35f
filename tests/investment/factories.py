"""Investment test data, made through the actions (so stage history is real)."""

from decimal import Decimal

from zonework.core import clock
from zonework.investment import actions
from zonework.investment.choices import Currency, Origin, Stage


def make_project(user, zone, unit, name, history=(), *, paid=(), **fields):
    """A project whose history is [(date, stage[, reason])]; the first entry creates it."""
    history = list(history) or [(clock.today(), Stage.LEAD)]
    first = history[0]
    data = {"zone": zone, "unit": unit, "name": name, "agreed_investment": Decimal(fields.pop("amount", 0)),
            "currency": fields.pop("currency", Currency.CNY), "origin": fields.pop("origin", Origin.DOMESTIC),
            **fields}
    if data["origin"] == Origin.FOREIGN:
        data.setdefault("country_region", "日本")
    project = actions.create_project(data, acting_user=user, stage=first[1], stage_date=first[0])
    for entry in history[1:]:
        day, stage = entry[0], entry[1]
        reason = entry[2] if len(entry) > 2 else ""
        actions.change_stage(project, stage, date=day, reason=reason, acting_user=user)
    for month, amount in paid:
        actions.record_paid_in(project, month, amount, acting_user=user)
    project.refresh_from_db()
    return project
