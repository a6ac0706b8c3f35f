"""Text repair before extraction: what PDF extraction, reposts and scrapers do to a report.

- hard-wrapped lines (a PDF page, a text saved at 80 columns) are joined back into paragraphs;
- page numbers ("- 3 -", "第3页") and running headers repeated at page breaks are dropped;
- watermark tokens a reposting site sprinkles at line ends ("…意见。4kA") and runs of "???" are dropped;
- HTML entities left in the text, even broken over a line ("&rdq\\nuo;"), become their characters;
- spaces inside numbers and between a digit and a Han character ("26.03 亿元", "0. 5%", "2014 年") and
  letter-spaced titles ("政 府 工 作 报 告") are closed up.

Every edit is recorded, so provenance still points into the text as uploaded.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from .offsets import OffsetMap, apply_edits

_TERMINAL = "。！？!?；;：:”\"’）)】〕]|"
_HEADING_START = re.compile(
    r"[ \t]*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|"
    r"第[一二三四五六七八九十\d]+[篇章节条]|[①-⑳]|——|[-•●·])")
_META_START = re.compile(r"[ \t]*(?:发布日期|发布时间|来源|信息来源|作者|索引号|时间)[:：\s]")
# A token at a line end, read backwards: blanks, 2 to 6 letters or digits, then the Han character
# or punctuation it is glued to.
_WATERMARK_AT_END = re.compile(r"[ \t]*([0-9A-Za-z]{2,6})(?=[^\x00-\x7f]|[:,.;!?)])")
_WATERMARK_BACKWARDS = re.compile(r"\n" + _WATERMARK_AT_END.pattern)
_QUESTION_RUN = re.compile(r"\?\?+")
_ENTITY = re.compile(r"&(?:#\d{2,6}|[a-zA-Z]{2,8}(?:\n[a-zA-Z]{1,8})?);")
# Only inside a figure (after 增长, 达到, 收入…, before a unit): a space between table cells
# ("备注 1 项目名称", "工业 1.5亿元") is a separator.
_QUANTITY_END = r"(?:%|年|月|日|亿|万|千|元|个|家|项|倍|吨|美元|平方|公里|人)"
# A PDF extractor puts a space where the font changes between Han and Latin ("万元 GDP能耗"); a
# single space there is not Chinese spelling. A wider gap separates table cells and stays.
# The pattern opens with the space itself so that the scan jumps from one space to the next.
_HAN_LATIN_GAP = re.compile(r" (?:(?<=[\u4e00-\u9fff] )(?=[A-Za-z])|(?<=[A-Za-z] )(?=[\u4e00-\u9fff]))")
_BEFORE_SPACE = re.compile(r"[\d长降到现成为达约近过破入值额资金计共有是了至比于.]")
# Only the blanks after a character that may end a number or a verb of quantity are looked at;
# the pattern opens with the blank (re jumps between the few there are) and checks the character
# before it, so only the first blank of a run can match.
_SPACE_AFTER_FIGURE = re.compile(r"([ \t](?<=" + _BEFORE_SPACE.pattern + r"[ \t])[ \t]*)")
_AFTER_DIGIT = re.compile(rf"{_QUANTITY_END}|\.\d")
_AFTER_WORD = re.compile(rf"\d+(?:\.[ \t]*\d+)?[ \t]*{_QUANTITY_END}")


def _whole_lines(body: str) -> tuple[re.Pattern, re.Pattern]:
    """A pattern for whole lines, as (first line, any later line after its "\n").

    A pattern anchored with ^ is tried at every character; opening with "\n" lets re jump from
    line end to line end. `body` must not match across a line end."""
    return re.compile("^" + body, re.M), re.compile("\n" + body, re.M)


def _line_spans(patterns: tuple[re.Pattern, re.Pattern], text: str) -> list[tuple[int, int]]:
    """(start, end) of each line (or its start) the body matches, like ^body finditer."""
    first, later = patterns
    found = first.match(text)
    return ([found.span()] if found else []) + [(m.start() + 1, m.end()) for m in later.finditer(text)]


_SPACED_LINE = _whole_lines(r"[ \t]*(?:[\u4e00-\u9fff][ \t]+){2,}[\u4e00-\u9fff][ \t]*$")
_PAGE_NUMBER = _whole_lines(r"[ \t]*(?:[-—–－]+[ \t]*\d{1,4}[ \t]*[-—–－]+|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[,，/]?[ \t]*"
                            r"共[ \t]*\d{1,4}[ \t]*页)?|\d{1,4}[ \t]*/[ \t]*\d{1,4})[ \t]*$")
PAGE_BREAK = "\f"
_URL_LABEL = re.compile(r"(?:^|[ \t])[A-Za-z\u4e00-\u9fff]{2,12}[:：]$")
_URL_START = re.compile(r"[ \t]*(?:https?|ftp)://")
_URL_END = re.compile(r"(?:https?|ftp)://[!-~]+$")
# What the rest of a cut address looks like: no spaces, no Han, and a path or query character in it.
_URL_REST = re.compile(r"(?=[!-~]*[./=&_%-])[!-~]+")
# A numbered heading with no punctuation in it ("(一)全市经济社会发展主要预期目标完成情况") is a title
# line however wide: the paragraph after it starts afresh. A heading sentence that wraps has commas.
# ...unless the line stops between a verb of quantity and its figure ("…总额增长\n16%。"): a
# title does not end there.
_CUT_FIGURE = re.compile(r"(?:增长|下降|达到|提高|降低|增加|减少)\n[ \t]*\d[\d.]*[ \t]*%")
_TITLE = re.compile(_HEADING_START.pattern + r"[^,，;；。:：!！?？]*$")


def _width(line: str) -> int:
    """Columns a line takes on screen: a Han character (three bytes in UTF-8) is two, ASCII one."""
    return len(line) + (len(line.encode("utf-8")) - len(line)) // 2


def _watermarks(text: str) -> set[str]:
    """Tokens a reposting site glues to many line ends; a word of the text does not recur there."""
    # Line ends are found in the reversed text, where each opens with a "\n" re can jump to; a
    # pattern ending in $ is tried at every character. A token counts when glued to the text: the
    # character before it is Han or punctuation (a longer run of letters is a word, not a token).
    backwards = text[::-1]
    ends = [backwards] if _WATERMARK_AT_END.match(backwards) else []
    counts = Counter(m.group(1)[::-1] for m in _WATERMARK_BACKWARDS.finditer(backwards))
    counts.update(m.group(1)[::-1] for m in map(_WATERMARK_AT_END.match, ends))
    return {tok for tok, n in counts.items() if n >= 3 and re.search(r"\d", tok) and re.search(r"[A-Za-z]", tok)
            or n >= 3 and re.search(r"[a-z]", tok) and re.search(r"[A-Z]", tok)}


def _line_edits(text: str, marks: set[str]) -> list[tuple[int, int, str]]:
    if not marks:
        return []
    # Once known by its line ends, the watermark goes wherever it is glued to the text or alone.
    # The scan looks for the tokens themselves (a literal search) and then checks what comes before
    # the blanks in front of each: a look-behind tried at every character cost a quarter second on 5 MB.
    token = "|".join(re.escape(t) for t in sorted(marks))
    found = re.compile(rf"(?:{token})(?![0-9A-Za-z])")
    edits = []
    for m in found.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        before = text[start - 1] if start > 0 else "\n"
        if before == "\n" or before > "\x7f" or before in ":,.;!?)":
            edits.append((start, m.end(), ""))
    return edits


def _page_edits(text: str) -> list[tuple[int, int, str]]:
    """Page numbers anywhere; at page breaks, also lines that head or foot three pages or more."""
    edits = [(s, e, "") for s, e in _line_spans(_PAGE_NUMBER, text)]
    if PAGE_BREAK not in text:
        return edits
    pages = text.split(PAGE_BREAK)
    edges: Counter[str] = Counter()
    spans: list[tuple[str, int, int, int]] = []
    pos = 0
    for number, page in enumerate(pages):
        lines = [(m.group(0).strip(), pos + m.start(), pos + m.end()) for m in re.finditer(r"[^\n]+", page)
                 if m.group(0).strip()]
        for edge in lines[:1] + lines[-1:]:
            if len(edge[0]) <= 40:
                edges[edge[0]] += 1
                spans.append((*edge, number))
        pos += len(page) + 1
    # A bare number at a page's edge is its page number only if it counts the pages with the
    # others ("3" on the third page, "4" on the fourth); a table's row number falls there too.
    offsets = Counter(int(line) - number for line, _, _, number in spans if re.fullmatch(r"\d{1,4}", line))
    for line, s, e, number in spans:
        if edges[line] >= 3 or re.fullmatch(r"\d{1,4}", line) and offsets[int(line) - number] >= 2:
            edits.append((s, e, ""))
    # The break itself goes, so that a paragraph running on to the next page is joined like a wrap.
    edits += [(m.start(), m.end(), "\n") for m in re.finditer(r"\n?\f\n?", text)]
    return edits


def _wrap_edits(text: str, page_widths=None) -> list[tuple[int, int, str]]:
    """Join hard-wrapped lines, when most long lines of the text stop short of a sentence end.

    `page_widths(spans)` are the widths the lines at text[start:end] took on the page, when
    earlier steps (dropping pinyin glosses) made them narrower than they were when they wrapped;
    asked for all lines at once, so that their offsets are mapped back in one walk."""
    lines = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    if page_widths:
        widths = page_widths([(p, p + len(raw)) for p, raw in lines])
    else:
        widths = [_width(raw.strip()) for _, raw in lines]
    widths_of = {p: w for (p, _), w in zip(lines, widths, strict=True)}
    long = [(p, raw.rstrip()) for p, raw in lines if widths_of[p] >= 40]
    if len(long) < 5:
        return []
    open_ends = [x for x in long if x[1][-1:] not in _TERMINAL]
    if len(open_ends) < 0.6 * len(long):
        return []
    widths = sorted(widths_of[p] for p, _ in long)
    full = widths[int(0.8 * (len(widths) - 1))] * 0.8
    edits = []
    for k, (p, raw) in enumerate(lines[:-1]):
        line = raw.rstrip()
        nxt = lines[k + 1][1]
        lead = len(nxt) - len(nxt.lstrip(" \t\u3000"))
        # An address does not break at spaces: the page sets it on a line of its own after its
        # label ("SOURCE:" / "https://…"), or cuts it where it overflows ("…/2012/12-" / "26/23.html").
        if _URL_LABEL.search(line) and _URL_START.match(nxt):
            edits.append((p + len(line), p + len(raw) + 1 + lead, " "))
            continue
        if _URL_END.search(line) and _URL_REST.fullmatch(nxt.strip()):
            edits.append((p + len(line), p + len(raw) + 1 + lead, ""))
            continue
        # Inside a parenthesis the line cannot end the paragraph, even at a colon ("(责任单位:").
        open_paren = line.count("(") + line.count("（") > line.count(")") + line.count("）")
        if not line.strip() or not nxt.strip() or line[-1:] in _TERMINAL and not open_paren \
                or widths_of[p] < full:
            continue
        if "://" in line or _META_START.match(nxt):
            continue  # an address line, or a line of page metadata, is a line of its own
        if _HEADING_START.match(nxt) or _TITLE.match(line) and not _CUT_FIGURE.search(line + "\n" + nxt):
            continue
        edits.append((p + len(line), p + len(raw) + 1 + lead, ""))
    return edits


def _number_space_edits(text: str) -> list[tuple[int, int, str]]:
    """Spaces inside a figure ("26.03 亿元", "增长 0. 5%", "2014 年"); the scan starts at spaces,
    which are few, rather than trying a look-behind at every character."""
    edits = []
    for m in _SPACE_AFTER_FIGURE.finditer(text):
        s, e = m.span(1)
        if e >= len(text):
            continue
        before = text[s - 1]
        if before.isdigit():
            ok = bool(_AFTER_DIGIT.match(text, e))
        elif before == ".":
            ok = text[s - 2:s - 1].isdigit() and text[e:e + 1].isdigit()
        else:
            ok = bool(_AFTER_WORD.match(text, e))
        if ok:
            edits.append((s, e, ""))
    return edits


_NUMBER_WRAP = re.compile(r"\n[ \t]*(?=[%\d.])")


def _number_wrap_edits(text: str) -> list[tuple[int, int, str]]:
    """A number cut by a line end ("89.9\n%", "26.\n03亿元") is one number whatever the layout."""
    edits = []
    # From the line end (a literal the scan jumps to), then back over the blanks before it.
    for m in _NUMBER_WRAP.finditer(text):
        s, e = m.span()
        while s > 0 and text[s - 1] in " \t":
            s -= 1
        before, after = text[s - 1:s], text[e:e + 2]
        if before.isdigit() and (after[:1] == "%" or after[:1] == "." and after[1:2].isdigit()) \
                or before == "." and text[s - 2:s - 1].isdigit() and after[:1].isdigit():
            edits.append((s, e, ""))
    return edits


def _merge(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Edits sorted, an edit overlapping the one before folded into it (the first one's text wins)."""
    out: list[tuple[int, int, str]] = []
    for s, e, r in sorted(edits):
        if out and s < out[-1][1]:
            ps, pe, pr = out[-1]
            out[-1] = (ps, max(pe, e), pr)
            continue
        out.append((s, e, r))
    return out


def repair(text: str, width_before=None) -> tuple[str, list[OffsetMap]]:
    """The repaired text and the maps of its edits, last edit first, back to `text`.

    `width_before(spans)`: the on-page widths of text[start:end] before earlier edits."""
    marks = _watermarks(text)
    edits = _line_edits(text, marks) + _page_edits(text)
    edits += [(m.start(), m.end(), "") for m in _QUESTION_RUN.finditer(text)]
    edits += [(m.start(), m.end(), html.unescape(m.group(0).replace("\n", ""))) for m in _ENTITY.finditer(text)]
    edits += _number_space_edits(text)
    edits += [(m.start(), m.end(), "") for m in _HAN_LATIN_GAP.finditer(text)]
    for start, end in _line_spans(_SPACED_LINE, text):
        line = text[start:end]
        lo, hi = start + len(line) - len(line.lstrip()), start + len(line.rstrip())
        edits += [(lo + s.start(), lo + s.end(), "") for s in re.finditer(r"[ \t]+", text[lo:hi])]
    text1, map1 = apply_edits(text, _merge(edits))
    # Wraps are judged on the text without watermarks, which would hide the open line ends.
    def page_widths(spans: list[tuple[int, int]]) -> list[int]:
        ends = map1.to_old_many([p for span in spans for p in span])
        old = list(zip(ends[::2], ends[1::2], strict=True))
        return width_before(old) if width_before else [_width(text[s0:e0].strip()) for s0, e0 in old]

    wrap = _merge(_wrap_edits(text1, page_widths) + _number_wrap_edits(text1))
    text2, map2 = apply_edits(text1, wrap)
    return text2, [map2, map1]


_CJK = "\u2018-\u201d\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# Tesseract separates what it takes for words: between Han characters, around digits and before
# punctuation. Chinese has no spaces there, so in OCR output they are artefacts, never separators.
_OCR_GAP = re.compile(
    rf"(?<=[{_CJK}])[ \t]+(?=[{_CJK}\d,.;:!?%)\]])"
    rf"|(?<=[\d,;:!?(%\[])[ \t]+(?=[{_CJK}])"
    r"|(?<=\d)[ \t]+(?=\.[ \t]*\d)"
    r"|(?<=\d\.)[ \t]+(?=\d)")
# "增长 23 , 9%": a decimal point read as a comma, given away by the spaces OCR put around it.
_OCR_COMMA_POINT = re.compile(r"(?<=\d)(?:[ \t]+[,，][ \t]*|[,，][ \t]+)(?=\d{1,2}[ \t]*%)")


def close_ocr_spaces(text: str) -> str:
    """OCR text with the spaces Tesseract puts into Chinese closed up ("全区生产总值 37 .24 亿元,
    增长 13 . 2%" → "全区生产总值37.24亿元,增长13.2%"). Applied to OCR output before it becomes the
    document's text, so there is nothing to map back: the OCR text is the original."""
    text = _OCR_COMMA_POINT.sub(".", text)
    # Twice: "13 . 2" has a gap on each side of the point, and the second is only seen once the
    # first is closed.
    return _OCR_GAP.sub("", _OCR_GAP.sub("", text))
