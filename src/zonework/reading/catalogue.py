"""Headline indicators that zone reports state, with the names documents give them.

The economy app seeds its Indicator table from CATALOGUE; the reader recognises an indicator in a
sentence by any alias below. Aliases are the names as documents write them, so a record keeps the
name as written while `lookup` says which indicator it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

FLOW, STOCK = "flow", "stock"
COMPARABLE, CURRENT = "comparable", "current"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str  # canonical Chinese name
    family: str
    unit: str  # usual unit of a level
    flow: str  # FLOW adds up over months, STOCK is a level at a date
    price_basis: str | None  # growth at comparable (constant) or current prices; None for non-money
    higher_is_better: bool
    aliases: tuple[str, ...]


def _combine(prefixes, heads):
    return tuple(p + h for p, h in product(prefixes, heads))


_ABOVE_SCALE = ("规模以上", "规上")

CATALOGUE: tuple[Indicator, ...] = (
    Indicator("gdp", "地区生产总值", "gdp", "亿元", FLOW, COMPARABLE, True,
              ("地区生产总值", "国内生产总值", "生产总值", "GDP", "地区GDP")),
    Indicator("industrial_output_above_scale", "规模以上工业总产值", "industrial_output", "亿元", FLOW,
              CURRENT, True, _combine(_ABOVE_SCALE, ("工业总产值", "工业产值"))),
    Indicator("industrial_output", "工业总产值", "industrial_output", "亿元", FLOW, CURRENT, True,
              ("工业总产值", "全部工业总产值")),
    Indicator("industrial_value_added_above_scale", "规模以上工业增加值", "industrial_value_added",
              "亿元", FLOW, COMPARABLE, True, _combine(_ABOVE_SCALE, ("工业增加值",))),
    Indicator("industrial_value_added", "工业增加值", "industrial_value_added", "亿元", FLOW,
              COMPARABLE, True, ("工业增加值", "全部工业增加值")),
    Indicator("fiscal_revenue_total", "全口径财政收入", "fiscal_revenue", "亿元", FLOW, CURRENT, True,
              ("全口径财政收入", "财政总收入", "财政收入", "地方财政收入", "全口径财政总收入")),
    Indicator("general_budget_revenue", "一般公共预算收入", "fiscal_revenue", "亿元", FLOW, CURRENT, True,
              _combine(("", "地方", "财政", "地方财政"), ("一般预算收入", "一般公共预算收入"))
              + _combine(("", "地方"), ("公共财政预算收入", "公共财政收入"))),
    Indicator("tax_revenue", "税收收入", "tax_revenue", "亿元", FLOW, CURRENT, True,
              ("税收收入", "税收总收入", "税收总额", "地方税收收入")),
    Indicator("fixed_asset_investment", "固定资产投资", "fixed_asset_investment", "亿元", FLOW, CURRENT,
              True,
              _combine(("", "全社会", "限上", "限额以上", "城镇", "500万元以上"),
                       ("固定资产投资", "固定资产投资额", "固定资产投资总额"))
              + ("企业完成投资",)),
    Indicator("industrial_investment", "工业投资", "industrial_investment", "亿元", FLOW, CURRENT, True,
              _combine(("", "限上", "限额以上"), ("工业投资", "工业固定资产投资", "工业性投资"))),
    Indicator("agreed_investment", "协议投资总额", "investment_promotion", "亿元", FLOW, CURRENT, True,
              ("签约项目投资总额", "签约投资总额", "签约总投资", "签约项目总投资", "协议投资总额",
               "协议投资额", "协议引资", "协议引资额", "协议引进内外资总额", "协议利用内外资",
               "合同引资", "合同投资额", "招商引资签约额", "招商引资协议额", "引进投资总额",
               "招商引资总额", "引进内外资总额")),
    Indicator("paid_in_investment", "实际到位资金", "investment_promotion", "亿元", FLOW, CURRENT, True,
              ("实际引进内外资总额", "实际到位资金", "到位资金", "招商引资到位资金", "招商引资实际到位资金",
               "实际利用内外资", "实际到位内外资", "到位内外资", "实际引资")),
    Indicator("foreign_investment_used", "实际利用外资", "foreign_investment", "亿美元", FLOW, CURRENT,
              True, ("实际利用外资", "实际使用外资", "利用外资", "到位外资", "实际到位外资", "外资到位",
                     "合同利用外资", "合同外资", "实际利用外商直接投资")),
    Indicator("domestic_investment_used", "实际利用内资", "investment_promotion", "亿元", FLOW, CURRENT,
              True, ("实际利用内资", "到位内资", "实际到位内资", "引进内资")),
    Indicator("tech_industry_trade_revenue", "技工贸总收入", "tech_industry_trade_revenue", "亿元", FLOW,
              CURRENT, True, ("技工贸总收入", "技工贸收入", "营业总收入")),
    Indicator("services_revenue", "服务业总收入", "services", "亿元", FLOW, CURRENT, True,
              ("服务业总收入", "服务业收入", "服务业营业收入", "服务业营业总收入")),
    Indicator("services_value_added", "服务业增加值", "services", "亿元", FLOW, COMPARABLE, True,
              ("服务业增加值", "第三产业增加值", "现代服务业增加值")),
    Indicator("retail_sales", "社会消费品零售总额", "retail_sales", "亿元", FLOW, CURRENT, True,
              ("社会消费品零售总额", "社会消费品零售额", "限上社会消费品零售额", "社零总额")),
    Indicator("foreign_trade", "进出口总额", "foreign_trade", "亿美元", FLOW, CURRENT, True,
              _combine(("", "外贸"), ("进出口总额", "进出口总值", "进出口额", "进出口"))),
    Indicator("exports", "出口总额", "foreign_trade", "亿美元", FLOW, CURRENT, True,
              ("出口总额", "出口总值", "出口额", "出口创汇", "外贸出口", "自营出口", "出口")),
    Indicator("urban_income", "城镇居民人均可支配收入", "household_income", "元", FLOW, CURRENT, True,
              ("城镇居民人均可支配收入", "城镇常住居民人均可支配收入", "居民人均可支配收入")),
    Indicator("rural_income", "农民人均纯收入", "household_income", "元", FLOW, CURRENT, True,
              ("农民人均纯收入", "农村居民人均纯收入", "农村居民人均可支配收入", "农村常住居民人均可支配收入")),
    Indicator("energy_per_gdp", "单位地区生产总值能耗", "energy_intensity", "吨标准煤/万元", FLOW, None,
              False, ("单位GDP能耗", "万元GDP能耗", "单位地区生产总值能耗", "万元地区生产总值能耗",
                      "单位生产总值能耗", "万元生产总值能耗")),
)

# Qualifiers of place and time that documents put in front of a name and the scorer ignores.
_QUALIFIERS = ("全年", "全区", "开发区", "我区", "全县", "全市")
_SCOPE_NOTE = re.compile(r"[(（][^()（）]{0,20}[)）]")


def normalise_name(name: str) -> str:
    name = "".join((name or "").split())
    name = _SCOPE_NOTE.sub("", name)
    for q in _QUALIFIERS:
        if name.startswith(q):
            name = name[len(q):]
    return name.upper().replace("ＧＤＰ", "GDP")


@lru_cache(maxsize=1)
def _by_alias() -> dict[str, Indicator]:
    table: dict[str, Indicator] = {}
    for entry in CATALOGUE:
        for alias in entry.aliases:
            table.setdefault(normalise_name(alias), entry)
    return table


def lookup(name_as_written: str) -> Indicator | None:
    """The catalogue entry a name as written in a document refers to, or None."""
    return _by_alias().get(normalise_name(name_as_written))


def by_code(code: str) -> Indicator | None:
    return next((e for e in CATALOGUE if e.code == code), None)


def all_aliases() -> list[str]:
    """Every alias, longest first, so an alternation of them prefers the most specific name."""
    names = {a for e in CATALOGUE for a in e.aliases}
    return sorted(names, key=lambda a: (-len(a), a))
