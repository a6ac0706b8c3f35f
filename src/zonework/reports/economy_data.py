"""The economy rows a report draws on: each indicator's figure for a period, its target and light.

Reads go through the data scope of the requesting user (a command reads everything). The light
and 完成进度 come from `zonework.economy.progress`, the one written formula (never recomputed here).
"""

from __future__ import annotations

from dataclasses import dataclass

from .common import model, rows


@dataclass
class IndicatorRow:
    indicator: object
    observation: object | None  # the figure for the period (None: no figure)
    target: object | None
    assessment: object | None  # economy.progress.Assessment
    month: int | None  # the month the figure runs to (None: a yearly figure)

    @property
    def name(self):
        return self.indicator.name


def available():
    return model("economy", "Observation") is not None and model("economy", "Target") is not None


def targets_for(zone, year, user):
    """{indicator_id: Target} for the year: the year's own target, else a recurring (每年) one."""
    Target = model("economy", "Target")
    if Target is None:
        return {}
    from django.db.models import Q

    from zonework.economy.progress import targets_in_force

    qs = rows(Target.objects.filter(zone=zone), user).select_related("indicator")
    return targets_in_force(qs.filter(Q(recurring=True) | Q(year=year, recurring=False)))


def _assess(target, obs, month):
    if target is None:
        return None
    from zonework.economy import progress

    return progress.assess_target(target, obs, month=month)


def year_rows(zone, year, user):
    """One row per indicator with a figure or a target in `year`; the figure is the yearly result,
    else the latest month's year-to-date figure."""
    Observation = model("economy", "Observation")
    if Observation is None:
        return []
    from django.db.models import Max, Q

    from zonework.economy.progress import year_figure

    targets = targets_for(zone, year, user)
    obs_by_ind = {}
    base = rows(Observation.objects.filter(zone=zone, year=year), user)
    # only each indicator's yearly figure and its latest month, not every month of the year
    latest = Q(month__isnull=True)
    for entry in base.filter(month__isnull=False).values("indicator_id").annotate(last=Max("month")):
        latest |= Q(indicator_id=entry["indicator_id"], month=entry["last"])
    by_month = {}
    for obs in base.filter(latest).select_related("indicator"):
        by_month.setdefault(obs.indicator_id, {})[obs.month] = obs
    for indicator_id, figures in by_month.items():
        obs, _month = year_figure(figures)
        if obs is not None:
            obs_by_ind[indicator_id] = obs
    indicators = {o.indicator_id: o.indicator for o in obs_by_ind.values()}
    indicators.update({t.indicator_id: t.indicator for t in targets.values()})
    out = []
    for ind in sorted(indicators.values(), key=lambda i: (i.sort_order, i.name)):
        obs = obs_by_ind.get(ind.pk)
        month = obs.month if obs is not None and obs.month not in (None, 12) else None
        target = targets.get(ind.pk)
        out.append(IndicatorRow(ind, obs, target, _assess(target, obs, month), month))
    return out


def month_rows(zone, year, month, user):
    """The indicators reported for 1-`month`月 of `year`, in the zone's template order when it has one."""
    Observation = model("economy", "Observation")
    if Observation is None:
        return []
    targets = targets_for(zone, year, user)
    qs = rows(Observation.objects.filter(zone=zone, year=year, month=month), user).select_related("indicator")
    observations = list(qs)
    order = {}
    Tracked = model("economy", "TrackedIndicator")
    if Tracked is not None:
        order = {t.indicator_id: t.sort_order for t in Tracked.objects.filter(zone=zone)}
    observations.sort(key=lambda o: (order.get(o.indicator_id, 10**6), o.indicator.sort_order, o.indicator.name))
    return [IndicatorRow(o.indicator, o, targets.get(o.indicator_id),
                         _assess(targets.get(o.indicator_id), o, month), month) for o in observations]


def monthly_series(zone, year, indicator_ids, user):
    """{indicator_id: {month: Observation}} for the months of `year`, for charts."""
    Observation = model("economy", "Observation")
    if Observation is None:
        return {}
    out = {}
    qs = rows(Observation.objects.filter(zone=zone, year=year, indicator_id__in=indicator_ids,
                                         month__isnull=False), user)
    for obs in qs:
        out.setdefault(obs.indicator_id, {})[obs.month] = obs
    return out


def has_data(zone, year, user, month=None):
    Observation = model("economy", "Observation")
    if Observation is None:
        return False
    qs = rows(Observation.objects.filter(zone=zone, year=year), user)
    if month is not None:
        qs = qs.filter(month=month)
    return qs.exists()
