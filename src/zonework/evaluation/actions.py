"""Every change of assessment data: loading a scheme, entering a manual figure, computing a year's scores."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from zonework.core import clock, scope
from zonework.core.actions import logs_denials
from zonework.core.audit import record_event

from . import compute, example
from .models import (
    EvaluationItem,
    EvaluationPart,
    EvaluationResult,
    EvaluationRun,
    EvaluationScheme,
    EvaluationScore,
    ItemKind,
)
from .validation import validate_scheme


def _require(user, perm):
    if user is None or not user.has_perm(perm):
        raise scope.ScopeDenied("您没有考核评价的计算权限。")


@transaction.atomic
def load_example_scheme(*, year, acting_user=None):
    """The 商务部 2021 structure (see example.py); idempotent: an existing scheme of that name is returned."""
    from zonework.economy.models import Indicator

    name = "国家级经开区综合发展水平考核评价（示例，2021年版结构）"
    existing = EvaluationScheme.objects.filter(name=name, year=year).first()
    if existing:
        return existing
    scheme = EvaluationScheme.objects.create(name=name, year=year, source_note=example.SOURCE,
                                             created_by=acting_user)
    indicators = {i.name: i for i in Indicator.objects.all()}
    for p_order, (part_name, weight, count, named) in enumerate(example.PARTS):
        part = EvaluationPart.objects.create(scheme=scheme, name=part_name, weight=weight, sort_order=p_order)
        rows = example.items_of(count, named)
        share = (Decimal(weight) / len(rows)).quantize(Decimal("0.01"))
        for order, row in enumerate(rows):
            # the last item takes the rounding remainder so the part adds up exactly
            points = Decimal(weight) - share * (len(rows) - 1) if order == len(rows) - 1 else share
            base = row["name"].removesuffix("增速")
            EvaluationItem.objects.create(
                part=part, name=row["name"], indicator=indicators.get(base), weight=points,
                method=row["method"], use_growth=row["use_growth"], source_incomplete=row["source_incomplete"],
                note=example.ASSUMED, sort_order=order)
    last = scheme.parts.order_by("-sort_order").first()
    EvaluationItem.objects.create(part=last, name="重大安全生产或生态环境事故", kind=ItemKind.VETO, weight=0,
                                  note="假设：发生即一票否决（手工填报，1 为发生）。", sort_order=90)
    EvaluationItem.objects.create(part=last, name="国家级试点示范加分", kind=ItemKind.BONUS, weight=2,
                                  note="假设：加分上限 2 分（手工填报分值）。", sort_order=91)
    validate_scheme(scheme)
    record_event("evaluation.scheme_loaded", scheme, message=f"载入示例考核方案：{scheme}", user=acting_user)
    return scheme


@logs_denials
@transaction.atomic
def recompute(scheme, year, *, acting_user):
    """Score every zone the user may see on `scheme` for `year`; the run, its scores and ranks are stored."""
    _require(acting_user, "evaluation.add_evaluationrun")
    validate_scheme(scheme)
    zone_ids = list(scope.zones_for(acting_user).values_list("pk", flat=True))
    if not zone_ids:
        raise ValidationError("没有可参加考核的开发区。")
    items = list(EvaluationItem.objects.filter(part__scheme=scheme).select_related("indicator", "part"))
    figures = compute.figures_for(items, zone_ids, year)
    scored, vetoed = compute.score_items(items, zone_ids, figures)
    totals = compute.totals(scored, vetoed)
    run = EvaluationRun.objects.create(scheme=scheme, year=year, run_by=acting_user, run_at=clock.now(),
                                       created_by=acting_user)
    # Thousands of rows per run: written in bulk; the run's audit event below records who and when.
    EvaluationScore.objects.bulk_create([
        EvaluationScore(run=run, zone_id=z, item=item, score=s, figures=f, formula=formula[:300])
        for z, item, s, f, formula in scored])
    order = compute.scoring.ranks({z: (Decimal(-1) if vetoed[z] else t) for z, t in totals.items()})
    EvaluationResult.objects.bulk_create([
        EvaluationResult(run=run, zone_id=z, total=t, vetoed=vetoed[z], rank=order[z]) for z, t in totals.items()])
    record_event("evaluation.recomputed", run, user=acting_user,
                 message=f"计算{scheme}（{year}年度），{len(zone_ids)}个开发区、{len(items)}项指标。")
    return run
