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
from .predicates import parse_predicate
from .structure import PLAN, REPORT, Article
from .textutil import clause_start, sentence_span, trie_pattern
from .timeline import sentence_time

_MODS, _HEADS = name_pattern()
# Heads are looked for, then modifiers read leftwards from each: one pass of a trie over the text
# instead of trying a repeated modifier group at every character.
_HEAD = re.compile(trie_pattern(_HEADS))
_MOD_SET = frozenset(_MODS)
_MOD_MAX = max(len(m) for m in _MODS)
# 城镇和农村常住居民人均可支配收入: the first modifier shares the head of the second name.
_SHARED_MOD = re.compile(f"({trie_pattern(_MODS)})(?:和|、|与|及)$")
# 规模以上企业实现产值X亿元: the subject of the clause completes a head that names nothing alone.
_SUBJECT = re.compile(r"(规模以上|规上|规模)(工业企业|企业)")
_SUBJECT_VERB = re.compile(r"(?:实现|完成|创)$")

_CONNECTOR = re.compile(r"\s*(?:[(（][^()（）]{0,20}[)）])?\s*(?:、|和|及|以及|与|或)\s*")

# A figure for part of the zone (one trip, one fair, one park, projects above a size) or summed
# over many years is not a headline figure of the zone for a year.
# Only ever asked whether it occurs: "N年来" is found from its 年来 so that every alternative opens
# with a literal and re jumps between them.
_PART_SCOPE = re.compile(r"赴[\u4e00-\u9fff]{1,6}招商|会上|洽谈会|推介会|期间|累计|年来(?<=[\d一二三四五六七八九十]年来)|达产后|"
                         r"建成后|投产后|将新增|新增产值|过去[\d一二三四五六七八九十]+年")
# An average over several years (年均增长) in a review is no figure of one year.
_MULTI_YEAR_RATE = re.compile(r"年均")
_LEFT_SUBSET = re.compile(r"企业|项目|行业|产业|园区|基地|街道|乡镇|高新技术|新兴|万元$|每|单位$|占|人均$|"
                          r"板块|片区|(?:工业|农业|建筑业|服务业|旅游业?|文化|软件|商贸|物流|外资)$")
# The zone's own park speaking of itself (园区实现…, 全园区完成…) is the zone, not a part of it.
_LEFT_ALLOWED = re.compile(r"规模以上工业企业|规上工业企业|规模以上企业|规上企业|全区企业|^\s*园区|(?<=[全本我该])园区")
# Part of a year: a figure for it keeps its period; a goal for it is not the year's target.
_PERIOD = re.compile(r"(?:第?[一二三四1-4]季度|前三季度|[上下]半年|1\s*[-—–至]\s*\d{1,2}月|一至[二三四五六七八九十]{1,2}月|"
                     r"前\d{1,2}个?月|\d{1,2}月份|全年|年底|年末|全年度)")
_NEXT_PERIOD = re.compile(rf"\s*[、,，]\s*({_PERIOD.pattern})")


def _period(prefix: str) -> str | None:
    """The part of the year the nearest period word before a figure names; None for the whole year."""
    found = None
    for m in _PERIOD.finditer(prefix):
        found = m.group(0)
    return None if found in (None, "全年", "年底", "年末", "全年度") else found


_PLAN_CUES = re.compile(r"预期目标|主要目标|工作目标|力争|确保|目标[是为:]")
_FORWARD = re.compile(r"下一步|今后|力争|确保|预期目标|目标是|目标为|奋斗目标|将(?:确保|力争|努力|实现|达到|突破)|"
                      r"要(?:确保|力争|实现)")
_RECURRING = re.compile(r"每年|年均|逐年")


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
    last_end = lo
    for m in _HEAD.finditer(text, lo, hi):
        start, end = m.start(), m.end()
        while True:
            for k in range(min(_MOD_MAX, start - last_end), 0, -1):
                if text[start - k:start] in _MOD_SET:
                    start -= k
                    break
            else:
                break
        last_end = end
        name = text[start:end]
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


_NARROWED = re.compile(r"项目|企业|以上|\d+个")


def _left_is_subset(text: str, part_start: int, start: int) -> bool:
    left = text[clause_start(text, part_start, start):start]
    left = _LEFT_ALLOWED.sub("", left)
    if _LEFT_SUBSET.search(left):
        return True
    # 其中 narrows what follows it only up to the next semicolon.
    before = text[part_start:start]
    k = before.rfind("其中")
    return k >= 0 and bool(_NARROWED.search(before, k + 2))


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
    if ctx is None and _FORWARD.search(sentence[:offset_in_sentence]):
        ctx = PLAN  # "下一步,我们将确保…" looks ahead even inside a review
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


def _spread(items: list, n: int, k: int):
    """The k-th of n names' share of a list stated once for all of them (None when it does not fit)."""
    if len(items) == n:
        return items[k]
    if len(items) == 1:
        return items[0]
    return None


def _emit(art: Article, text: str, group: list[Mention], pred, period: str | None, ctx: str, year,
          sentence: str, sent_start: int, part_start: int, to_original, results: list[dict],
          targets: list[dict], open_records: list[dict]) -> None:
    """The records one predicate states for the names it follows."""
    n = len(group)
    growths, values = pred.growth, pred.values
    if n == 1 and len(growths) > 1:
        # A, x元, B, y元, 分别增长 p%、q%: the rates go back over the figures just read.
        waiting = open_records[-(len(growths) - 1):] if len(growths) - 1 <= len(open_records) else []
        if not (pred.respective and waiting and values):
            return
        for record, rate in zip(waiting, growths, strict=False):
            record["growth_pct"] = rate
        growths = growths[-1:]
    if len(values) > 1 and len(values) != n or len(growths) > 1 and len(growths) != n:
        return
    for k, mention in enumerate(group):
        if _left_is_subset(text, max(part_start + 1, sent_start), mention.start):
            continue
        level = _spread(values, n, k) if len(values) == n or n == 1 else None
        end = group[-1].end + pred.end
        prov = {"article": art.index, "start": to_original(mention.start), "end": to_original(end - 1) + 1,
                "sentence": sentence.strip(), "norm_start": mention.start, "norm_end": end}
        record = {"indicator": mention.name, "year": year,
                  "value": level[0] if level else None, "unit": level[1] if level else None,
                  "growth_pct": _spread(growths, n, k) if growths else None}
        if ctx == PLAN:
            record["bound"] = pred.bound
            if pred.stretch is not None:
                record["stretch_pct"] = pred.stretch
            if year is None and (art.multi_year_plan or _RECURRING.search(sentence)):
                record["recurring"] = True
            record["provenance"] = prov
            targets.append(record)
        else:
            if not pred.precise or _MULTI_YEAR_RATE.search(text[mention.end:end]):
                continue
            if period:
                record["period"] = period
            record["provenance"] = prov
            results.append(record)
        if record["growth_pct"] is None and record["value"] is not None:
            open_records.append(record)


def extract_figures(text: str, art: Article, to_original) -> tuple[list[dict], list[dict]]:
    """Results and targets stated in one article."""
    results: list[dict] = []
    targets: list[dict] = []
    mentions = find_mentions(text, art.start, art.end)
    sentence_at = -1
    open_records: list[dict] = []  # figures of this sentence still waiting for a 分别 rate
    i = 0
    while i < len(mentions):
        sent_start, sent_end = sentence_span(text, mentions[i].start, art.start, art.end)
        if sent_start != sentence_at:
            sentence_at, open_records = sent_start, []
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
        figures = [(pred, _period(sentence[:group[0].start - sent_start]))]
        # 一季度…增长15%以上、全年增长10.5%以上: one name, a figure for each period.
        more = _NEXT_PERIOD.match(tail, pred.end)
        if more:
            again = parse_predicate(tail[more.end():])
            if again is not None:
                again.end += more.end()
                figures.append((again, _period(more.group(1))))
        for pred, period in figures:
            if period and ctx == PLAN:
                continue  # a goal for a quarter or a half-year is not a year's target
            _emit(art, text, group, pred, period, ctx, year, sentence, sent_start, part_start, to_original,
                  results, targets, open_records)
    return results, targets
