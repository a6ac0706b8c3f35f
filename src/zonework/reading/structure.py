"""Articles, their metadata and their heading trees, found in the normalised text.

Offsets here are offsets in the normalised text; the reader maps them back to the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .textutil import RESPONSIBILITY_LABEL
from .timeline import PLAN, REPORT, Mark, Timeline, classify_title, find_marks, title_years

_CN_NUM = "一二三四五六七八九十百零〇"
_ARTICLE_BODY = rf"[ \t]*第[{_CN_NUM}\d]+篇[ \t]*[:：、.． \t]?[ \t]*(.*)$"
_ARTICLE = re.compile("^" + _ARTICLE_BODY, re.M)
# The same lines after the first, found from their "\n" (re jumps to it; a ^ is tried everywhere).
_ARTICLE_NEXT = re.compile("\n" + _ARTICLE_BODY, re.M)

# Marker kinds in the order official documents nest them (GB/T 9704: 一、 > (一) > 1. > (1)).
_HEADING_KINDS = (
    ("part", 0, re.compile(rf"第[{_CN_NUM}\d]{{1,3}}(?:部分|章)[ \t、:：]*")),
    ("cn", 1, re.compile(rf"[{_CN_NUM}]{{1,3}}、")),
    ("dash", 2, re.compile(r"——(?=\S)")),
    ("paren_cn", 2, re.compile(rf"\([{_CN_NUM}]{{1,3}}\)")),
    ("arabic", 3, re.compile(r"\d{1,2}(?:[.、．](?!\d)|\s)")),
    ("paren_arabic", 4, re.compile(r"\(\d{1,2}\)")),
    ("circled", 4, re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]")),
    ("shi", 5, re.compile(rf"[{_CN_NUM}]{{1,3}}是(?=[\u4e00-\u9fff])")),
)
_LINE = re.compile(r"^[ \t\u3000]*(\S.*)$", re.M)
# Only lines that open with some marker are looked at: one scan instead of eight patterns a line.
# The scan jumps from line end to line end ("\n" opening); the first line is matched on its own.
_MARKED_BODY = r"[ \t\u3000]*(?=" + "|".join(p.pattern for _, _, p in _HEADING_KINDS) + r")(\S.*)$"
_MARKED_FIRST = re.compile("^" + _MARKED_BODY, re.M)
_MARKED_LINE = re.compile("\n" + _MARKED_BODY, re.M)


def _marked_lines(text: str, start: int, end: int) -> list[re.Match]:
    """What ^_MARKED_BODY would find in text[start:end], in order."""
    first = _MARKED_FIRST.match(text, start, end)
    return ([first] if first else []) + list(_MARKED_LINE.finditer(text, start, end))

_META_LINE = re.compile(
    r"^(索引号|主题分类|文号|发布机构|公开方式|成文日期|组配分类|公开范围|发布时间|发布日期|时间|来源|"
    r"信息来源|作者|发文机关|发文字号|生效日期|日期|字号|浏览次数|点击数|SOURCE|URL|原文链接|原文地址|本文链接)\s*[:：\s]"
    r"|^https?://", re.I)
_DOC_NUMBER = re.compile(r"^\S{1,10}〔\d{4}〕\d+号$|^\S{1,10}\[\d{4}\]\d+号$")

# Each pattern opens with a literal that re jumps to; a year is read back from its 年 with a
# look-behind (a pattern opening with \d{4} or an alternation is tried at every character). The
# report-year alternatives are searched one by one and the leftmost wins, as in one alternation.
_REPORT_YEAR = (re.compile(r"年(?<=(\d{4})年)(?:度)?(?:上半年|全年)?(?:工作)?(?:情况)?总结"),
                re.compile(r"回顾了?(\d{4})年"),
                re.compile(r"年(?<=(\d{4})年)[^。,;:\n\d]{0,10}?(?:完成情况|执行情况|工作回顾)"))
_PLAN_YEAR = (re.compile(r"年(?<=(\d{4})年)[^。,;:\n\d]{0,10}?(?:要点|安排|计划|任务|目标|打算)"),)
_ZONE = re.compile(
    r"(([\u4e00-\u9fff]{2,10}?)(?:经济技术开发区|高新技术产业开发区|国家高新技术产业开发区|国家高新区|"
    r"高新区|经济开发区|经开区|开发区|工业园区|综合保税区|保税区|新区|产业园区))"
    r"(\([\u4e00-\u9fff]{2,8}\))?")
_ZONE_LEAD = re.compile(r"^(?:.*?(?:印发|转发|关于|中共|《|在|和|及|对))+")
_BODY = re.compile(r"^(?:中共)?[\u4e00-\u9fff()]{2,40}(?:管委会|管理委员会|工委|党工委|办公室|人民政府|"
                   r"委员会|办公厅)(?:\s+\S+(?:管委会|管理委员会|办公室|人民政府))*$")
_DATE_CN = re.compile(r"年(?<=(\d{4})年)(\d{1,2})月(\d{1,2})日")
_DATE_ISO = re.compile(r"(\d(?<!\d\d)\d{3})-(\d{1,2})-(\d{1,2})(?!\d)")

_REPORT_WORDS = re.compile(r"总结|回顾|完成情况|主要成绩|工作成效|成绩|主要做法|工作情况")
_PLAN_WORDS = re.compile(r"要点|安排|目标|任务|计划|思路|打算|展望|方案|措施|举措|重点工作|总体要求")
_MULTIYEAR = re.compile(r"实施方案|行动方案|行动计划|规划|实施意见|若干意见|三年|五年")


@dataclass
class Heading:
    level: int
    marker: str
    title: str
    start: int  # offset of the line in the normalised text
    end: int  # end of the section this heading opens
    context: str | None = None  # REPORT / PLAN, inherited from ancestors when its own is unknown
    year: int | None = None  # the year this heading or an ancestor names for its section
    children: list[Heading] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"level": self.level, "marker": self.marker, "title": self.title, "start": self.start,
                "end": self.end, "context": self.context, "year": self.year,
                "children": [c.to_dict() for c in self.children]}


@dataclass
class Article:
    index: int
    start: int
    end: int
    title: str | None = None
    issuing_body: str | None = None
    date: str | None = None
    zone: str | None = None
    report_year: int | None = None
    plan_year: int | None = None
    multi_year_plan: bool = False
    context: str | None = None  # what the whole article is when no heading says
    headings: list[Heading] = field(default_factory=list)  # flat, in text order
    tree: list[Heading] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)  # unnumbered headings and year-led sentences
    _starts: list[int] = field(default_factory=list, repr=False)
    # Where each heading sits in `headings`, by identity: list.index compares dataclasses field by
    # field, children included, and the headings of one article never share a line start.
    _index: dict[int, int] = field(default_factory=dict, repr=False, compare=False)
    _tables: tuple | None = field(default=None, repr=False, compare=False)  # (text, tables): see tables.article_tables
    _timeline: Timeline | None = field(default=None, repr=False)

    def heading_at(self, pos: int) -> Heading | None:
        """The innermost heading whose section holds `pos`."""
        i = bisect_right(self._starts, pos) - 1
        while i >= 0:
            h = self.headings[i]
            if h.start <= pos < h.end:
                return h
            i -= 1
        return None

    def time_at(self, pos: int) -> tuple[str | None, int | None]:
        """(context, year) of the section or year-led passage that holds `pos`."""
        h = self.heading_at(pos)
        while h is not None and h.context is None and h.year is None:
            h = self._parent(h)
        floor = h.start if h is not None else -1
        mk = self._timeline.at(pos, floor) if self._timeline else None
        if mk is not None and (mk.context is not None or mk.year is not None):
            ctx = mk.context
            year = mk.year
            if ctx is None and h is not None:
                ctx = h.context
            if year is None and ctx is not None and h is not None and h.context == ctx:
                year = h.year
            return ctx, year
        if h is not None:
            return h.context, h.year
        return None, None

    def _parent(self, h: Heading) -> Heading | None:
        i = (self._index[id(h)] if id(h) in self._index else self.headings.index(h)) - 1
        while i >= 0:
            p = self.headings[i]
            if p.level < h.level and p.start <= h.start < p.end:
                return p
            i -= 1
        return None

    def to_dict(self, to_original=None) -> dict:
        d = {"index": self.index, "start": self.start, "end": self.end, "title": self.title,
             "issuing_body": self.issuing_body, "date": self.date, "zone": self.zone,
             "report_year": self.report_year, "plan_year": self.plan_year,
             "headings": [h.to_dict() for h in self.tree]}
        if to_original:
            d["original_start"], d["original_end"] = to_original(self.start), to_original(max(self.start, self.end - 1)) + 1
        return d


def split_articles(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, title from the 第N篇 line) per article of a bundle; one article otherwise."""
    # A pattern anchored at line starts is tried at every character; most texts hold no 篇 at all.
    if "篇" not in text:
        return [(0, len(text), None)]
    first = _ARTICLE.match(text)
    marks = ([(0, first.group(1))] if first else []) + [(m.start() + 1, m.group(1))
                                                       for m in _ARTICLE_NEXT.finditer(text)]
    if not marks:
        return [(0, len(text), None)]
    spans = []
    if text[:marks[0][0]].strip():
        spans.append((0, marks[0][0], None))
    for i, (start, title) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        spans.append((start, end, title.strip() or None))
    return spans


def _heading_kind(line: str):
    for kind, level, pattern in _HEADING_KINDS:
        m = pattern.match(line)
        if m:
            return kind, level, m
    return None


_ITEM_START = re.compile(r"[\u4e00-\u9fff“\"《]")
_TITLE_END = re.compile(r"[。;；!?！？]")
_TITLE_NOTE = re.compile(rf"[(（\[【〔［]\s*(?:{RESPONSIBILITY_LABEL})")


def find_headings(text: str, start: int, end: int) -> list[Heading]:
    """Numbered lines of one article as a flat list, each with the end of its section."""
    flat: list[Heading] = []
    for m in _marked_lines(text, start, end):
        line = m.group(1)
        hit = _heading_kind(line)
        if not hit:
            continue
        kind, level, mk = hit
        rest = line[mk.end():].strip()
        if not rest:
            continue
        if kind == "arabic" and not _ITEM_START.match(rest):
            continue  # "3 月" or a number that opens a figure, not a list item
        title = _TITLE_END.split(rest, maxsplit=1)[0].strip()
        title = _TITLE_NOTE.split(title, maxsplit=1)[0].strip()
        flat.append(Heading(level, mk.group(0).strip(), title, m.start(1), end))
    # A section ends where the next heading of the same or a higher rank begins.
    open_: list[Heading] = []
    for h in flat:
        while open_ and open_[-1].level >= h.level:
            open_.pop().end = h.start
        open_.append(h)
    return flat


def _build_tree(flat: list[Heading]) -> list[Heading]:
    roots: list[Heading] = []
    stack: list[Heading] = []
    for h in flat:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(h)
        stack.append(h)
    return roots


def _first_lines(text: str, start: int, end: int, limit: int = 40):
    for n, m in enumerate(_LINE.finditer(text, start, end), 1):
        yield m
        if n >= limit:
            return


_PROSE_WORDS = re.compile(r"[某本我该全各是的在年为了也和省市今去这那其]|大家")


def _zone_in(line: str) -> str | None:
    m = _ZONE.search(line)
    if not m:
        return None
    name = _ZONE_LEAD.sub("", m.group(1))
    place = _ZONE_LEAD.sub("", m.group(2))
    if len(place) < 2 or not name.startswith(place):
        return None
    # A place name holds no function words; 今年是我开发区 or 为大家整理的开发区 is prose.
    if _PROSE_WORDS.search(place):
        return None
    return name + (m.group(3) or "")


def _leftmost(patterns: tuple[re.Pattern, ...], text: str) -> re.Match | None:
    """What one alternation of `patterns` would find: the leftmost match, the first pattern on a tie.

    A match read back from its 年 starts at its digits (group 1), before the 年 it was found at."""
    best = best_start = None
    for pattern in patterns:
        m = pattern.search(text)
        if m is None:
            continue
        start = min(m.start(), m.start(1))
        if best is None or start < best_start:
            best, best_start = m, start
    return best


def _year_of(patterns: tuple[re.Pattern, ...], text: str) -> int | None:
    m = _leftmost(patterns, text)
    if m:
        year = int(next(g for g in m.groups() if g))
        if 1949 < year < 2100:
            return year
    return None


def _classify(title: str, report_year, plan_year) -> tuple[str | None, int | None]:
    ctx, year = classify_title(title)
    if year is not None:
        if year == plan_year:
            return PLAN, year
        if year == report_year:
            return REPORT, year
    return ctx, year


_CLAUSE_MARK = re.compile(r"[,，。;；:：]")
_ISSUER_META = re.compile(r"^发布机构\s*[:：]\s*(\S+)")
_BLANKS = re.compile(r"\s+")
_SENTENCE_STOP = re.compile(r"[。！？]")


def describe_article(text: str, index: int, start: int, end: int, bundle_title: str | None) -> Article:
    art = Article(index=index, start=start, end=end)
    lines = list(_first_lines(text, start, end))
    body_lines = [m for m in lines if not _ARTICLE.match(m.group(0))]
    title = bundle_title
    if not title:
        for m in body_lines:
            line = m.group(1).strip()
            if _META_LINE.match(line) or _DOC_NUMBER.match(line) or len(line) < 4:
                continue
            if len(line) > 80 or "。" in line[:-1]:
                break  # the text opens with its first paragraph: there is no title line
            title = line
            break
    art.title = title
    head = "\n".join(m.group(1) for m in lines[:25])
    art.zone = _zone_in(title or "") or None
    if art.zone is None:
        for m in body_lines[:6]:
            line = m.group(1).strip()
            # Only title-like lines: prose mentions 开发区 in every other sentence.
            if len(line) > 40 or _CLAUSE_MARK.search(line) or _BODY.match(line):
                continue
            art.zone = _zone_in(line)
            if art.zone:
                break
    for m in lines:
        line = m.group(1).strip()
        meta = _ISSUER_META.match(line)
        if meta:
            art.issuing_body = meta.group(1)
            break
        if _BODY.match(line) and len(line) <= 60:
            art.issuing_body = _BLANKS.sub(" ", line)
            break
    tail = text[max(start, end - 3000):end]
    date = _DATE_CN.search(head) or _DATE_CN.search(tail) or _DATE_ISO.search(head)
    if date:
        y, mo, d = (int(g) for g in date.groups())
        if 1949 < y < 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
            art.date = f"{y:04d}-{mo:02d}-{d:02d}"

    flat = find_headings(text, start, end)
    report_year, plan_year, other_year = title_years(title or "")
    for h in flat:
        if h.level > 2:
            continue
        ctx, year = classify_title(h.title)
        if year is not None and ctx == REPORT and report_year is None:
            report_year = year
        elif year is not None and ctx == PLAN and plan_year is None:
            plan_year = year
    scope = "\n".join([title or "", head] + [h.title for h in flat if h.level <= 2])
    art.report_year = report_year if report_year is not None else _year_of(_REPORT_YEAR, scope)
    art.plan_year = plan_year if plan_year is not None else _year_of(_PLAN_YEAR, scope)
    if art.plan_year is not None and art.plan_year == art.report_year:
        art.plan_year = None if _leftmost(_REPORT_YEAR, title or "") else art.plan_year
    prose = [m.group(1) for m in body_lines if not _META_LINE.match(m.group(1).strip())]
    if title is None and prose:
        # No title line: the opening sentence often names the meeting or report it covers
        # ("…召开的2012年度总结表彰暨2013年经济工作会议透露,…").
        opening = _SENTENCE_STOP.split(prose[0], maxsplit=1)[0]
        first_report, first_plan, first_other = title_years(opening)
        if first_report is not None and (first_plan or first_other or 0) > first_report:
            art.report_year = art.report_year or first_report
            art.plan_year = art.plan_year or first_plan or first_other
    marks = find_marks(text, start, end, {h.start for h in flat})
    _year_marks(art, marks)
    if art.plan_year is None and other_year is not None and art.report_year is not None \
            and other_year == art.report_year + 1:
        art.plan_year = other_year
    t = title or ""
    art.multi_year_plan = bool(_MULTIYEAR.search(t)) and art.plan_year is None
    parts = title_years(t)
    if parts[0] is not None and parts[1] is not None:
        art.context = None  # a title of two parts: each heading says which part it opens
    elif _REPORT_WORDS.search(t) and not _PLAN_WORDS.search(t.replace("工作总结", "")):
        art.context = REPORT
    else:
        art.context = classify_title(t)[0]
    stack: list[Heading] = []
    for h in flat:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        ctx, year = _classify(h.title, art.report_year, art.plan_year)
        parent = stack[-1] if stack else None
        if parent is not None and parent.context and year is None:
            # Inside a section already known to be a summary or a plan, words such as 举措 or 成效
            # in a sub-heading describe the work, not the kind of section.
            ctx = None
        h.context = ctx or (parent.context if parent else None)
        h.year = year if year is not None and ctx is not None else (parent.year if parent else None)
        stack.append(h)
    art.headings = flat
    art._starts = [h.start for h in flat]
    art._index = {id(h): i for i, h in enumerate(flat)}
    art.tree = _build_tree(flat)
    for mk in marks:
        # A passage reaches to the end of the section that holds it.
        h = art.heading_at(mk.start)
        mk.end = h.end if h is not None else end
        if mk.year is not None and mk.year == art.plan_year:
            mk.context = PLAN
        elif mk.year is not None and mk.year == art.report_year:
            mk.context = REPORT
    art.marks = marks
    art._timeline = Timeline(marks)
    return art


def _year_marks(art: Article, marks: list[Mark]) -> None:
    """Years the article reviews and plans, read off its year-led passages when nothing else says."""
    if art.report_year is not None and art.plan_year is not None:
        return
    by_ctx: dict[str, set[int]] = {REPORT: set(), PLAN: set()}
    for mk in marks:
        if mk.year is not None and mk.context in by_ctx:
            by_ctx[mk.context].add(mk.year)
    if art.report_year is None and len(by_ctx[REPORT]) == 1:
        year = next(iter(by_ctx[REPORT]))
        if year != art.plan_year:
            art.report_year = year
    if art.plan_year is None and len(by_ctx[PLAN]) == 1:
        year = next(iter(by_ctx[PLAN]))
        if year != art.report_year:
            art.plan_year = year


def describe(text: str) -> list[Article]:
    return [describe_article(text, i, s, e, t) for i, (s, e, t) in enumerate(split_articles(text))]


def common(values):
    """A file-level field: the articles' value when they all agree, else None."""
    values = list(values)
    if values and all(v == values[0] for v in values):
        return values[0]
    return None
