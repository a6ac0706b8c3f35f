"""What follows an indicator name: its level(s), growth rate(s) and bound words.

`[完成|实现] [分别] 达到 X亿元 [、Y亿元] [,按可比价格计算,比上年同期] [分别|均] 增长 x% [左右] [和 y% [左右]]
[、力争 z%]`, `增长(不低于) x%(以上|左右)`, `x%的增长`, `两位数以上增长`. A list of values or rates is
kept as a list; the reader spreads it over the names it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NUM = r"\d+(?:\.\d+)?"
UNIT = r"(?:亿美元|万美元|亿元|万元|千元|美元|元|万吨|吨)"

_LEAD = re.compile(
    r"\s*(?:[(（][^()（）]{0,20}[)）])?\s*(?:等指标|等)?(?P<resp>均分别|分别|均|都|也)?(?:要|将|力争|确保)?"
    r"(?:继续保持|保持|继续)?(?:每年|年均|全年|同比)?(?:累计|预计|初步核算)?"
    r"(?:完成了|实现了|完成|实现|达到了|达到|达|为|突破|超过|增加到|提高到|增至)?\s*")
_HEDGE = r"(约|近|超过|突破|不低于|不少于)?"
_VALUE = re.compile(rf"{_HEDGE}({NUM})\s*({UNIT})(以上|左右)?")
_MORE_VALUE = re.compile(rf"\s*(?:、|和|与|及)\s*{_HEDGE}({NUM})\s*({UNIT})(以上|左右)?")
_BASIS = (r"(?:按可比价(?:格)?计算|按现价计算|按可比口径)\s*[,，]?\s*")
_SEP = re.compile(
    rf"\s*[,，、]?\s*(?:{_BASIS})?(?P<resp>均分别|分别|均|都)?\s*"
    r"(?:同比|比上年同期|比上年|较上年同期|较上年|比去年同期|比去年|较去年同期|较去年|年均|每年)?\s*"
    r"(?:可比价|可比|现价)?\s*")
_UP = r"增长|增加|提高|上升|增幅|增速"
_DOWN = r"下降|减少|降低|下滑"
_RATE = rf"{NUM}\s*%(?:左右|以上)?"
_PCTS = rf"({_RATE}(?:\s*(?:、|和|与)\s*{_RATE})*)"
_GROWTH_WORD_FIRST = re.compile(
    rf"(?:({_UP})|({_DOWN}))(?:率|幅度)?(?:了|为|是|达到|达)?(不低于|不少于|超过|约|达到)?{_PCTS}")
_GROWTH_RATE_FIRST = re.compile(rf"(不低于|约)?{_PCTS}(?:的)?(?:{_UP})")
_TWO_DIGIT = re.compile(rf"(?:(?:{_UP})(?:保持)?两位数(以上)?|两位数(以上)?(?:的)?(?:{_UP}))")
_STRETCH = re.compile(rf"\s*[、,，]\s*力争(?:增长|达到|超过)?({NUM})\s*%")
MIN_WORDS = ("不低于", "不少于", "超过", "以上", "突破")
APPROX_WORDS = ("约", "左右", "近")
_IMPRECISE = {"近"}


@dataclass
class Predicate:
    values: list[tuple[float, str]]  # (number, unit) in order
    growth: list[float]
    bound: str
    stretch: float | None
    end: int  # offset in the tail where the predicate ends
    precise: bool  # False when a level is only near (近): 突破/超过 N is the value N
    respective: bool = False  # 分别: one value or rate per name, in order
    words: list[str] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        return self.values[0][0] if len(self.values) == 1 else None

    @property
    def unit(self) -> str | None:
        return self.values[0][1] if len(self.values) == 1 else None


_PCT = re.compile(rf"({NUM})\s*%")


def _num(s: str) -> float:
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def _rates(span: str) -> tuple[list[float], list[str]]:
    rates = [float(x) for x in _PCT.findall(span)]
    words = [w for w in ("左右", "以上") if w in span]
    return rates, words


def parse_predicate(tail: str) -> Predicate | None:
    """Parse what follows an indicator name; None when it states no figure."""
    lead_m = _LEAD.match(tail)
    pos = lead_m.end()
    lead = tail[:pos]
    respective = bool(lead_m.group("resp") and "分别" in lead_m.group("resp"))
    words: list[str] = [w for w in MIN_WORDS + APPROX_WORDS if w in lead and w != "近"]
    values: list[tuple[float, str]] = []
    precise = True
    m = _VALUE.match(tail, pos)
    if m:
        values.append((_num(m.group(2)), m.group(3)))
        words += [w for w in (m.group(1), m.group(4)) if w]
        precise = not ({m.group(1), m.group(4)} & _IMPRECISE)
        pos = m.end()
        while more := _MORE_VALUE.match(tail, pos):
            values.append((_num(more.group(2)), more.group(3)))
            pos = more.end()
        if tail[pos:pos + 1] == "的":
            return None  # 签约总投资50亿元的X项目: the amount describes a project, not the zone
    sep = _SEP.match(tail, pos)
    pos = sep.end()
    respective = respective or bool(sep.group("resp") and "分别" in sep.group("resp"))
    growth: list[float] = []
    g = _GROWTH_WORD_FIRST.match(tail, pos)
    if g:
        sign = -1.0 if g.group(2) else 1.0
        rates, rate_words = _rates(g.group(4))
        growth = [sign * x for x in rates]
        words += rate_words + [w for w in (g.group(3),) if w]
        pos = g.end()
    else:
        g = _GROWTH_RATE_FIRST.match(tail, pos)
        if g:
            growth, rate_words = _rates(g.group(2))
            words += rate_words + [w for w in (g.group(1),) if w]
            pos = g.end()
        else:
            g = _TWO_DIGIT.match(tail, pos)
            if g:
                growth = [10.0]
                words.append("以上")
                pos = g.end()
    if not values and not growth:
        return None
    stretch = None
    s = _STRETCH.match(tail, pos)
    if s and growth:
        stretch = float(s.group(1))
        pos = s.end()
    if any(w in MIN_WORDS for w in words):
        bound = "min"
    elif any(w in APPROX_WORDS for w in words):
        bound = "approx"
    else:
        bound = "exact"
    return Predicate(values, growth, bound, stretch, pos, precise, respective, words)
