"""Pipeline figures on a small known cohort: each rate's formula checked by hand.

The cohort (2025 signings), amounts in 万 of their currency:

    A  签约 2025-02-10, 开工 05-01, 投产 09-01   CNY 10000  到位 2000 (03) + 3000 (06)  世界500强, 园区甲
    B  签约 2025-03-15, 开工 08-01               USD  5000  到位 1000 (09), 500 (2026-01)  外资(日本)
    C  签约 2025-06-01 (增资: 协议20000, 新增4000) CNY 到位 1000 (07)
    D  签约 2024-11-01, 开工 2025-03-01          CNY 30000  到位 800 (2025-04)   ← 2024 cohort
    E  线索 01-05, 洽谈 02-01, 签约 04-01, 退回洽谈 05-01, 再签约 07-01   CNY 6000  ← counts once
    F  签约 05-01, 开工 06-01, 终止 10-01         CNY 1000
    G  线索 2025-03-01 only
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests.investment.factories import make_project
from zonework.core.models import Park
from zonework.investment import figures
from zonework.investment.choices import Currency, Origin, Stage
from zonework.investment.models import InvestmentProject

D = datetime.date


@pytest.fixture(params=[False, True], ids=["sql", "by-history"])
def compute(request):
    """Every case through both ways of computing: grouped SQL (the pages) and the cohort read row by row
    through the history functions (documents that name the projects)."""
    def run(*args, **kwargs):
        return figures.compute(*args, **kwargs, with_projects=request.param)

    run.with_projects = request.param
    return run


@pytest.fixture
def cohort(zone, units, admin_user, unit_user):
    park = Park.objects.create(zone=zone, name="园区甲")
    u, z, unit = admin_user, zone, units["invest"]
    make_project(u, z, unit, "A", [(D(2025, 2, 10), Stage.SIGNED), (D(2025, 5, 1), Stage.CONSTRUCTION),
                                   (D(2025, 9, 1), Stage.PRODUCTION)],
                 amount=10000, fortune500=True, park=park, officer=unit_user,
                 paid=[("2025-03", 2000), ("2025-06", 3000)])
    make_project(u, z, unit, "B", [(D(2025, 3, 15), Stage.SIGNED), (D(2025, 8, 1), Stage.CONSTRUCTION)],
                 amount=5000, currency=Currency.USD, origin=Origin.FOREIGN,
                 paid=[("2025-09", 1000), ("2026-01", 500)])
    make_project(u, z, unit, "C", [(D(2025, 6, 1), Stage.SIGNED)], amount=20000, is_capital_increase=True,
                 added_amount=Decimal(4000), paid=[("2025-07", 1000)])
    make_project(u, z, unit, "D", [(D(2024, 11, 1), Stage.SIGNED), (D(2025, 3, 1), Stage.CONSTRUCTION)],
                 amount=30000, paid=[("2025-04", 800)])
    make_project(u, z, unit, "E", [(D(2025, 1, 5), Stage.LEAD), (D(2025, 2, 1), Stage.NEGOTIATING),
                                   (D(2025, 4, 1), Stage.SIGNED),
                                   (D(2025, 5, 1), Stage.NEGOTIATING, "投资方调整方案"),
                                   (D(2025, 7, 1), Stage.SIGNED)], amount=6000)
    make_project(u, z, unit, "F", [(D(2025, 5, 1), Stage.SIGNED), (D(2025, 6, 1), Stage.CONSTRUCTION),
                                   (D(2025, 10, 1), Stage.TERMINATED, "投资方资金链断裂")], amount=1000)
    make_project(u, z, unit, "G", [(D(2025, 3, 1), Stage.LEAD)])
    return InvestmentProject.objects.filter(zone=zone)


def test_year_figures_follow_the_written_formulas(cohort, compute):
    total, = compute(cohort, D(2025, 1, 1), D(2025, 12, 31))
    assert total.signed == 5                                      # A B C E F; D is 2024's, G never signed
    if compute.with_projects:
        assert sorted(p.name for p in total.projects) == ["A", "B", "C", "E", "F"]
    assert total.agreed == {"CNY": Decimal(21000), "USD": Decimal(5000)}   # 10000 + 4000 (added only) + 6000 + 1000
    assert total.paid_in == {"CNY": Decimal(6000), "USD": Decimal(1000)}   # to 2025-12 only
    assert total.paid_in_rate == {"CNY": Decimal("28.6"), "USD": Decimal("20.0")}  # 6000/21000, 1000/5000
    assert total.construction == 3 and total.construction_rate == Decimal("60.0")  # A B F (F terminated after)
    assert total.production == 1 and total.production_rate == Decimal("20.0")
    assert total.fortune500 == 1
    assert total.foreign == 1 and total.foreign_agreed == {"CNY": Decimal(0), "USD": Decimal(5000)}
    assert total.paid_in_period == {"CNY": Decimal(6800), "USD": Decimal(1000)}  # all projects, D's 800 too


@pytest.mark.parametrize(("date_from", "date_to", "signed", "construction_rate", "cny_rate"), [
    (D(2025, 1, 1), D(2025, 3, 31), 2, Decimal("0.0"), Decimal("20.0")),   # A, B; none broke ground by 03-31
    (D(2025, 1, 1), D(2025, 6, 30), 5, Decimal("40.0"), Decimal("23.8")),  # A, F by 06-30; 5000/21000
    (D(2024, 1, 1), D(2024, 12, 31), 1, Decimal("0.0"), Decimal("0.0")),  # D alone; its 开工 was in 2025
    (D(2026, 1, 1), D(2026, 12, 31), 0, None, None),                       # nobody signed: no rate, not 0
])
def test_period_cohorts(cohort, compute, date_from, date_to, signed, construction_rate, cny_rate):
    total = compute(cohort, date_from, date_to)[0]
    assert total.signed == signed
    assert total.construction_rate == construction_rate
    assert total.paid_in_rate["CNY"] == cny_rate


def test_figures_split_by_origin_park_and_officer(cohort, unit_user, compute):
    by_origin = {r.label: r for r in compute(cohort, D(2025, 1, 1), D(2025, 12, 31), by="origin")[1:]}
    assert by_origin["内资"].signed == 4 and by_origin["外资"].signed == 1
    assert by_origin["外资"].agreed["CNY"] == 0, "currencies are never summed together"
    by_park = {r.label: r.signed for r in compute(cohort, D(2025, 1, 1), D(2025, 12, 31), by="park")[1:]}
    assert by_park == {"未分园区": 4, "园区甲": 1}
    by_officer = {r.label: r.signed for r in compute(cohort, D(2025, 1, 1), D(2025, 12, 31), "officer")[1:]}
    assert by_officer == {"未指定": 4, str(unit_user): 1}


def test_funnel_counts_projects_at_or_past_each_stage(cohort):
    rows, terminated = figures.funnel(cohort, D(2025, 1, 1), D(2025, 12, 31))
    assert [c for _s, _l, c in rows] == [7, 6, 6, 4, 4, 4, 1, 0]
    assert [label for _s, label, _c in rows][:3] == ["线索", "洽谈", "签约"]
    assert terminated == 1


@pytest.mark.parametrize(("date_from", "date_to", "counts", "terminated"), [
    # as of 03-31: C, F not yet entered; D had broken ground, the others stood where they were then
    (D(2025, 1, 1), D(2025, 3, 31), [5, 4, 3, 1, 1, 1, 0, 0], 0),
    # the next year: F, terminated in 2025, is out; the rest stand where 2025 left them
    (D(2026, 1, 1), D(2026, 12, 31), [6, 5, 5, 3, 3, 3, 1, 0], 0),
])
def test_funnel_on_other_dates(cohort, date_from, date_to, counts, terminated):
    rows, ended = figures.funnel(cohort, date_from, date_to)
    assert [c for _s, _l, c in rows] == counts and ended == terminated


def _changes(*pairs):
    return [SimpleNamespace(pk=i, date=d, to_stage=s) for i, (d, s) in enumerate(pairs, start=1)]


@pytest.mark.parametrize(("pairs", "as_of", "first", "stage"), [
    ([(D(2025, 1, 1), "lead")], D(2025, 6, 1), None, ("lead", False)),
    ([(D(2025, 1, 1), "negotiating"), (D(2025, 2, 1), "registered")], D(2025, 6, 1), D(2025, 2, 1),
     ("registered", False)),  # skipping 签约 still signs
    ([(D(2025, 1, 1), "signed"), (D(2025, 3, 1), "construction"), (D(2025, 4, 1), "signed")], D(2025, 6, 1),
     D(2025, 1, 1), ("signed", False)),  # a backward correction lowers the stage
    ([(D(2025, 1, 1), "signed"), (D(2025, 3, 1), "construction"), (D(2025, 4, 1), "terminated")], D(2025, 6, 1),
     D(2025, 1, 1), ("construction", True)),  # terminated keeps the stage it reached
    ([(D(2025, 1, 1), "signed"), (D(2025, 3, 1), "construction")], D(2025, 2, 1), D(2025, 1, 1),
     ("signed", False)),  # as of a date before the move
    ([], D(2025, 2, 1), None, (None, False)),
])
def test_history_rules(pairs, as_of, first, stage):
    changes = _changes(*pairs)
    assert figures.first_signing(changes) == first
    assert figures.stage_on(changes, as_of) == stage
