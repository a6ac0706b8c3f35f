"""Text normalisation with a map back to the original offsets.

Every later step works on the normalised text (simplified characters, ASCII digits, no pinyin), but
a reviewer must see the figure highlighted in the document as it was uploaded, so every step that
changes lengths records where it did so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import opencc

from .offsets import OffsetMap, delete_matches, delete_spans, rewrite_matches
from .repair import _width, repair

_T2S = opencc.OpenCC("t2s")

# Full-width forms (U+FF01..U+FF5E) sit at a fixed distance from ASCII; the ideographic space and
# no-break space become plain spaces. All of these keep the length, so they need no offset record.
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2219: 0x2E, 0xFF61: 0x3002})
_WIDTH_TABLE = str.maketrans(_WIDTH)
# str.translate looks every character of a non-ASCII text up in the table (0.54 s on 7 M characters);
# one regex finds the runs that need folding and translates only those (0.07 s), same output.
_WIDTH_RUN = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_WIDTH)) + "]+")


def fold_width(text: str) -> str:
    return _WIDTH_RUN.sub(lambda m: m.group().translate(_WIDTH_TABLE), text)

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_CHARS = f"a-zü{_TONED}ńňǹḿ"
# A pinyin gloss follows a Han character directly and holds one syllable; with a tone mark it cannot
# be an English word or an abbreviation, so those are always safe to drop.
# The gloss follows a Han character; the look-behind comes after the "(" so that the scan jumps from
# one "(" to the next instead of trying the look-behind at every character.
# A gloss may also open the next line when a PDF wrapped the line between character and gloss.
_AFTER_HAN = r"(?:(?<=[\u3400-\u9fff]\()|(?<=[\u3400-\u9fff]\n\())"
_TONED_GLOSS = re.compile(rf"\({_AFTER_HAN}(?=[^()]*[{_TONED}])[{_PINYIN_CHARS}]{{1,7}}\)")
# Neutral-tone syllables carry no mark; they are only dropped in a text that is visibly glossed.
_BARE_GLOSS = re.compile(
    rf"\({_AFTER_HAN}(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:[aeiouü]{{1,3}})(?:ng|n|r)?\)"
)
_GLOSSED_TEXT_MIN = 5

_CN_DIGIT = {"〇": "0", "○": "0", "零": "0", "Ｏ": "0", "O": "0", "0": "0", "一": "1", "二": "2",
             "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_SMALL = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_D = "〇○零0一二三四五六七八九"
# Years written in Chinese numerals start with 一 or 二 (1xxx / 2xxx); at least one character must be
# a Chinese numeral, otherwise the span is already ASCII.
# The look-behind comes after the first character so that the scan jumps between 一 and 二.
_CN_YEAR = re.compile(
    rf"([一二](?<![\d{_D}][一二])[{_D}]{{3}})年(?:([一二三四五六七八九十]{{1,3}})月(?:([一二三四五六七八九十]{{1,3}})日)?)?"
)


def _small_number(s: str) -> int | None:
    """十二 -> 12, 二十六 -> 26, 三十一 -> 31 (months and days only)."""
    if not s:
        return None
    if "十" in s:
        tens, _, units = s.partition("十")
        value = (_CN_SMALL.get(tens, 0) if tens else 1) * 10 + (_CN_SMALL.get(units, 0) if units else 0)
    else:
        if len(s) != 1 or s not in _CN_SMALL:
            return None
        value = _CN_SMALL[s]
    return value if 0 < value <= 31 else None


def _year_repl(m: re.Match) -> str | None:
    if all(c in "0123456789" for c in m.group(1)):
        return None
    out = "".join(_CN_DIGIT.get(c, c) for c in m.group(1)) + "年"
    month, day = _small_number(m.group(2) or ""), _small_number(m.group(3) or "")
    if m.group(2):
        if month is None or month > 12:
            return out + m.group(0)[len(m.group(1)) + 1:]
        out += f"{month}月"
        if m.group(3):
            out += f"{day}日" if day else m.group(3) + "日"
    return out


def to_simplified(text: str) -> str:
    """Traditional to simplified, keeping the length so offsets stay valid.

    OpenCC converts phrase by phrase and may, rarely, change a length; the whole text is converted
    at once for speed and only the lines that changed length are redone character by character.
    """
    out = _T2S.convert(text)
    if len(out) == len(text):
        return out
    lines_in = text.split("\n")
    lines = []
    for line in lines_in:
        conv = _T2S.convert(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := _T2S.convert(c)) == 1 else c for c in line)
        lines.append(conv)
    return "\n".join(lines)


@dataclass
class Normalised:
    text: str
    original: str
    maps: list[OffsetMap]  # applied from the normalised text backwards

    def to_original(self, pos: int) -> int:
        for omap in self.maps:
            pos = omap.to_old(pos)
        return pos

    def to_original_end(self, end: int) -> int:
        """Where a span ending at `end` ends in the original: right after its last character,
        not after a gloss that was dropped behind it."""
        return self.to_original(end - 1) + 1 if end > 0 else 0

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        if end <= start:
            s = self.to_original(start)
            return s, s
        return self.to_original(start), self.to_original_end(end)


def drop_pinyin(text: str) -> tuple[str, OffsetMap]:
    # One scan for the toned glosses; only a visibly glossed text (enough of them) is scanned again
    # for the neutral-tone ones too. Below that, the spans found are the ones deleted.
    spans = []
    for m in _TONED_GLOSS.finditer(text):
        spans.append(m.span())
        if len(spans) >= _GLOSSED_TEXT_MIN:
            break
    if not spans:
        return text, OffsetMap()
    if len(spans) >= _GLOSSED_TEXT_MIN:
        return delete_matches(text, re.compile(f"{_TONED_GLOSS.pattern}|{_BARE_GLOSS.pattern}"))
    return delete_spans(text, spans)


def chinese_years(text: str) -> tuple[str, OffsetMap]:
    return rewrite_matches(text, _CN_YEAR, _year_repl)


def normalise(original: str) -> Normalised:
    text, m1 = drop_pinyin(original)
    text = fold_width(to_simplified(text))
    # Lines wrapped where the page was full with their glosses: judge their width with them.
    # From just after the previous character, so that a gloss opening the line counts as well.
    def widths(spans: list[tuple[int, int]]) -> list[int]:
        ends = m1.to_old_many([p for s, e in spans for p in (s - 1 if s else s, e)])
        return [_width(original[(s0 + 1 if s else 0):e0].strip())
                for (s, _), s0, e0 in zip(spans, ends[::2], ends[1::2], strict=True)]

    text, repaired = repair(text, widths)
    text, m2 = chinese_years(text)
    return Normalised(text=text, original=original, maps=[m2, *repaired, m1])
