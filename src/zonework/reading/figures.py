"""Results and targets: an indicator name followed by a level and/or a growth rate.

The grammar is the one reports share: `[完成|实现] NAME [(scope)] [完成] NUMBER UNIT [,同比增长 N%]`,
`NAME 增长(不低于) N%(以上|左右)[、力争 M%]`, lists `A、B和C 均分别增长 x%、y%、z%`, and
`两位数以上增长`. Whether a figure is an actual or a goal follows from the section it sits in (a
heading or sentence naming the year summarised or planned), not from the figure itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogue import MODIFIERS, name_pattern, parse_name
from .structure import PLAN, REPORT, Article
from .textutil import clause_start, sentence_span, trie_pattern
from .timeline import sentence_time

NUM = r"\d+(?:\.\d+)?"
UNIT = r"(?:亿美元|万美元|亿元|万元|千元|美元|元|万吨|吨)"
_MODS, _HEADS = name_pattern()
_NAME = re.compile(f"(?:{trie_pattern(_MODS)})*{trie_pattern(_HEADS)}")
# 城镇和农村常住居民人均可支配收入: the first modifier shares the head of the second name.
_SHARED_MOD = re.compile(f"({trie_pattern(_MODS)})(?:和|、|与|及)$")
# 规模以上企业实现产值X亿元: the subject of the clause completes a head that names nothing alone.
_SUBJECT = re.compile(r"(规模以上|规上|规模)(工业企业|企业)")
_SUBJECT_VERB = re.compile(r"(?:实现|完成|创)$")

_LEAD = re.compile(
    r"\s*(?:[(（][^()（）]{0,20}[)）])?\s*(?:等指标|等)?(?:均分别|分别|均|都|也)?(?:要|将|力争|确保)?"
    r"(?:继续保持|保持|继续)?(?:每年|年均|全年|同比)?(?:累计|预计|初步核算)?"
    r"(?:完成了|实现了|完成|实现|达到了|达到|达|为|突破|超过|增加到|提高到|增至)?\s*")
_VALUE = re.compile(rf"(约|近|超过|突破|不低于|不少于)?({NUM})\s*({UNIT})(以上|左右)?")
_SEP = re.compile(r"\s*[,，、]?\s*(?:同比|比上年|较上年|比去年|较去年|年均|每年)?\s*")
_UP = r"增长|增加|提高|上升|增幅|增速"
_DOWN = r"下降|减少|降低|下滑"
_PCTS = rf"({NUM})\s*%((?:\s*、\s*{NUM}\s*%)*)"
_GROWTH_WORD_FIRST = re.compile(
    rf"(?:({_UP})|({_DOWN}))(?:了|为|达到|达)?(不低于|不少于|超过|约|达到)?{_PCTS}(以上|左右)?")
_GROWTH_RATE_FIRST = re.compile(rf"(不低于|约)?{_PCTS}(以上|左右)?(?:的)?(?:{_UP})")
_TWO_DIGIT = re.compile(rf"(?:(?:{_UP})(?:保持)?两位数(以上)?|两位数(以上)?(?:的)?(?:{_UP}))")
_STRETCH = re.compile(rf"\s*[、,，]\s*力争(?:增长|达到|超过)?({NUM})\s*%")
_CONNECTOR = re.compile(r"\s*(?:[(（][^()（）]{0,20}[)）])?\s*(?:、|和|及|以及|与|或)\s*")
_MIN_WORDS = ("不低于", "不少于", "超过", "以上", "突破")
_APPROX_WORDS = ("约", "左右", "近")

# A figure for part of the zone (one trip, one fair, one park, projects above a size) or summed
# over many years is not a headline figure of the zone for a year.
_PART_SCOPE = re.compile(r"赴[\u4e00-\u9fff]{1,6}招商|会上|洽谈会|推介会|期间|累计|\d+年来|达产后|建成后|"
                         r"投产后|将新增|新增产值")
_LEFT_SUBSET = re.compile(r"企业|项目|行业|产业|园区|基地|街道|乡镇|高新技术|新兴|万元$|每|单位$|占|人均$|"
                          r"板块|片区|(?:工业|农业|建筑业|服务业|旅游业?|文化|软件|商贸|物流|外资)$")
_LEFT_ALLOWED = re.compile(r"规模以上工业企业|规上工业企业|规模以上企业|规上企业|全区企业")
_PLAN_CUES = re.compile(r"预期目标|主要目标|工作目标|力争|确保|目标[是为:]")
_RECURRING = re.compile(r"每年|年均|逐年")


@dataclass
class Predicate:
    value: float | None
    unit: str | None
    growth: list[float]
    bound: str
    stretch: float | None
    end: int  # offset in the tail where the predicate ends
    precise: bool  # False when the level is a floor or an estimate (超过, 突破, 近, 以上)


def _num(s: str) -> float:
    v = float(s)
    return int(v) if v.is_integer() and "." not in s else v


def _pcts(first: str, rest: str) -> list[float]:
    return [float(first)] + [float(x) for x in re.findall(NUM, rest or "")]


def parse_predicate(tail: str) -> Predicate | None:
    """Parse what follows an indicator name; None when it states no figure."""
    pos = _LEAD.match(tail).end()
    lead = tail[:pos]
    words: list[str] = [w for w in _MIN_WORDS + _APPROX_WORDS if w in lead and w != "近"]
    value = unit = None
    precise = True
    m = _VALUE.match(tail, pos)
    if m:
        value, unit = _num(m.group(2)), m.group(3)
        words += [w for w in (m.group(1), m.group(4)) if w]
        precise = not ({m.group(1), m.group(4)} & {"近", "超过", "突破", "以上", "不低于", "不少于"})
        precise = precise and not any(w in lead for w in ("超过", "突破"))
        pos = m.end()
        if tail[pos:pos + 1] == "的":
            return None  # 签约总投资50亿元的X项目: the amount describes a project, not the zone
        pos = _SEP.match(tail, pos).end()
    else:
        pos = _SEP.match(tail, pos).end()
    growth: list[float] = []
    g = _GROWTH_WORD_FIRST.match(tail, pos)
    if g:
        sign = -1.0 if g.group(2) else 1.0
        growth = [sign * x for x in _pcts(g.group(4), g.group(5))]
        words += [w for w in (g.group(3), g.group(6)) if w]
        pos = g.end()
    else:
        g = _GROWTH_RATE_FIRST.match(tail, pos)
        if g:
            growth = _pcts(g.group(2), g.group(3))
            words += [w for w in (g.group(1), g.group(4)) if w]
            pos = g.end()
        else:
            g = _TWO_DIGIT.match(tail, pos)
            if g:
                growth = [10.0]
                words.append("以上")
                pos = g.end()
    if value is None and not growth:
        return None
    stretch = None
    s = _STRETCH.match(tail, pos)
    if s and growth:
        stretch = float(s.group(1))
        pos = s.end()
    if any(w in _MIN_WORDS for w in words):
        bound = "min"
    elif any(w in _APPROX_WORDS for w in words):
        bound = "approx"
    else:
        bound = "exact"
    return Predicate(value, unit, growth, bound, stretch, pos, precise)


@dataclass
class Mention:
    name: str
    start: int
    end: int
    joined: bool = False  # shares its head with the mention before it (城镇和农村…收入)


def _expand(name: str, start: int, end: int, text: str, lo: int) -> list[Mention]:
    """One name as written, or the two a shared modifier or head stands for."""
    if name.startswith("城乡"):
        rest = name[2:]
        return [Mention("城镇" + rest, start, end), Mention("农村" + rest, start, end, joined=True)]
    parsed = parse_name(name)
    if parsed is None:
        return []
    head, words = parsed
    shared = _SHARED_MOD.search(text, max(lo, start - 8), start)
    if shared and words:
        first = shared.group(1)
        groups = {g for g, ws in MODIFIERS.items() if first in ws}
        if groups & {g for g, ws in MODIFIERS.items() if words[0] in ws}:
            return [Mention(first + name[len(words[0]):], shared.start(), end),
                    Mention(name, start, end, joined=True)]
    return [Mention(name, start, end)]


def find_mentions(text: str, lo: int, hi: int) -> list[Mention]:
    """Indicator names in text[lo:hi], each as written, in order."""
    out: list[Mention] = []
    for m in _NAME.finditer(text, lo, hi):
        name, start, end = m.group(0), m.start(), m.end()
        # A name in parentheses right after another (地区生产总值(GDP)) is an abbreviation note.
        if text[start - 1:start] in "(（" and text[end:end + 1] in ")）":
            continue
        found = _expand(name, start, end, text, lo)
        if not found and _SUBJECT_VERB.search(text, max(lo, start - 2), start):
            s0, _ = sentence_span(text, start, lo, hi)
            subjects = list(_SUBJECT.finditer(text, s0, start))
            if subjects and parse_name(subjects[-1].group(0) + name) is not None:
                found = [Mention(subjects[-1].group(0) + name, start, end)]
        out += found
    return out


def _left_is_subset(text: str, part_start: int, start: int) -> bool:
    left = text[clause_start(text, part_start, start):start]
    left = _LEFT_ALLOWED.sub("", left)
    if _LEFT_SUBSET.search(left):
        return True
    # 其中 narrows what follows it only up to the next semicolon.
    before = text[part_start:start]
    k = before.rfind("其中")
    return k >= 0 and bool(re.search(r"项目|企业|以上|\d+个", before[k + 2:]))


def _context(art: Article, text: str, pos: int, sentence: str, offset_in_sentence: int):
    """(context, year) of a figure: its own sentence first, then its section, then the article."""
    said = sentence_time(sentence[:offset_in_sentence])
    ctx = year = None
    relative = False
    if said is not None:
        ctx, year, explicit = said
        if explicit:
            if year == art.plan_year:
                ctx = PLAN
            elif year == art.report_year:
                ctx = REPORT
        else:
            relative = ctx is not None
    sec_ctx, sec_year = art.time_at(pos)
    if ctx is None:
        ctx = sec_ctx
    if ctx is None:
        ctx = art.context
    if ctx is None:
        ctx = PLAN if _PLAN_CUES.search(sentence) else REPORT
    if year is None:
        if not relative and sec_year is not None and (sec_ctx is None or sec_ctx == ctx):
            year = sec_year
        else:
            year = art.report_year if ctx == REPORT else art.plan_year
    return ctx, year


def extract_figures(text: str, art: Article, to_original) -> tuple[list[dict], list[dict]]:
    """Results and targets stated in one article."""
    results: list[dict] = []
    targets: list[dict] = []
    mentions = find_mentions(text, art.start, art.end)
    i = 0
    while i < len(mentions):
        sent_start, sent_end = sentence_span(text, mentions[i].start, art.start, art.end)
        group = [mentions[i]]
        # Names joined by 、/和 share the predicate that follows the last of them.
        while i + 1 < len(mentions) and mentions[i + 1].start < sent_end:
            gap = text[group[-1].end:mentions[i + 1].start]
            if not (mentions[i + 1].joined or _CONNECTOR.fullmatch(gap)):
                break
            group.append(mentions[i + 1])
            i += 1
        nxt = mentions[i + 1].start if i + 1 < len(mentions) and mentions[i + 1].start < sent_end else sent_end
        tail_end = min(nxt, sent_end, group[-1].end + 80)
        i += 1
        tail = text[group[-1].end:tail_end]
        pred = parse_predicate(tail)
        if pred is None:
            continue
        sentence = text[sent_start:sent_end]
        part_start = max(text.rfind(";", sent_start, group[0].start), text.rfind("；", sent_start,
                                                                                 group[0].start))
        part_end = min([p for p in (text.find(";", group[-1].end, sent_end),
                                    text.find("；", group[-1].end, sent_end)) if p >= 0] or [sent_end])
        part = text[max(part_start + 1, sent_start):part_end]
        if _PART_SCOPE.search(part):
            continue
        ctx, year = _context(art, text, group[0].start, sentence, group[0].start - sent_start)
        growths = pred.growth
        if len(growths) not in (0, 1, len(group)):
            continue
        for k, mention in enumerate(group):
            if _left_is_subset(text, max(part_start + 1, sent_start), mention.start):
                continue
            growth = growths[k] if len(growths) == len(group) and len(group) > 1 else (
                growths[0] if growths else None)
            end = group[-1].end + pred.end
            prov = {"article": art.index, "start": to_original(mention.start), "end": to_original(end - 1) + 1,
                    "sentence": sentence.strip(), "norm_start": mention.start, "norm_end": end}
            record = {"indicator": mention.name, "year": year,
                      "value": pred.value if len(group) == 1 else None,
                      "unit": pred.unit if len(group) == 1 else None,
                      "growth_pct": growth}
            if ctx == PLAN:
                record["bound"] = pred.bound
                if pred.stretch is not None:
                    record["stretch_pct"] = pred.stretch
                if year is None and (art.multi_year_plan or _RECURRING.search(sentence)):
                    record["recurring"] = True
                record["provenance"] = prov
                targets.append(record)
            else:
                if not pred.precise:
                    continue
                record["provenance"] = prov
                results.append(record)
    return results, targets
