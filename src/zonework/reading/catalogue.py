"""Headline indicators that zone reports state, with the names documents give them.

The economy app seeds its Indicator table from CATALOGUE. Documents name an indicator in more ways
than any list of aliases holds (城镇以上固定资产投资, 规模以上企业工业增加值, 注册协议利用外资), so the
reader recognises a name by its grammar: scope modifiers (MODIFIERS) in front of a head noun (HEADS).
The head says which indicator it is; a modifier the head does not take (工业 before 税收, 高新技术
before 增加值) makes the phrase a sub-industry or subset figure, which is no headline indicator. A
record keeps the whole phrase as written while `lookup` says which indicator it is.
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
              CURRENT, True, ("技工贸总收入", "技工贸收入")),
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
              ("城镇居民人均可支配收入", "城镇常住居民人均可支配收入", "城镇居民收入")),
    Indicator("rural_income", "农民人均纯收入", "household_income", "元", FLOW, CURRENT, True,
              ("农民人均纯收入", "农村居民人均纯收入", "农村居民人均可支配收入", "农村常住居民人均可支配收入",
               "农村居民收入")),
    Indicator("energy_per_gdp", "单位地区生产总值能耗", "energy_intensity", "吨标准煤/万元", FLOW, None,
              False, ("单位GDP能耗", "万元GDP能耗", "单位地区生产总值能耗", "万元地区生产总值能耗",
                      "单位生产总值能耗", "万元生产总值能耗")),
)

# The grammar of names. Each modifier belongs to a group; a head says which groups it takes and,
# for a head that names nothing alone (产值, 增加值, 居民收入), which group must be there.
MODIFIERS: dict[str, tuple[str, ...]] = {
    "scale": ("规模以上", "规上", "规模", "限额以上", "限上"),
    "firm": ("工业企业", "企业"),  # 规模以上企业工业增加值: only after a scale word
    "whole": ("全部",),
    "fai_scope": ("全社会", "社会", "城镇以上", "城镇", "500万元以上", "500万以上", "5000万元以上"),
    "fiscal_scope": ("全口径", "地方财政", "地方", "财政", "本级", "区级", "县级", "市级", "一般"),
    "promotion": ("招商引资", "签约项目", "签约", "协议", "注册", "合同", "实际", "到位", "引进", "新增"),
    "trade": ("外贸", "自营", "对外贸易"),
    "household": ("城镇", "城市", "农村", "常住"),
    "both_sides": ("城乡",),  # 城乡居民收入: two indicators, expanded by the reader
}

_INDUSTRY = ("scale", "firm", "whole")
_PROMOTION = ("promotion",)


@dataclass(frozen=True)
class Head:
    text: str
    code: str
    takes: tuple[str, ...] = ()  # modifier groups allowed in front
    needs: tuple[str, ...] = ()  # modifiers of which one must be there (any of them)


def _heads(code: str, texts, takes=(), needs=()) -> tuple[Head, ...]:
    return tuple(Head(t, code, tuple(takes), tuple(needs)) for t in texts)


_SCALE_WORDS = MODIFIERS["scale"]
_ENERGY = tuple(f"{a}{b}{c}能耗" for a in ("单位", "万元") for b in ("GDP", "地区生产总值", "生产总值")
                for c in ("", "综合"))

HEADS: tuple[Head, ...] = (
    *_heads("gdp", ("地区生产总值", "国内生产总值", "生产总值", "GDP", "地区GDP")),
    *_heads("industrial_output_above_scale", ("工业总产值", "工业产值", "总产值", "产值"), _INDUSTRY,
            _SCALE_WORDS),
    *_heads("industrial_output", ("工业总产值", "工业产值"), ("whole",)),
    *_heads("industrial_value_added_above_scale", ("工业增加值", "增加值"), _INDUSTRY, _SCALE_WORDS),
    *_heads("industrial_value_added", ("工业增加值",), ("whole",)),
    *_heads("general_budget_revenue", ("一般预算收入", "一般公共预算收入", "公共财政预算收入", "公共财政预算总收入",
                                       "公共财政收入", "公共预算收入", "地方级收入", "地方级财政收入"),
            ("fiscal_scope",)),
    *_heads("fiscal_revenue_total", ("财政总收入", "财政收入", "财政总收入"), ("fiscal_scope",)),
    *_heads("tax_revenue", ("税收收入", "税收总收入", "税收总额"), ("fiscal_scope",)),
    *_heads("tax_revenue", ("税收",), ("fiscal_scope",), ("全口径", "地方")),
    *_heads("industrial_investment", ("工业投资", "工业性投资", "工业固定资产投资"), ("scale", "fai_scope")),
    *_heads("fixed_asset_investment", ("固定资产投资", "固定资产投资额", "固定资产投资总额"),
            ("fai_scope", "scale", "promotion")),
    *_heads("fixed_asset_investment", ("企业完成投资",)),
    *_heads("agreed_investment", ("签约项目投资总额", "签约投资总额", "签约总投资", "签约项目总投资", "协议投资总额",
                                  "协议投资额", "协议引资", "协议引资额", "协议引进内外资总额", "协议利用内外资",
                                  "合同引资", "合同投资额", "招商引资签约额", "招商引资协议额", "引进投资总额",
                                  "招商引资总额", "引进内外资总额", "签约总金额", "签约金额", "签约总额"), _PROMOTION),
    *_heads("paid_in_investment", ("实际引进内外资总额", "实际到位资金", "到位资金", "实际利用内外资", "实际到位内外资",
                                   "到位内外资", "实际引资", "利用内外资"), _PROMOTION),
    *_heads("foreign_investment_used", ("实际利用外资", "实际使用外资", "利用外资", "使用外资", "到位外资",
                                        "外资到位", "合同外资", "外商直接投资"), _PROMOTION),
    *_heads("foreign_investment_used", ("外资",), _PROMOTION, ("实际", "到位", "合同", "协议", "注册", "引进")),
    *_heads("domestic_investment_used", ("实际利用内资", "利用内资", "到位内资", "引进内资", "内资到位"), _PROMOTION),
    *_heads("tech_industry_trade_revenue", ("技工贸总收入", "技工贸收入")),
    *_heads("services_revenue", ("服务业总收入", "服务业收入", "服务业营业收入", "服务业营业总收入"), ("scale",)),
    *_heads("services_value_added", ("服务业增加值", "第三产业增加值", "现代服务业增加值")),
    *_heads("retail_sales", ("社会消费品零售总额", "社会消费品零售额", "社零总额", "社零额"), ("scale",)),
    *_heads("foreign_trade", ("进出口总额", "进出口总值", "进出口额", "进出口"), ("trade",)),
    *_heads("exports", ("出口总额", "出口总值", "出口额", "出口创汇", "出口"), ("trade",)),
    *_heads("urban_income", ("居民人均可支配收入", "居民收入"), ("household",), ("城镇", "城市")),
    *_heads("rural_income", ("居民人均可支配收入", "居民人均纯收入", "居民收入"), ("household",), ("农村",)),
    *_heads("rural_income", ("农民人均纯收入", "农民人均可支配收入", "农民收入")),
    *_heads("energy_per_gdp", _ENERGY),
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


@lru_cache(maxsize=1)
def _grammar():
    groups = {m: g for g, words in MODIFIERS.items() for m in words}
    # A modifier may sit in several groups (城镇 scopes investment and households).
    member: dict[str, set[str]] = {}
    for g, words in MODIFIERS.items():
        for m in words:
            member.setdefault(m, set()).add(g)
    heads: dict[str, list[Head]] = {}
    for h in HEADS:
        heads.setdefault(normalise_name(h.text), []).append(h)
    mods = sorted(groups, key=len, reverse=True)
    return member, heads, mods


def parse_name(name: str) -> tuple[Head, list[str]] | None:
    """(head, modifiers) of a name as written, or None when the grammar does not allow it.

    规模以上工业企业增加值 → (增加值 of industrial value added, [规模以上, 工业企业]);
    工业税收 → None (税收 takes no 工业: taxes of one sector).
    """
    parsed = _parse_key(normalise_name(name))
    return (parsed[0], list(parsed[1])) if parsed else None


@lru_cache(maxsize=4096)
def _parse_key(key: str) -> tuple[Head, tuple[str, ...]] | None:
    # A report names the same few indicators over and over: each name is parsed once.
    member, heads, mods = _grammar()
    for cut in range(len(key)):
        candidates = heads.get(key[cut:])
        if not candidates:
            continue
        words = _split_modifiers(key[:cut], mods)
        if words is None:
            continue
        for head in candidates:
            if _allowed(head, words, member):
                return head, tuple(words)
    return None


def _split_modifiers(prefix: str, mods: list[str]) -> list[str] | None:
    """The prefix as a sequence of known modifiers (longest first, with backtracking), or None."""
    if not prefix:
        return []
    for m in mods:
        if prefix.startswith(m):
            rest = _split_modifiers(prefix[len(m):], mods)
            if rest is not None:
                return [m, *rest]
    return None


def _allowed(head: Head, words: list[str], member: dict[str, set[str]]) -> bool:
    if head.needs and not any(w in head.needs for w in words):
        return False
    seen_scale = False
    for w in words:
        groups = member.get(w, set())
        if not groups & set(head.takes):
            return False
        if "firm" in groups and not seen_scale:
            return False
        seen_scale = seen_scale or "scale" in groups
    return True


def lookup(name_as_written: str) -> Indicator | None:
    """The catalogue entry a name as written in a document refers to, or None."""
    entry = _by_alias().get(normalise_name(name_as_written))
    if entry is not None:
        return entry
    parsed = parse_name(name_as_written)
    return by_code(parsed[0].code) if parsed else None


def by_code(code: str) -> Indicator | None:
    return next((e for e in CATALOGUE if e.code == code), None)


def all_aliases() -> list[str]:
    """Every alias, longest first, so an alternation of them prefers the most specific name."""
    names = {a for e in CATALOGUE for a in e.aliases}
    return sorted(names, key=lambda a: (-len(a), a))


def name_pattern() -> tuple[list[str], list[str]]:
    """(modifiers, heads) a reader builds its name pattern from: `(modifier)* head`."""
    mods = sorted({m for words in MODIFIERS.values() for m in words})
    heads = sorted({h.text for h in HEADS} | {h.text.lower() for h in HEADS if "GDP" in h.text})
    return mods, heads
