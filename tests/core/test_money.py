"""Amounts as a reader of Chinese reports expects them, from the one rule (core/money.py)."""

from decimal import Decimal as D

import pytest
from django.template import Context, Template

from zonework.core import money


@pytest.mark.parametrize(("amount_wan", "currency", "text"), [
    (8500, "CNY", "8500万元"),  # four digits: no separator (四位以内不分节)
    (D("8500.5"), "CNY", "8500.5万元"),
    (D("9999.99"), "CNY", "9999.99万元"),
    (D("9999.995"), "CNY", "1亿元"),  # rounded before choosing 万 or 亿
    (10000, "CNY", "1亿元"),
    (15000, "CNY", "1.5亿元"),
    (650000, "CNY", "65亿元"),
    (1100000, "CNY", "110亿元"),
    (3324600, "CNY", "332.46亿元"),
    (D("3324567.8"), "CNY", "332.46亿元"),
    (123450000, "CNY", "12,345亿元"),
    (D("1234567890000"), "CNY", "123,456,789亿元"),
    (1200, "USD", "1200万美元"),
    (30000, "USD", "3亿美元"),
    (0, "CNY", "0万元"),
    (D("0.004"), "CNY", "0万元"),
    (None, "CNY", "—"),
    ("", "CNY", "—"),
])
def test_an_amount_in_wan_is_written_in_wan_or_yi(amount_wan, currency, text):
    assert money.money_text(amount_wan, currency) == text


@pytest.mark.parametrize(("value", "unit", "text"), [
    (1100000, "万元", "110亿元"),
    (D("0.5"), "亿元", "5000万元"),
    (2020, "亿元", "2020亿元"),
    (12345, "亿元", "12,345亿元"),
    (D("1.2"), "亿美元", "1.2亿美元"),
    (95000, "元", "95,000元"),  # 元 is not rescaled (人均 figures stay in 元)
    (D("12.5"), "%", "12.5%"),
    (3, "万吨", "3万吨"),
    (D("12345.678"), "万吨", "12345.68万吨"),  # not money: rounded, not grouped
    (42, "", "42"),
    (None, "亿元", "—"),
])
def test_a_figure_with_its_unit(value, unit, text):
    assert money.quantity_text(value, unit) == text


@pytest.mark.parametrize(("amounts", "text"), [
    ({"CNY": 970000, "USD": 0}, "97亿元"),
    ({"CNY": 3324600, "USD": 1200}, "332.46亿元、1200万美元"),
    ({"CNY": 0, "USD": 0}, "0万元"),
])
def test_currencies_are_listed_never_added(amounts, text):
    assert money.amounts_text(amounts) == text


@pytest.mark.parametrize(("value", "from_unit", "to_unit", "expected"), [
    ("50000", "万元", "亿元", D(5)),
    ("5", "亿美元", "万美元", D(50000)),
    ("3", "亿元", "元", D(300000000)),
    ("2", "千瓦时", "万千瓦时", D("0.0002")),  # 千瓦时 is a base of its own as well as 千 × 瓦时
    ("5", "万吨", "吨", D(50000)),
    ("5", "亿元", "亿元", D(5)),
    ("5", "亿美元", "亿元", None),  # different currencies never convert
    ("5", "亿元", "吨", None),
    (None, "亿元", "万元", None),
])
def test_units_convert_by_powers_of_ten_within_a_base(value, from_unit, to_unit, expected):
    assert money.convert(value, from_unit, to_unit) == expected


@pytest.mark.parametrize(("unit", "factor", "currency"), [
    ("亿元", D(10000), "CNY"), ("万元", D(1), "CNY"), ("元", D("0.0001"), "CNY"),
    ("亿美元", D(10000), "USD"), ("万美元", D(1), "USD"), ("美元", D("0.0001"), "USD"),
    (" 亿元 ", D(10000), "CNY"),
])
def test_written_money_units_to_wan(unit, factor, currency):
    assert money.wan_factor(unit) == (factor, currency)


@pytest.mark.parametrize("unit", ["亿日元", "千元", "百万元", "吨", "", None])
def test_other_units_are_not_money_in_wan(unit):
    with pytest.raises(money.UnknownUnit):
        money.wan_factor(unit)


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (1, 3, D("33.3")), (2, 3, D("66.7")), (0, 5, D("0.0")), (5, 0, None), (7, 7, D("100.0")),
    (1, 8, D("12.5")), (1, 16, D("6.3")),  # half up, as 四舍五入: 6.25 → 6.3
])
def test_rates_to_one_decimal(part, whole, expected):
    assert money.percent(part, whole) == expected


@pytest.mark.parametrize(("value", "places", "text"), [
    (D("2020.0000"), 2, "2020"), (D("20.50"), 2, "20.5"), (D("332.456"), 2, "332.46"), (D("0.125"), 2, "0.13"),
    (D("-0.001"), 2, "0"), ("1,234.5", 1, "1234.5"), (None, 2, "—"), ("不详", 2, "—"), (D("33.35"), 1, "33.4"),
])
def test_numbers_as_staff_write_them(value, places, text):
    assert money.number_text(value, places) == text


def test_templates_write_amounts_by_the_same_rule():
    page = Template("{% load money %}{{ a|money }} {{ b|money:'USD' }} {{ c|amounts }} {{ d|quantity:'万元' }}").render(
        Context({"a": D(1100000), "b": D(1200), "c": {"CNY": D(8500), "USD": D(30000)}, "d": D(50000)}))
    assert page == "110亿元 1200万美元 8500万元、3亿美元 5亿元"
