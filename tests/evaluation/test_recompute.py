"""A recomputation scores the user's zones from their observations, stores the run, and is audited."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from zonework.core import clock
from zonework.core.models import AuditEntry
from zonework.core.scope import ScopeDenied
from zonework.economy.models import Indicator, Observation
from zonework.evaluation import actions
from zonework.evaluation.models import (
    EvaluationItem,
    EvaluationPart,
    EvaluationResult,
    EvaluationScheme,
    EvaluationScore,
    ItemKind,
    ManualFigure,
    Method,
)
from zonework.evaluation.validation import validate_scheme


@pytest.fixture
def year():
    return clock.today().year - 1


@pytest.fixture
def scheme(db, year):
    gdp, _ = Indicator.objects.get_or_create(name="测试产值", defaults={"unit": "亿元"})
    s = EvaluationScheme.objects.create(name="测试方案", year=year)
    a = EvaluationPart.objects.create(scheme=s, name="发展", weight=60)
    b = EvaluationPart.objects.create(scheme=s, name="增长", weight=40)
    EvaluationItem.objects.create(part=a, name="产值排名", indicator=gdp, weight=60, method=Method.RANK)
    EvaluationItem.objects.create(part=b, name="产值目标", indicator=gdp, weight=40, method=Method.RATIO,
                                  target=100)
    EvaluationItem.objects.create(part=b, name="安全事故", kind=ItemKind.VETO, weight=0)
    EvaluationItem.objects.create(part=b, name="示范加分", kind=ItemKind.BONUS, weight=2)
    return s


def _observe(zone, year, value):
    ind = Indicator.objects.get(name="测试产值")
    Observation.objects.create(zone=zone, indicator=ind, year=year, month=None, ytd_value=value)


@pytest.fixture
def province(leader, other_zone):
    leader.zones.add(other_zone)
    return leader


def test_scores_ranks_and_formula_are_stored_and_audited(scheme, year, zone, other_zone, province):
    _observe(zone, year, 120)
    _observe(other_zone, year, 80)
    run = actions.recompute(scheme, year, acting_user=province)
    results = {r.zone_id: r for r in EvaluationResult.objects.filter(run=run)}
    assert results[zone.pk].total == D("100.00") and results[zone.pk].rank == 1
    assert results[other_zone.pk].total == D("62.00") and results[other_zone.pk].rank == 2  # 30 + 32
    detail = EvaluationScore.objects.get(run=run, zone=other_zone, item__name="产值目标")
    assert detail.figures["数值"].startswith("80") and "80" in detail.formula and "100" in detail.formula
    assert run.run_by == province
    assert AuditEntry.objects.filter(event="evaluation.recomputed").exists()


def test_veto_zeroes_and_bonus_adds(scheme, year, zone, other_zone, province):
    _observe(zone, year, 120)
    _observe(other_zone, year, 80)
    ManualFigure.objects.create(item=EvaluationItem.objects.get(name="安全事故"), zone=zone, year=year, value=1)
    ManualFigure.objects.create(item=EvaluationItem.objects.get(name="示范加分"), zone=other_zone, year=year,
                                value=5)
    run = actions.recompute(scheme, year, acting_user=province)
    results = {r.zone_id: r for r in EvaluationResult.objects.filter(run=run)}
    assert results[zone.pk].vetoed and results[zone.pk].total == 0 and results[zone.pk].rank == 2
    assert results[other_zone.pk].total == D("64.00")  # the bonus is capped at its 2 points


def test_one_zone_user_scores_only_its_own_zone(scheme, year, zone, other_zone, leader):
    _observe(zone, year, 120)
    _observe(other_zone, year, 80)
    run = actions.recompute(scheme, year, acting_user=leader)
    assert list(EvaluationResult.objects.filter(run=run).values_list("zone_id", flat=True)) == [zone.pk]


def test_user_without_permission_is_refused(scheme, year, unit_user):
    with pytest.raises(ScopeDenied):
        actions.recompute(scheme, year, acting_user=unit_user)


def test_weights_not_adding_up_are_refused_in_chinese(scheme, year, province):
    EvaluationPart.objects.filter(name="增长").update(weight=30)
    with pytest.raises(ValidationError) as exc:
        validate_scheme(scheme)
    text = " ".join(exc.value.messages)
    assert "合计为 90" in text and "应为 100 分" in text
    with pytest.raises(ValidationError):
        actions.recompute(scheme, year, acting_user=province)
    assert not EvaluationResult.objects.exists()


def test_example_scheme_has_the_published_parts_and_adds_up(db, year):
    s = actions.load_example_scheme(year=year)
    assert actions.load_example_scheme(year=year) == s
    parts = [(p.name, int(p.weight)) for p in s.parts.all()]
    assert parts == [("对外开放", 30), ("发展质量", 30), ("科技创新", 15), ("绿色发展", 15), ("统筹协调", 10)]
    assert s.parts.get(name="对外开放").items.filter(kind="normal").count() == 7
    assert s.parts.get(name="发展质量").items.filter(source_incomplete=False).count() == 0
    validate_scheme(s)


def test_deduction_growth_and_thresholds_through_a_run(db, year, zone, province, other_zone):
    ind, _ = Indicator.objects.get_or_create(name="测试产值", defaults={"unit": "亿元"})
    Observation.objects.create(zone=zone, indicator=ind, year=year, month=12, ytd_value=60, yoy_pct=5)
    Observation.objects.create(zone=zone, indicator=ind, year=year, month=6, ytd_value=30, yoy_pct=50)
    s = EvaluationScheme.objects.create(name="方法方案", year=year)
    p = EvaluationPart.objects.create(scheme=s, name="全部", weight=100)
    EvaluationItem.objects.create(part=p, name="增速", indicator=ind, weight=50, method=Method.GROWTH, target=10)
    EvaluationItem.objects.create(part=p, name="分档", indicator=ind, weight=50, method=Method.THRESHOLDS,
                                  thresholds=[[0, "0.5"], [50, 1]])
    ded = EvaluationItem.objects.create(part=p, name="通报批评", kind=ItemKind.DEDUCTION, weight=3)
    ManualFigure.objects.create(item=ded, zone=zone, year=year, value=1)
    run = actions.recompute(s, year, acting_user=province)
    # The latest month (1-12月) is the year's figure: growth 5% of 10% → 25; 60 ≥ 50 → 50; minus 1.
    assert EvaluationResult.objects.get(run=run, zone=zone).total == D("74.00")
    assert EvaluationResult.objects.get(run=run, zone=other_zone).total == D("0.00")


def test_recompute_queries_do_not_grow_with_zones(db, year, scheme, province, django_assert_max_num_queries):
    from tests.factories import ZoneFactory

    for i in range(30):
        z = ZoneFactory(name=f"测试区{i}")
        province.zones.add(z)
        _observe(z, year, i)
    with django_assert_max_num_queries(40):
        actions.recompute(scheme, year, acting_user=province)
