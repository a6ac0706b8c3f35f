"""Synthetic economy data: zones × indicators × years × months of observations, plus targets.

Used by the benchmark (bench/generate.py, bench/economy.py) and by the demo when no real reports
are at hand. Rows are written with bulk_create (no per-row audit entries): this is generated data,
labelled as such (source "demo").
"""

import random
from decimal import Decimal

from zonework.core.models import Zone

from .catalogue import sync_catalogue
from .choices import Bound, ObservationSource, TargetSource
from .models import Indicator, Observation, Target, TrackedIndicator

Q2 = Decimal("0.01")


def ensure_indicators(count):
    """`count` indicators: the catalogue first, then numbered extras (基准指标NN)."""
    sync_catalogue()
    rows = list(Indicator.objects.order_by("sort_order", "pk")[:count])
    missing = count - len(rows)
    if missing > 0:
        start = Indicator.objects.filter(name__startswith="基准指标").count()
        extra = [Indicator(name=f"基准指标{start + i + 1:02d}", code=f"bench_{start + i + 1:02d}", unit="亿元",
                           family="bench", sort_order=10_000 + start + i) for i in range(missing)]
        Indicator.objects.bulk_create(extra)
        rows = list(Indicator.objects.order_by("sort_order", "pk")[:count])
    return rows


def ensure_zones(count, prefix="基准开发区"):
    names = [f"{prefix}{i + 1:02d}" for i in range(count)]
    have = set(Zone.objects.filter(name__in=names).values_list("name", flat=True))
    Zone.objects.bulk_create([Zone(name=n, short_name=n[-6:]) for n in names if n not in have])
    return list(Zone.objects.filter(name__in=names).order_by("name"))


def generate(zones, indicators, years, *, months=12, seed=2013, replace=True, batch_size=5000,
             source=ObservationSource.DEMO):
    """Targets for every zone × indicator × year, and monthly observations up to `months`.

    January is left out in some years (1-2月 released together). Growth figures are drawn, not
    derived (as reported figures would be). Returns counts."""
    rng = random.Random(seed)
    years = list(years)
    zone_ids = [z.pk for z in zones]
    ind_ids = [i.pk for i in indicators]
    if replace:
        Observation.objects.filter(zone_id__in=zone_ids, indicator_id__in=ind_ids, year__in=years).delete()
        Target.objects.filter(zone_id__in=zone_ids, indicator_id__in=ind_ids, year__in=years).delete()
    have = set(TrackedIndicator.objects.filter(zone_id__in=zone_ids).values_list("zone_id", "indicator_id"))
    TrackedIndicator.objects.bulk_create([
        TrackedIndicator(zone_id=z, indicator_id=ind.pk, sort_order=n * 10)
        for z in zone_ids for n, ind in enumerate(indicators) if (z, ind.pk) not in have
    ], batch_size=batch_size)
    targets, observations = [], []
    n_targets = n_obs = 0
    for zone in zones:
        for ind in indicators:
            base = Decimal(rng.randint(20, 2000))
            for year in years:
                growth = Decimal(rng.randint(5, 25))
                level = (base * (1 + growth / 100)).quantize(Q2)
                with_level = rng.random() < 0.5
                targets.append(Target(
                    zone_id=zone.pk, indicator_id=ind.pk, year=year, value=level if with_level else None,
                    value_unit=ind.unit if with_level else "", growth_pct=growth,
                    bound=rng.choice([Bound.MIN, Bound.MIN, Bound.APPROX, Bound.EXACT]),
                    source=TargetSource.MANUAL, note="生成数据"))
                actual_growth = growth + Decimal(rng.uniform(-8, 6)).quantize(Decimal("0.1"))
                skip_january = rng.random() < 0.5
                ytd_prev = Decimal(0)
                for month in range(1, months + 1):
                    share = Decimal(month) / 12
                    ytd = (base * (1 + actual_growth / 100) * share * Decimal(rng.uniform(0.95, 1.05))).quantize(Q2)
                    ytd = max(ytd, ytd_prev)
                    if month == 1 and skip_january:
                        continue
                    observations.append(Observation(
                        zone_id=zone.pk, indicator_id=ind.pk, year=year, month=month,
                        month_value=(ytd - ytd_prev).quantize(Q2), ytd_value=ytd, value_unit=ind.unit,
                        yoy_pct=(actual_growth + Decimal(rng.uniform(-2, 2))).quantize(Decimal("0.1")),
                        source=source))
                    ytd_prev = ytd
                base = (base * (1 + actual_growth / 100)).quantize(Q2)
                if len(observations) >= batch_size:
                    Observation.objects.bulk_create(observations, batch_size=batch_size, ignore_conflicts=not replace)
                    n_obs += len(observations)
                    observations = []
            if len(targets) >= batch_size:
                Target.objects.bulk_create(targets, batch_size=batch_size, ignore_conflicts=not replace)
                n_targets += len(targets)
                targets = []
    # Without `replace`, figures already entered (e.g. the demo's monthly statistics) are kept.
    Target.objects.bulk_create(targets, batch_size=batch_size, ignore_conflicts=not replace)
    Observation.objects.bulk_create(observations, batch_size=batch_size, ignore_conflicts=not replace)
    return {"targets": n_targets + len(targets), "observations": n_obs + len(observations)}
