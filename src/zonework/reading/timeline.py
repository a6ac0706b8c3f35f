"""When each part of a document speaks of: the year, and whether it reviews that year or plans it.

A report says it in many places, and most reports say it in only some of them: a title
("2012年工作总结和2013年工作要点", "计划执行情况与2016年…"), a numbered heading ("一、2019年工作回顾"),
an unnumbered one ("2019年主要预期目标:"), or a sentence that opens with the year ("2018年,全区…",
"2015年是…之年。一年来…"). Each of these is a *mark*; a figure takes its year and its kind from the
nearest mark before it whose scope holds it, the heading tree bounding how far a mark reaches.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .textutil import matches_near

REPORT, PLAN = "report", "plan"

# Words of a heading or title. A 执行情况 / 完成情况 part reports on a plan, so it wins over 计划 / 目标.
_DONE_WORDS = re.compile(r"执行情况|完成情况|进展情况|推进情况|落实情况|实施情况|运行情况|发展情况")
REPORT_WORDS = re.compile(r"总结|回顾|完成情况|主要成绩|工作成效|成绩|主要做法|工作情况|硕果|成就|取得")
PLAN_WORDS = re.compile(r"要点|安排|目标|任务|计划|思路|打算|展望|方案|措施|举措|重点工作|总体要求|预期")

# Cues of a year-led paragraph. "N年是…之年" opens both a review and a plan; what follows tells.
# A strong cue counts twice: 一年来 or 预期目标 say more than a 同比 or a 将.
# Every alternative opens with a literal (保持了|实现了…, not (?:保持|实现…)了), so that re jumps
# between the characters that can start one instead of trying the pattern at every character.
_DONE_VERBS = ("保持", "实现", "完成", "取得", "迈出", "获得", "达到", "增长", "提升", "提高", "突破", "超过", "呈现",
               "走好", "打好", "推进")
_REVIEW_STRONG = re.compile(r"一年来|过去的一年|过去一年|回顾|圆满完成|预计全年|初步核算|全年(?:实现|完成)|累计完成|"
                            + "|".join(f"{verb}了" for verb in _DONE_VERBS))
_REVIEW_WEAK = re.compile(r"预计|取得|成效|成绩|同比|比上年|较上年|的一年")
_PLAN_STRONG = re.compile(r"预期目标|主要目标|目标是|目标为|奋斗目标|做好(?:今年|明年|\d{4}年)|展望|新的一年|打算|力争")
_PLAN_WEAK = re.compile(r"确保|计划|争取|努力实现|将(?=[\u4e00-\u9fff])|"
                        r"要(?=坚持|把|以|加快|着力|全力|围绕|抓好|推动|突出)")

# The look-behind comes after the first digit, so that re jumps from digit to digit.
_YEAR_IN = re.compile(r"(\d(?<!\d\d)\d{3})年?")
_YEAR_PART = re.compile(r"(\d(?<![\d到至]\d)\d{3})(?:年|(?=[\u4e00-\u9fff]))")
_PART_SPLIT = re.compile(r"(?<=[\u4e00-\u9fff”》)])(?:和|与|及|暨|、|以及)(?=[^和与及暨]{0,12}\d{4})")

# A sentence led by its year: "2018年,…", "2015年是…", "政府工作报告指出,2012年,…", "2020年全年…".
# The scan finds the year (or the relative word) first and then checks that a sentence opens just
# before it: a look-behind tried at every character would cost more than the rest of the reader.
# The pattern opens with the literal 年, which re jumps to, and reads the four digits before it back
# (20 times faster on 5 MB than a pattern opening with \d, which re tries at every character).
_YEAR_WORD = re.compile(r"年(?<=(\d{4})年)(?:度)?(?![\d月底末前代])")
_RELATIVE_WORD = re.compile(r"(今年以来|一年来|过去的一年|过去一年|去年|今年|新的一年|明年)(?!同期)")
_OPENING = re.compile(r"[ \t\u3000]*(?:[^。！？!?\n,，:：]{0,%d}[,，:：])?[ \t]*(?:回顾|展望)?$")
_OPEN_YEAR = re.compile(_OPENING.pattern % 12)
_OPEN_RELATIVE = re.compile(_OPENING.pattern % 8)
_RELATIVE_CTX = {"今年以来": REPORT, "一年来": REPORT, "过去的一年": REPORT, "过去一年": REPORT, "去年": REPORT,
                 "新的一年": PLAN, "明年": PLAN, "今年": None}

# A line that stands alone as a heading though it has no number: short, no full stop, and naming a
# year or the kind of section ("2019年主要预期目标:", "2018年硕果累累", "一年来主要工作").
_SHORT_LINE = 32
_SENTENCE_END = "。！？!?\n"


def _leads_sentence(text: str, pos: int, lo: int, pattern: re.Pattern) -> bool:
    """Whether the sentence holding `pos` opens right before it (after at most a short lead-in)."""
    window = text[max(lo, pos - 16):pos]
    cut = max(map(window.rfind, _SENTENCE_END))
    if cut < 0 and pos - 16 > lo:
        return False
    return bool(pattern.match(window[cut + 1:]))


@dataclass
class Mark:
    start: int
    end: int  # where its reach stops (the end of the section that holds it)
    year: int | None
    context: str | None
    kind: str  # "line" (unnumbered heading) or "lead" (sentence led by a year)


def classify_title(title: str) -> tuple[str | None, int | None]:
    """(context, year) a heading names: "2012年工作总结" → (report, 2012)."""
    years = [int(y) for y in _YEAR_IN.findall(title) if 1949 < int(y) < 2100]
    year = years[0] if len(set(years)) == 1 else None
    if _DONE_WORDS.search(title):
        return REPORT, year
    report, plan = REPORT_WORDS.search(title), PLAN_WORDS.search(title)
    if report and not plan:
        return REPORT, year
    if plan and not report:
        return PLAN, year
    return None, year


def title_years(title: str) -> tuple[int | None, int | None, int | None]:
    """(report_year, plan_year, other_year) named by a title of one or more parts.

    "2012年工作总结和2013年工作要点" → (2012, 2013, None); "2015年…计划执行情况与2016年…" → (2015, 2016,
    None); "工作情况和2023年工作打算" → (2022, 2023, None): the review of a 情况和N年打算 report is of N-1;
    "2011年政府工作报告" → (None, None, 2011), a year of unknown kind.
    """
    report = plan = other = None
    parts = [p for p in _PART_SPLIT.split(title) if p]
    for k, part in enumerate(parts):
        years = [int(y) for y in _YEAR_PART.findall(part) if 1949 < int(y) < 2100]
        ctx, _ = classify_title(part)
        if ctx is None and k + 1 == len(parts) and k > 0 and not years:
            continue
        if not years:
            continue
        year = years[0]
        if ctx == REPORT and report is None:
            report = year
        elif ctx == PLAN and plan is None:
            plan = year
        elif ctx is None and other is None:
            other = year
    if plan is not None and report is None and len(parts) > 1 and re.search(r"情况|总结", parts[0]) \
            and not _YEAR_PART.search(parts[0]):
        report = plan - 1
    if report is not None and plan is None and other is not None and other > report:
        plan, other = other, None
    return report, plan, other


def cue_context(text: str) -> str | None:
    """REPORT or PLAN by which kind of cue a passage holds more of; None on a tie."""
    def weight(strong: re.Pattern, weak: re.Pattern) -> int:
        return (2 * len({m.group(0) for m in strong.finditer(text)})
                + len({m.group(0) for m in weak.finditer(text)}))

    review, plan = weight(_REVIEW_STRONG, _REVIEW_WEAK), weight(_PLAN_STRONG, _PLAN_WEAK)
    if review > plan:
        return REPORT
    if plan > review:
        return PLAN
    return None


def _passage(text: str, start: int, hi: int) -> str:
    """The paragraph a mark opens, up to 400 characters."""
    end = text.find("\n", start + 1, hi)
    return text[start:end if end >= 0 else min(hi, start + 400)][:400]


_STOPS = re.compile(r"[。;；!?！？]")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|亿|万)")
_YEAR_FIRST = re.compile(r"\d{4}年")


def find_marks(text: str, start: int, end: int, skip: set[int]) -> list[Mark]:
    """Unnumbered headings and year-led sentences of one article, in text order.

    `skip` holds the line starts of numbered headings, which the heading tree already covers.
    """
    marks: list[Mark] = []
    pos = start
    for line in text[start:end].split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        body = line.strip(" \t\u3000")
        if not 4 <= len(body) <= _SHORT_LINE + 1:
            continue
        first = line_start + len(line) - len(line.lstrip(" \t\u3000"))
        if first in skip:
            continue
        body = body.rstrip(":：")
        if _STOPS.search(body) or len(body) < 4 or _FIGURE.search(body):
            continue
        ctx, year = classify_title(body)
        if ctx is None and (year is None or not _YEAR_FIRST.match(body)):
            continue
        if body.count(",") + body.count("，") > 1:
            continue
        marks.append(Mark(first, end, year, ctx, "line"))
    for m in _YEAR_WORD.finditer(text, start, end):
        year = int(m.group(1))
        if m.start(1) < start or not 1949 < year < 2100 or not _leads_sentence(text, m.start(1), start, _OPEN_YEAR):
            continue
        pos = m.start(1)
        marks.append(Mark(pos, end, year, cue_context(_passage(text, pos, end)), "lead"))
    for m in _RELATIVE_WORD.finditer(text, start, end):
        if not _leads_sentence(text, m.start(), start, _OPEN_RELATIVE):
            continue
        word = m.group(1)
        ctx = _RELATIVE_CTX[word]
        if ctx is None:
            ctx = cue_context(_passage(text, m.start(1), end))
        marks.append(Mark(m.start(1), end, None, ctx, "lead"))
    marks.sort(key=lambda k: k.start)
    # Two marks at one place (a line that is also year-led): keep the heading reading.
    out: list[Mark] = []
    for mk in marks:
        if out and abs(out[-1].start - mk.start) < 3:
            if out[-1].context is None:
                out[-1] = mk
            continue
        out.append(mk)
    return out


class Timeline:
    """Looks up the marks that hold a position; built once per article."""

    def __init__(self, marks: list[Mark]):
        self.marks = marks
        self._starts = [m.start for m in marks]

    def at(self, pos: int, floor: int = -1) -> Mark | None:
        """The nearest mark before `pos` that reaches it and starts after `floor`."""
        i = bisect_right(self._starts, pos) - 1
        while i >= 0:
            mk = self.marks[i]
            if mk.start <= floor:
                return None
            if mk.end > pos:
                return mk
            i -= 1
        return None


# Time words inside the sentence of a figure, nearest first: an explicit year, or a relative one.
SENTENCE_TIME = re.compile(
    r"(?P<to>到)?(?<![由在于比较自从至])(?P<year>\d{4})年(?:度)?(?!底|末|前|以来|来|代|\d{1,2}月\d{1,2}日)"
    r"|(?<![比较])(?P<rel>今年以来|今年|去年|上年(?!同期)|过去的一年|过去一年|新的一年|明年|一年来)")


def sentence_time(prefix: str) -> tuple[str | None, int | None, bool] | None:
    """The time named in a sentence before a figure: (context, year, explicit) or None.

    The nearest expression wins: in "2012年度总结暨2013年…会议透露,今年将…" the figure is of 今年.
    """
    # Every time word holds a 年, at most five characters into it (到2012年, 过去的一年).
    last = None
    for m in matches_near(SENTENCE_TIME, prefix, "年", 5):
        last = m
    if last is None:
        return None
    if last.group("year"):
        year = int(last.group("year"))
        if not 1949 < year < 2100:
            return None
        return (PLAN if last.group("to") else None), year, True
    word = last.group("rel")
    ctx = {"上年": REPORT}.get(word, _RELATIVE_CTX.get(word))
    return ctx, None, False
