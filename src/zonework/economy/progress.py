"""完成进度 and the red/yellow/green lights: the written, tested formulas (DOMAIN_NOTES §3).

- 时序进度 `time_pct` = N/12 of the year after month N (1-2月 counts as month 2).
- Level target (a value such as 2020亿元): 完成进度 `progress_pct` = year-to-date / target. A flow is on
  track when progress_pct >= time_pct; a stock (a level at a date) when progress_pct >= 100.
- Growth target (增长20%): the year-to-date yoy growth as reported, against the target rate.
- A lower-is-better indicator (能耗) turns both comparisons round.
- Light: green on track; yellow when behind by no more than the margin (settings
  ZONEWORK_ECONOMY_LIGHTS: "level_pts" points of progress, "growth_pts" points of growth); red when
  further behind; grey when there is no figure to compare. A 左右 (approx) target counts as met
  within "approx_pts" points. With both a level and a growth target the worse light shows.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext

from zonework.core.money import convert, quantity_text
from zonework.core.money import number_text as fmt
from zonework.core.numbers import as_decimal

GREEN, YELLOW, RED, GREY = "green", "yellow", "red", "grey"
LIGHT_LABELS = {GREEN: "绿灯", YELLOW: "黄灯", RED: "红灯", GREY: "灰灯"}
_SEVERITY = {GREY: 0, GREEN: 1, YELLOW: 2, RED: 3}

MARGIN_KEYS = ("level_pts", "growth_pts", "approx_pts")
HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def margins():
    """The light margins from settings.ZONEWORK_ECONOMY_LIGHTS (the one place their defaults live)."""
    configured = settings.ZONEWORK_ECONOMY_LIGHTS
    missing = [k for k in MARGIN_KEYS if k not in configured]
    if missing:
        raise ImproperlyConfigured(f"ZONEWORK_ECONOMY_LIGHTS 缺少 {', '.join(missing)}")
    return {k: Decimal(str(configured[k])) for k in MARGIN_KEYS}


def targets_in_force(targets):
    """{indicator_id: Target} a year is judged against, from that year's and the recurring (每年)
    targets: the year's own target wins over a recurring one for the same indicator."""
    chosen = {}
    for t in targets:
        if t.indicator_id not in chosen or (chosen[t.indicator_id].recurring and not t.recurring):
            chosen[t.indicator_id] = t
    return chosen


def _figure(o, name):
    return o[name] if isinstance(o, dict) else getattr(o, name)


def year_figure(by_month):
    """(observation, month) that stands for a year, from {month (None = the year): observation}
    (rows or .values() dicts): the yearly result when there is one (a report's final figure wins
    over December's year-to-date), else the latest month with a figure; (None, None) without any."""
    figured = [m for m, o in by_month.items()
               if _figure(o, "ytd_value") is not None or _figure(o, "yoy_pct") is not None
               or (m is None and _figure(o, "month_value") is not None)]
    if None in figured:
        return by_month[None], None
    latest = max(figured, default=None)
    return (by_month[latest], latest) if latest is not None else (None, None)


def time_pct(month):
    """时序进度 after month N, in percent (N/12)."""
    if month is None:
        return HUNDRED
    return (Decimal(int(month)) * HUNDRED / 12).quantize(TWO_PLACES)


def progress_pct(ytd, target_value):
    ytd, target_value = as_decimal(ytd), as_decimal(target_value)
    if ytd is None or not target_value:
        return None
    return (ytd * HUNDRED / target_value).quantize(TWO_PLACES)


def _grade(gap, margin):
    if gap is None:
        return GREY
    if gap >= 0:
        return GREEN
    if gap >= -margin:
        return YELLOW
    return RED


def worst(*lights):
    lights = [light for light in lights if light != GREY]
    return max(lights, key=_SEVERITY.get) if lights else GREY


@dataclass
class Assessment:
    """What a card shows: the light and the figures it was decided on."""

    light: str = GREY
    time_pct: Decimal | None = None
    progress_pct: Decimal | None = None  # level: year-to-date as a share of the target value
    level_gap: Decimal | None = None  # points ahead (+) or behind (-) of where the level should be
    growth_gap: Decimal | None = None  # points of growth ahead (+) or behind (-) of the target rate
    level_light: str = GREY
    growth_light: str = GREY
    notes: list = field(default_factory=list)

    @property
    def label(self):
        return LIGHT_LABELS[self.light]

    @property
    def on_track(self):
        return self.light == GREEN


def assess(*, month, ytd_value=None, ytd_unit="", yoy_pct=None, target_value=None, target_unit="",
           growth_pct=None, bound="exact", higher_is_better=True, kind="flow", config=None):
    """The light of one target after month `month` (None or 12 = the whole year)."""
    m = config or margins()
    result = Assessment(time_pct=time_pct(month))
    target_value, growth_pct, yoy = as_decimal(target_value), as_decimal(growth_pct), as_decimal(yoy_pct)
    tolerance = m["approx_pts"] if bound == "approx" else Decimal(0)
    if target_value is not None:
        ytd = convert(ytd_value, ytd_unit, target_unit)
        if ytd_value is not None and ytd is None:
            result.notes.append(f"单位不一致（{ytd_unit}与{target_unit}），无法计算完成进度")
        result.progress_pct = progress_pct(ytd, target_value)
        if result.progress_pct is not None:
            expected = HUNDRED if kind == "stock" else result.time_pct
            gap = result.progress_pct - expected
            if not higher_is_better:
                gap = -gap if kind == "stock" or month in (None, 12) else None
            result.level_gap = gap
            if gap is not None:
                result.level_light = _grade(gap + tolerance, m["level_pts"])
    if growth_pct is not None and yoy is not None:
        gap = yoy - growth_pct if higher_is_better else growth_pct - yoy
        result.growth_gap = gap
        result.growth_light = _grade(gap + tolerance, m["growth_pts"])
    result.light = worst(result.level_light, result.growth_light)
    return result


def met(**kwargs):
    """Whether a year's target was met by the year's result: True / False / None (no result)."""
    kwargs["month"] = None
    a = assess(**kwargs)
    if a.light == GREY:
        return None
    return a.light == GREEN


def assess_target(target, observation, *, month=None, config=None):
    """assess() for a Target row and the Observation row (or None) it is compared with."""
    indicator = target.indicator
    obs = observation
    return assess(
        month=month if month is not None else (obs.month if obs is not None else None),
        ytd_value=obs.ytd_value if obs is not None else None,
        ytd_unit=obs.value_unit if obs is not None else "",
        yoy_pct=obs.yoy_pct if obs is not None else None,
        target_value=target.value, target_unit=target.value_unit, growth_pct=target.growth_pct,
        bound=target.bound, higher_is_better=indicator.higher_is_better, kind=indicator.kind, config=config,
    )


BOUND_WORDS = {"min": "不低于", "approx": "左右", "exact": ""}


def describe_target(target):
    """增长不低于20%（力争25%）；2020亿元 — a target in the words of the plan."""
    return describe(target.value, target.value_unit, target.growth_pct, getattr(target, "bound", "exact"),
                    getattr(target, "stretch_pct", None))


def describe(value, value_unit, growth_pct, bound="exact", stretch_pct=None):
    parts = []
    if value is not None:
        words = quantity_text(value, value_unit)
        if bound == "min":
            words = f"不低于{words}"
        elif bound == "approx":
            words = f"{words}左右"
        parts.append(words)
    if growth_pct is not None:
        falling = growth_pct < 0
        verb, rate = ("下降", f"{fmt(-growth_pct)}%") if falling else ("增长", f"{fmt(growth_pct)}%")
        if bound == "min":
            words = f"{verb}{rate}以上" if falling else f"{verb}不低于{rate}"
        elif bound == "approx":
            words = f"{verb}{rate}左右"
        else:
            words = f"{verb}{rate}"
        if stretch_pct is not None:
            words += f"，力争{fmt(stretch_pct)}%"
        parts.append(words)
    return "；".join(parts) or "—"


def rule_text(config=None):
    """The rule of the lights in words, shown on the dashboard."""
    m = config or margins()
    return gettext(
        "时序进度 = 已过月数 ÷ 12（1-N月为 N/12）。"
        "有目标值的指标：完成进度 = 1-N月累计 ÷ 全年目标值；完成进度不低于时序进度为绿灯，"
        "落后不超过%(level)s个百分点为黄灯，落后更多为红灯（存量指标与100%%比较）。"
        "有目标增速的指标：累计同比增速不低于目标增速为绿灯，低于目标不超过%(growth)s个百分点为黄灯，"
        "低于更多为红灯；“左右”的目标允许%(approx)s个百分点的误差。"
        "同时有目标值和目标增速时取较差的灯；能耗等越低越好的指标反向比较。暂无数据为灰灯。"
    ) % {"level": fmt(m["level_pts"]), "growth": fmt(m["growth_pts"]), "approx": fmt(m["approx_pts"])}
