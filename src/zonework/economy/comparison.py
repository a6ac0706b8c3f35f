"""Zones side by side: one row per zone, for the chosen indicators, year and month.

Set-based: the targets and the figures of every zone come in one query each (plus the zones and the
indicators), whatever the number of zones, so a province with 230 zones costs what one zone costs.
The light and 完成进度 are the dashboard's (`dashboard._assess` → `progress.assess`): one rule.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from zonework.core import scope
from zonework.core.choices import ZoneKind, ZoneLevel
from zonework.core.money import quantity_text

from . import dashboard
from . import progress as p
from .models import Indicator, Observation, Target

GROUPS = {"city": "按城市", "level": "按级别", "kind": "按类型"}
FIELDS = {"value": "数值", "growth": "同比", "progress": "完成进度", "light": "灯"}
LIGHT_ORDER = {p.GREEN: 0, p.YELLOW: 1, p.RED: 2, p.GREY: 3}


@dataclass
class Cell:
    zone_id: int
    indicator: Indicator
    value: object = None
    unit: str = ""
    growth: object = None
    progress: object = None
    growth_gap: object = None
    light: str = p.GREY
    month: int | None = None

    @property
    def light_label(self):
        return p.LIGHT_LABELS[self.light]

    @property
    def value_text(self):
        return quantity_text(self.value, self.unit) if self.value is not None else "—"

    @property
    def growth_text(self):
        return f"{p.fmt(self.growth)}%" if self.growth is not None else "—"

    @property
    def progress_text(self):
        if self.progress is not None:
            return f"{p.fmt(self.progress, 1)}%"
        if self.growth_gap is not None:
            sign = "+" if self.growth_gap >= 0 else ""
            return f"增速较目标{sign}{p.fmt(self.growth_gap, 1)}个百分点"
        return "—"

    def sort_value(self, name):
        if name == "light":
            return LIGHT_ORDER[self.light]
        if name == "progress" and self.progress is None:
            # A growth target has no 完成进度: its column shows (and sorts by) the gap to the rate.
            return self.growth_gap
        return getattr(self, name)


@dataclass
class Row:
    zone: object
    cells: list = field(default_factory=list)
    rank: int | None = None

    def group(self, by):
        z = self.zone
        if by == "city":
            return z.city or "未填城市"
        if by == "level":
            return ZoneLevel(z.level).label if z.level in ZoneLevel.values else z.level
        if by == "kind":
            return ZoneKind(z.kind).label if z.kind in ZoneKind.values else z.kind
        return ""


def visible_zones(user):
    """The zones whose figures the user may read, by name."""
    return scope.zones_for(user).order_by("name")


def indicator_choices(user, zone_ids, year):
    """The indicators that have a target for the year (or every year) in any of the zones."""
    targets = scope.restrict(Target.objects.all(), user).filter(zone_id__in=zone_ids)
    ids = targets.filter(Q(year=year) | Q(recurring=True)).order_by().values_list("indicator_id", flat=True)
    return list(Indicator.objects.filter(pk__in=ids).order_by("sort_order", "name"))


def years(user, zone_ids):
    """The years any of the zones has targets for, and this year, newest first."""
    from zonework.core import clock

    found = set(scope.restrict(Target.objects.all(), user).filter(zone_id__in=zone_ids, year__isnull=False)
                .order_by().values_list("year", flat=True).distinct())
    return sorted(found | {clock.today().year}, reverse=True)


def build(user, zones, indicators, year, month=None):
    """[Row] for `zones` (a list) × `indicators` (a list): value, 同比, 完成进度 and light per cell.

    Figures count up to `month` (the latest month with a figure no later than it), or, without a
    month, as the dashboard reads the year: the yearly result, else the latest month."""
    config = p.margins()
    zone_ids = [z.pk for z in zones]
    ind_ids = [i.pk for i in indicators]
    targets = defaultdict(list)
    for t in (scope.restrict(Target.objects.all(), user).filter(zone_id__in=zone_ids, indicator_id__in=ind_ids)
              .filter(Q(year=year) | Q(recurring=True)).select_related("indicator").order_by()):
        targets[t.zone_id].append(t)
    figures = defaultdict(dict)  # (zone, indicator) → {month: observation}
    obs = scope.restrict(Observation.objects.all(), user).filter(zone_id__in=zone_ids, year=year,
                                                                indicator_id__in=ind_ids)
    if month:
        obs = obs.filter(month__lte=month)
    for o in obs.order_by().values("zone_id", *dashboard.OBS_FIELDS):
        figures[(o["zone_id"], o["indicator_id"])][o["month"]] = o
    rows = []
    for zone in zones:
        chosen = p.targets_in_force(targets.get(zone.pk, []))
        row = Row(zone=zone)
        for ind in indicators:
            o, m = p.year_figure(figures.get((zone.pk, ind.pk), {}))
            cell = Cell(zone_id=zone.pk, indicator=ind, month=m, unit=ind.unit)
            if o:
                cell.value, cell.unit, cell.growth = o["ytd_value"], o["value_unit"] or ind.unit, o["yoy_pct"]
            target = chosen.get(ind.pk)
            if target is not None:
                a = dashboard._assess(target, o, m, config)
                cell.progress, cell.growth_gap, cell.light = a.progress_pct, a.growth_gap, a.light
            row.cells.append(cell)
        rows.append(row)
    return rows


def parse_sort(text, indicators):
    """("zone", None) or (indicator_id, field) from "zone" or "<indicator id>:<field>"."""
    ids = {i.pk for i in indicators}
    if text and ":" in text:
        head, _, name = text.partition(":")
        if head.isdigit() and int(head) in ids and name in FIELDS:
            return int(head), name
    if indicators:
        return indicators[0].pk, "progress"
    return "zone", None


def order(rows, indicators, sort, descending, group=None):
    """Rows sorted by the column, blanks last, ranked 1..n (within each group when grouped)."""
    key_ind, name = sort
    position = {i.pk: n for n, i in enumerate(indicators)}

    def key(row):
        if key_ind == "zone":
            return (0, row.zone.name)
        v = row.cells[position[key_ind]].sort_value(name)
        return (1, 0) if v is None else (0, -v if descending else v)

    if key_ind == "zone" and descending:
        rows = sorted(rows, key=lambda r: r.zone.name, reverse=True)
    else:
        rows = sorted(rows, key=key)
    if group:
        rows = sorted(rows, key=lambda r: r.group(group))  # stable: the column order holds inside a group
    counts = defaultdict(int)
    for row in rows:
        g = row.group(group) if group else ""
        counts[g] += 1
        row.rank = counts[g]
    return rows


def api_rows(rows):
    """Flat rows for the API: one per zone and indicator."""
    for row in rows:
        for c in row.cells:
            yield {"zone": row.zone.pk, "zone_name": row.zone.name, "indicator": c.indicator.pk,
                   "indicator_name": c.indicator.name, "month": c.month, "value": c.value, "unit": c.unit,
                   "growth": c.growth, "progress": c.progress, "light": c.light}


def excel_rows(rows, indicators, group=None):
    """The table as the page shows it: a header, then one line per zone."""
    head = ["排名", "开发区"] + (["分组"] if group else [])
    for ind in indicators:
        head += [f"{ind.name}（{ind.unit}）" if ind.unit else ind.name, f"{ind.name} 同比(%)",
                 f"{ind.name} 完成进度(%)", f"{ind.name} 灯"]
    yield head
    for row in rows:
        line = [row.rank, row.zone.name] + ([row.group(group)] if group else [])
        for c in row.cells:
            value = p.convert(c.value, c.unit, c.indicator.unit) if c.value is not None and c.indicator.unit else c.value
            line += [_num(value if value is not None else c.value), _num(c.growth), _num(c.progress), c.light_label]
        yield line


def _num(v):
    return float(v) if v is not None else None


def chart_data(rows, indicators, sort):
    """The bar chart (the sorted column by zone) and the heat map (lights by zone and indicator)."""
    key_ind, name = sort
    position = {i.pk: n for n, i in enumerate(indicators)}
    bar_name, bar = "", []
    if key_ind != "zone":
        ind = indicators[position[key_ind]]
        bar_name = f"{ind.name} · {FIELDS[name]}"
        bar = [_num(r.cells[position[key_ind]].sort_value(name)) for r in rows]
    heat = []  # [indicator, zone, light, the 完成进度 text]: coloured by the light, as the table is
    for y, row in enumerate(rows):
        for x, c in enumerate(row.cells):
            heat.append([x, y, LIGHT_ORDER[c.light], c.progress_text])
    return {"zones": [r.zone.short_name or r.zone.name for r in rows], "bar_name": bar_name, "bar": bar,
            "indicators": [i.name for i in indicators], "heat": heat}
