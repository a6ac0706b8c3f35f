"""The progress and light formulas, table by table (economy/progress.py)."""

from decimal import Decimal as D

import pytest

from zonework.core.numbers import as_decimal
from zonework.economy import progress as p

M = {"level_pts": D(5), "growth_pts": D(2), "approx_pts": D("0.5")}


@pytest.mark.parametrize("month, expected", [
    (1, D("8.33")), (2, D("16.67")), (5, D("41.67")), (6, D("50.00")), (10, D("83.33")), (12, D("100.00")),
    (None, D("100")),
])
def test_time_share_is_months_over_twelve(month, expected):
    assert p.time_pct(month) == expected


@pytest.mark.parametrize("ytd, target, expected", [
    ("1018", "2000", D("50.90")),  # DOMAIN_NOTES: 1–5月 50.9% against 41.7%
    ("0", "100", D("0.00")),
    (None, "100", None),
    ("50", "0", None),
])
def test_level_progress_is_ytd_over_target(ytd, target, expected):
    assert p.progress_pct(ytd, target) == expected


LEVEL_CASES = [
    # month, ytd, target, kind, higher_is_better, light
    (5, "1018", "2000", "flow", True, "green"),  # 50.9% ≥ 41.67%
    (6, "950", "2000", "flow", True, "yellow"),  # 47.5% is 2.5 points behind 50%
    (6, "800", "2000", "flow", True, "red"),  # 40% is 10 points behind
    (12, "2000", "2000", "flow", True, "green"),
    (6, "96", "100", "stock", True, "yellow"),  # a stock is compared with 100%, not the time share
    (6, "100", "100", "stock", True, "green"),
    (12, "0.52", "0.50", "flow", False, "yellow"),  # energy intensity: lower is better
    (12, "0.48", "0.50", "flow", False, "green"),
    (6, None, "2000", "flow", True, "grey"),
]


@pytest.mark.parametrize("month, ytd, target, kind, higher, light", LEVEL_CASES)
def test_level_target_light(month, ytd, target, kind, higher, light):
    a = p.assess(month=month, ytd_value=ytd, ytd_unit="亿元", target_value=target, target_unit="亿元", kind=kind,
                 higher_is_better=higher, config=M)
    assert a.light == light


GROWTH_CASES = [
    # yoy as reported, target rate, bound, light
    ("21.5", "20", "min", "green"),
    ("20", "20", "min", "green"),
    ("18.5", "20", "min", "yellow"),  # 1.5 points short, within the 2-point margin
    ("17.9", "20", "min", "red"),
    ("7.6", "8", "approx", "green"),  # 左右 forgives 0.5 points
    ("7.5", "8", "approx", "green"),
    ("7.4", "8", "approx", "yellow"),
    ("7.6", "8", "exact", "yellow"),
    (None, "20", "min", "grey"),
]


@pytest.mark.parametrize("yoy, rate, bound, light", GROWTH_CASES)
def test_growth_target_light(yoy, rate, bound, light):
    assert p.assess(month=6, yoy_pct=yoy, growth_pct=rate, bound=bound, config=M).light == light


def test_approx_bound_counts_within_tolerance_as_met():
    assert p.assess(month=12, yoy_pct="7.6", growth_pct="8", bound="approx", config=M).growth_gap == D("-0.4")
    assert p.met(yoy_pct="7.6", growth_pct="8", bound="approx", config=M) is True
    assert p.met(yoy_pct="7.6", growth_pct="8", bound="exact", config=M) is False


def test_both_targets_show_the_worse_light():
    a = p.assess(month=6, ytd_value="1100", ytd_unit="亿元", target_value="2000", target_unit="亿元",
                 yoy_pct="15", growth_pct="20", bound="min", config=M)
    assert (a.level_light, a.growth_light, a.light) == ("green", "red", "red")


def test_units_of_different_currencies_give_no_progress():
    a = p.assess(month=12, ytd_value="5", ytd_unit="亿美元", target_value="5", target_unit="亿元", config=M)
    assert a.light == "grey" and "单位不一致" in a.notes[0]


def test_margins_come_from_settings(settings):
    settings.ZONEWORK_ECONOMY_LIGHTS = {**settings.ZONEWORK_ECONOMY_LIGHTS, "growth_pts": 5}
    assert p.assess(month=6, yoy_pct="16", growth_pct="20", bound="min").light == "yellow"
    assert "5个百分点" in p.rule_text()


def test_a_margin_left_out_of_settings_is_named(settings):
    """The defaults live in settings.py alone, so a deployment that drops one hears which."""
    from django.core.exceptions import ImproperlyConfigured

    settings.ZONEWORK_ECONOMY_LIGHTS = {"growth_pts": 5}
    with pytest.raises(ImproperlyConfigured, match="level_pts, approx_pts"):
        p.margins()


def test_met_is_none_without_a_result():
    assert p.met(yoy_pct=None, growth_pct="20") is None


def test_rule_is_stated_in_chinese_words():
    text = p.rule_text(M)
    assert "时序进度" in text and "绿灯" in text and "黄灯" in text and "红灯" in text and "灰灯" in text


@pytest.mark.parametrize("value, unit, growth, bound, stretch, words", [
    (None, "", "20", "min", None, "增长不低于20%"),
    (None, "", "20", "exact", "25", "增长20%，力争25%"),
    (None, "", "8", "approx", None, "增长8%左右"),
    ("2020", "亿元", None, "exact", None, "2020亿元"),
    ("1100000", "万元", None, "min", None, "不低于110亿元"),
    ("12345", "亿元", None, "exact", None, "12,345亿元"),
    ("210", "亿元", "23.5", "exact", None, "210亿元；增长23.5%"),
    (None, "", "-3", "exact", None, "下降3%"),
])
def test_target_in_words(value, unit, growth, bound, stretch, words):
    class T:
        pass

    t = T()
    t.value, t.value_unit, t.growth_pct = as_decimal(value), unit, as_decimal(growth)
    t.bound, t.stretch_pct = bound, as_decimal(stretch)
    assert p.describe_target(t) == words


@pytest.mark.parametrize("figures, expected", [
    # {month: (ytd, yoy)} → the month that stands for the year (None = the yearly result)
    ({None: ("2020", "20"), 12: ("2010", "19.5"), 11: ("1800", "19")}, None),  # a report's result wins
    ({12: ("2010", "19.5"), 11: ("1800", "19")}, 12),
    ({5: ("100", "5"), 6: (None, None)}, 5),  # a month without a figure does not count
    ({None: (None, None), 5: ("100", "5")}, 5),
    ({None: (None, None)}, "nothing"),
    ({}, "nothing"),
])
def test_the_figure_that_stands_for_a_year(figures, expected):
    """The dashboard and the work summary show the same figure for a year (progress.year_figure)."""
    by_month = {m: {"month": m, "ytd_value": as_decimal(ytd), "yoy_pct": as_decimal(yoy), "month_value": None}
                for m, (ytd, yoy) in figures.items()}
    obs, month = p.year_figure(by_month)
    if expected == "nothing":
        assert (obs, month) == (None, None)
    else:
        assert month == expected and obs is by_month[expected]


def test_the_years_own_target_wins_over_a_recurring_one():
    class T:
        def __init__(self, indicator_id, recurring, name):
            self.indicator_id, self.recurring, self.name = indicator_id, recurring, name

    chosen = p.targets_in_force([T(1, False, "2013年"), T(1, True, "每年"), T(2, True, "每年"), T(3, False, "2013年")])
    assert {k: t.name for k, t in chosen.items()} == {1: "2013年", 2: "每年", 3: "2013年"}
