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
        # A history given without reasons is old records typed in: a stage it skips was not recorded
        # then, which is the reason change_stage asks for (its rule is tested in test_actions).
        reason = entry[2] if len(entry) > 2 else _skip_reason(project, stage)
        actions.change_stage(project, stage, date=day, reason=reason, acting_user=user)
    for month, amount in paid:
        actions.record_paid_in(project, month, amount, acting_user=user)
    project.refresh_from_db()
    return project


def _skip_reason(project, stage):
    from zonework.investment.choices import rank

    project.refresh_from_db()
    current, target = rank(project.stage), rank(stage)
    skips = current is not None and target is not None and target > current + 1
    return "历史数据补录，中间阶段未登记" if skips else ""
