"""Scores of a scheme for a year from the zones' observations, in a fixed number of queries."""

from decimal import Decimal

from zonework.economy.models import Observation

from . import scoring
from .models import ItemKind, ManualFigure, Method


def figures_for(items, zone_ids, year):
    """{(item_id, zone_id): {"value", "growth", "source"}}: the yearly figure of each linked indicator
    (the yearly row, else the latest month's 1-N月累计), or the manual figure. Two queries."""
    by_indicator = {}
    for item in items:
        if item.indicator_id:
            by_indicator.setdefault(item.indicator_id, []).append(item)
    rows = (Observation.objects.filter(year=year, zone_id__in=zone_ids, indicator_id__in=list(by_indicator))
            .values_list("zone_id", "indicator_id", "month", "ytd_value", "month_value", "yoy_pct", "pk"))
    best = {}
    for zone_id, indicator_id, month, ytd, month_value, yoy, pk in rows:
        order = 13 if month is None else month  # a yearly row outranks any month
        key = (zone_id, indicator_id)
        if key not in best or order > best[key][0]:
            value = ytd if ytd is not None else month_value
            best[key] = (order, {"value": value, "growth": yoy, "observation": pk,
                                 "period": f"{year}年" if month is None else f"{year}年1-{month}月"})
    out = {}
    for (zone_id, indicator_id), (_order, fig) in best.items():
        for item in by_indicator[indicator_id]:
            out[(item.pk, zone_id)] = fig
    manual = ManualFigure.objects.filter(item__in=[i.pk for i in items], zone_id__in=zone_ids, year=year)
    for m in manual.values_list("item_id", "zone_id", "value", "note"):
        out[(m[0], m[1])] = {"value": m[2], "growth": None, "manual": True, "note": m[3]}
    return out


def _num(value):
    return None if value is None else str(value)


def score_items(items, zone_ids, figures):
    """[(zone_id, item, score, figures, formula)] and {zone_id: vetoed}."""
    out, vetoed = [], dict.fromkeys(zone_ids, False)
    for item in items:
        higher = item.indicator.higher_is_better if item.indicator_id else True
        values = {}
        for zone_id in zone_ids:
            fig = figures.get((item.pk, zone_id), {})
            values[zone_id] = fig.get("growth") if item.use_growth else fig.get("value")
        if item.method == Method.RANK and item.kind == ItemKind.NORMAL:
            item_ranks = scoring.ranks(values, higher_is_better=higher)
            count = sum(1 for v in values.values() if v is not None)
        for zone_id in zone_ids:
            value = values[zone_id]
            fig = figures.get((item.pk, zone_id), {})
            shown = {"数值": _num(fig.get("value")), "同比(%)": _num(fig.get("growth")),
                     "期间": fig.get("period", "手工填报" if fig.get("manual") else "")}
            if item.kind == ItemKind.VETO:
                hit = value is not None and Decimal(value) > 0
                vetoed[zone_id] = vetoed[zone_id] or hit
                score, formula = Decimal("0.00"), ("触发一票否决，总分计 0 分" if hit else "未触发一票否决")
            elif item.kind == ItemKind.BONUS:
                score = min(Decimal(value or 0), item.weight)
                formula = f"加分 min({value or 0}, 上限 {item.weight}) = {score}"
            elif item.kind == ItemKind.DEDUCTION:
                score = -min(Decimal(value or 0), item.weight)
                formula = f"减分 min({value or 0}, 上限 {item.weight}) = {-score}"
            elif item.method == Method.RANK:
                score, formula = scoring.rank_score(item_ranks[zone_id], count, item.weight)
                shown["排名"] = item_ranks[zone_id]
            elif item.method == Method.RATIO:
                score, formula = scoring.ratio_to_target(value, item.target, item.weight, item.cap)
                shown["目标"] = _num(item.target)
            elif item.method == Method.GROWTH:
                growth = fig.get("growth")
                score, formula = scoring.growth_score(growth, item.target, item.weight, item.cap)
                shown["目标增速(%)"] = _num(item.target)
            else:
                score, formula = scoring.threshold_score(value, item.thresholds, item.weight)
                shown["分档表"] = item.thresholds
            out.append((zone_id, item, score, shown, formula))
    return out, vetoed


def totals(scored, vetoed):
    """{zone_id: total}: the sum of item scores, 0 when vetoed, never below 0."""
    sums = dict.fromkeys(vetoed, Decimal(0))
    for zone_id, _item, score, _fig, _formula in scored:
        sums[zone_id] += score
    return {z: (Decimal("0.00") if vetoed[z] else max(s, Decimal(0))) for z, s in sums.items()}


def group_ranks(results, key):
    """{result.pk: rank within its group}: competition ranks of totals inside each group of `key(result)`."""
    groups = {}
    for r in results:
        groups.setdefault(key(r), {})[r.pk] = r.total if not r.vetoed else Decimal(-1)
    out = {}
    for members in groups.values():
        out.update(scoring.ranks(members))
    return out
