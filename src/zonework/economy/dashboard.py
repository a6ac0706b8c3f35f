"""The leaders' dashboard (领导驾驶舱) of one zone and year, built in a handful of queries.

Cards: one per target of the year, with the latest year-to-date figure, its yoy growth, progress and
light. Charts: year-to-date against the target path by month, and yoy against the target rate.
Plan against actual: each year's targets beside the results reported for that year, met or missed.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape  # the stdlib one: Django's lazy-aware wrapper costs more than the cell

from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from zonework.core.money import quantity_text

from . import progress as p
from .models import Indicator, Observation, Target, month_label


def _prefix(name):
    """The URL of `name` for object 0, cut before the id: reverse() once, not once per figure."""
    url = reverse(name, args=[0])
    cut = url.rindex("/0/")
    return url[:cut + 1], url[cut + 2:]


def url_for(name, pk):
    if name not in _PREFIXES:
        _PREFIXES[name] = _prefix(name)
    head, tail = _PREFIXES[name]
    return f"{head}{pk}{tail}"


_PREFIXES = {}


def source_url(document_id=None, provenance=None, upload_id=None):
    """Where a figure came from: the document span, the statistics upload, or the page its provenance
    names ({"url": ...}, e.g. the return it was approved in); None when none of them is known.
    SourcedMixin.source_url reads the same function, so every page links a figure alike."""
    if document_id:
        url = url_for("documents:review", document_id)
        start = (provenance or {}).get("start")
        if start is not None:
            end = (provenance or {}).get("end", start)
            return f"{url}?start={start}&end={end}#span-{start}"
        return url
    if upload_id:
        return url_for("economy:upload_detail", upload_id)
    url = (provenance or {}).get("url") if isinstance(provenance, dict) else None
    return url or None


def observation_url(o):
    """Where a figure came from: the document span, the statistics upload, or the row itself."""
    if not o:
        return None
    return source_url(o["document_id"], o["provenance"], o["upload_id"]) or url_for("economy:observation_edit", o["id"])


@dataclass
class Card:
    target: Target
    observation: dict | None
    assessment: p.Assessment
    month: int | None
    target_url: str | None
    value_url: str | None
    series: dict = field(default_factory=dict)
    instruct_url: str | None = None  # 领导批示 on this target, for a user who may write one

    @property
    def indicator(self):
        return self.target.indicator

    @property
    def period(self):
        return month_label(self.month) if self.observation else ""

    @property
    def value_text(self):
        o = self.observation
        return quantity_text(o["ytd_value"], o["value_unit"]) if o and o["ytd_value"] is not None else "—"

    @property
    def yoy_text(self):
        o = self.observation
        return f"{p.fmt(o['yoy_pct'])}%" if o and o["yoy_pct"] is not None else "—"

    @property
    def target_text(self):
        return p.describe_target(self.target)

    @property
    def progress_text(self):
        a = self.assessment
        if a.progress_pct is not None:
            return _("完成进度 %(pct)s%%") % {"pct": p.fmt(a.progress_pct, 1)}
        if a.growth_gap is not None:
            sign = "+" if a.growth_gap >= 0 else ""
            return _("增速较目标 %(gap)s个百分点") % {"gap": f"{sign}{p.fmt(a.growth_gap, 1)}"}
        return _("完成进度 —")

    def html(self):
        """The card as HTML (escaped here; sixty cards through template tags cost more than their queries)."""
        a, ind = self.assessment, self.indicator
        light = a.light
        label = _(a.label)  # the light's name in the reader's language (the .docx bulletin keeps Chinese)

        def link(url, text):
            return f'<a href="{escape(url)}" class="text-reset">{escape(text)}</a>' if url else escape(text)

        comparable = f'<span class="text-muted">{_("（可比价）")}</span>' if ind.price_basis == "comparable" else ""
        every_year = f' <span class="text-muted">{_("（每年）")}</span>' if self.target.recurring else ""
        time_share = (f' <span class="text-muted">· {_("时序进度")} {p.fmt(a.time_pct, 1)}%</span>'
                      if self.month and a.progress_pct is not None else "")
        notes = "".join(f'<div class="small text-danger">{escape(n)}</div>' for n in a.notes)
        if self.instruct_url:
            notes += (f'<div class="small mt-1"><a class="zw-card-instruct" href="{escape(self.instruct_url)}">'
                      f'<i class="bi bi-pencil-square"></i> {_("批示")}</a></div>')
        return (
            f'<div class="col"><div class="card h-100 zw-card zw-{light}" data-indicator="{escape(ind.name)}" '
            f'data-light="{light}"><div class="card-body py-2">'
            f'<div class="d-flex align-items-center mb-1"><span class="zw-light zw-light-{light} me-2" '
            f'title="{label}"></span><h2 class="h6 mb-0">{escape(ind.name)}</h2>'
            f'<span class="ms-auto badge text-bg-light">{label}</span></div>'
            f'<div class="fs-5">{link(self.value_url, self.value_text)} <small class="text-muted">{self.period}</small></div>'
            f'<div class="small">{_("同比")} {link(self.value_url, self.yoy_text)}{comparable}</div>'
            f'<div class="small">{_("目标")} <a href="{escape(self.target_url)}">{escape(self.target_text)}</a>{every_year}</div>'
            f'<div class="small">{self.progress_text}{time_share}</div>{notes}'
            f'</div></div></div>'
        )


def offer_instructions(cards, user):
    """Give each card its 批示 link when the user may write a 领导批示. Instructions are the work app's:
    asked through its AppConfig, so the dashboard works without it."""
    from django.apps import apps
    from django.urls import reverse

    if not apps.is_installed("zonework.work") or not apps.get_app_config("work").can_instruct(user):
        return cards
    base = reverse("work:instruction_subject")
    for card in cards:
        card.instruct_url = f"{base}?target={card.target.pk}"
    return cards


OBS_FIELDS = ("id", "indicator_id", "year", "month", "month_value", "ytd_value", "value_unit", "yoy_pct",
              "document_id", "provenance", "upload_id", "source")


def years_for(zone):
    """The years the zone has targets or figures for, newest first."""
    years = set(Target.objects.filter(zone=zone, year__isnull=False).order_by().values_list("year", flat=True)
                .distinct())
    years |= set(Observation.objects.filter(zone=zone).order_by().values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


def build(zone, year, *, years=None):
    config = p.margins()
    targets = list(
        Target.objects.filter(zone=zone).filter(Q(year=year) | Q(recurring=True))
        .select_related("indicator").order_by("indicator__sort_order", "indicator__name")
    )
    chosen = p.targets_in_force(targets)
    targets = sorted(chosen.values(), key=lambda t: (t.indicator.sort_order, t.indicator.name))
    ids = list(chosen)
    by_month = defaultdict(dict)  # indicator → {month (None = the yearly result): observation}
    for o in Observation.objects.filter(zone=zone, year=year, indicator_id__in=ids).values(*OBS_FIELDS):
        by_month[o["indicator_id"]][o["month"]] = o
    cards = []
    for t in targets:
        figures = by_month.get(t.indicator_id, {})
        obs, month = p.year_figure(figures)
        months = {m: o for m, o in figures.items() if m is not None}
        a = _assess(t, obs, month, config)
        card = Card(target=t, observation=obs, assessment=a, month=month,
                    target_url=source_url(t.document_id, t.provenance) or url_for("economy:target_edit", t.pk),
                    value_url=observation_url(obs))
        card.series = _series(t, months)
        cards.append(card)
    lights = defaultdict(int)
    for c in cards:
        lights[c.assessment.light] += 1
    return {
        "zone": zone,
        "year": year,
        "cards": cards,
        "lights": {k: lights.get(k, 0) for k in (p.GREEN, p.YELLOW, p.RED, p.GREY)},
        # Indicators with monthly figures first, so the chart opens on something to look at.
        "charts": sorted(
            ({"id": c.target.indicator_id, "name": c.target.indicator.name, **c.series} for c in cards),
            key=lambda ch: not any(v is not None for v in ch["ytd"] + ch["yoy"]),
        ),
        "history": plan_against_actual(zone, config),
        "rule": p.rule_text(config),
    }


def _assess(target, obs, month, config):
    ind = target.indicator
    return p.assess(
        month=month,
        ytd_value=obs["ytd_value"] if obs else None, ytd_unit=obs["value_unit"] if obs else "",
        yoy_pct=obs["yoy_pct"] if obs else None,
        target_value=target.value, target_unit=target.value_unit, growth_pct=target.growth_pct,
        bound=target.bound, higher_is_better=ind.higher_is_better, kind=ind.kind, config=config,
    )


def _float(value):
    return float(value) if value is not None else None


def _series(target, months):
    """Chart data by month: year-to-date (in the target's unit) against the target path; yoy against rate."""
    ytd, path, yoy, rate = [], [], [], []
    for m in range(1, 13):
        o = months.get(m)
        value = p.convert(o["ytd_value"], o["value_unit"], target.value_unit) if o and target.value is not None \
            else (o["ytd_value"] if o else None)
        ytd.append(_float(value))
        # The path the light is judged against: the target times 时序进度 after month m.
        path.append(_float(target.value * p.time_pct(m) / 100) if target.value is not None else None)
        yoy.append(_float(o["yoy_pct"]) if o else None)
        rate.append(_float(target.growth_pct))
    return {"months": [f"{m}月" for m in range(1, 13)], "ytd": ytd, "path": path, "yoy": yoy, "rate": rate,
            "unit": target.value_unit or target.indicator.unit, "has_level": target.value is not None,
            "has_growth": target.growth_pct is not None}


TARGET_FIELDS = ("id", "indicator_id", "year", "value", "value_unit", "growth_pct", "bound", "stretch_pct",
                 "document_id", "provenance")


def plan_against_actual(zone, config=None):
    """Rows per indicator, cells per year: the year's target beside the result reported for it.

    Cells come as ready HTML (escaped here): hundreds of cells through template tags would cost more
    than every query of the page together."""
    config = config or p.margins()
    targets = list(Target.objects.filter(zone=zone, recurring=False).order_by().values(*TARGET_FIELDS))
    if not targets:
        return {"years": [], "rows": []}
    ids = {t["indicator_id"] for t in targets}
    indicators = Indicator.objects.in_bulk(ids)
    results = {}
    for o in (Observation.objects.filter(zone=zone, indicator_id__in=ids)
              .filter(Q(month__isnull=True) | Q(month=12)).order_by().values(*OBS_FIELDS)):
        key = (o["indicator_id"], o["year"])
        # A yearly result (from a report) wins over December's year-to-date.
        if key not in results or o["month"] is None:
            results[key] = o
    years = sorted({t["year"] for t in targets})
    rows = {}
    for t in targets:
        ind = indicators[t["indicator_id"]]
        row = rows.setdefault(ind.pk, {"indicator": ind, "cells": {}})
        obs = results.get((ind.pk, t["year"]))
        row["cells"][t["year"]] = _history_cell(t, obs, ind, config)
    ordered = sorted(rows.values(), key=lambda r: (r["indicator"].sort_order, r["indicator"].name))
    for row in ordered:
        row["by_year"] = [row["cells"].get(y, "") for y in years]
    return {"years": years, "rows": ordered}


def _history_cell(t, obs, ind, config):
    outcome = p.met(ytd_value=obs["ytd_value"] if obs else None, ytd_unit=obs["value_unit"] if obs else "",
                    yoy_pct=obs["yoy_pct"] if obs else None, target_value=t["value"], target_unit=t["value_unit"],
                    growth_pct=t["growth_pct"], bound=t["bound"], higher_is_better=ind.higher_is_better,
                    kind=ind.kind, config=config)
    target_text = p.describe(t["value"], t["value_unit"], t["growth_pct"], t["bound"], t["stretch_pct"])
    target_url = source_url(t["document_id"], t["provenance"]) or url_for("economy:target_edit", t["id"])
    html = f'<div>{_("目标")} <a href="{escape(target_url)}">{escape(target_text)}</a></div>'
    if obs:
        parts = []
        if obs["ytd_value"] is not None:
            parts.append(quantity_text(obs["ytd_value"], obs["value_unit"]))
        if obs["yoy_pct"] is not None:
            parts.append(_("增长%(pct)s%%") % {"pct": p.fmt(obs['yoy_pct'])})
        html += f'<div>{_("实际")} <a href="{escape(observation_url(obs))}">{escape(_("，").join(parts) or "—")}</a></div>'
    else:
        html += f"<div>{_('实际')} —</div>"
    if outcome is True:
        html += f'<span class="zw-met">✔ {_("完成")}</span>'
    elif outcome is False:
        html += f'<span class="zw-missed">✘ {_("未完成")}</span>'
    else:
        html += f'<span class="text-muted">{_("暂无实际")}</span>'
    return mark_safe(html)  # noqa: S308 (every piece above is escaped)
