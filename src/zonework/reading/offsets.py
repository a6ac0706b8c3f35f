"""Offset maps: where each position of a rewritten text came from.

Every step that changes lengths (dropped pinyin, repaired wraps, years in Chinese numerals) records
its edits here, so a record found in the normalised text is highlighted in the text as uploaded.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate


@dataclass
class OffsetMap:
    """Maps a position in a rewritten text to the position it came from.

    Stores one record per rewritten span, not one per character, so a 20 MB text costs a few
    kilobytes of map when little was rewritten.
    """

    starts: list[int] = field(default_factory=list)  # start of each rewrite in the new text
    new_lens: list[int] = field(default_factory=list)
    old_starts: list[int] = field(default_factory=list)
    old_lens: list[int] = field(default_factory=list)

    def to_old(self, pos: int) -> int:
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return pos
        start, new_len = self.starts[i], self.new_lens[i]
        if pos < start + new_len:
            return self.old_starts[i] + min(pos - start, self.old_lens[i])
        return self.old_starts[i] + self.old_lens[i] + (pos - start - new_len)

    def to_old_many(self, positions: list[int]) -> list[int]:
        """to_old of each position, in comprehensions (the ends of all lines of a text, say)."""
        starts, new_lens, old_starts, old_lens = self.starts, self.new_lens, self.old_starts, self.old_lens
        if not starts:
            return list(positions)
        found = [bisect_right(starts, pos) - 1 for pos in positions]
        return [pos if i < 0
                else old_starts[i] + min(pos - starts[i], old_lens[i]) if pos < starts[i] + new_lens[i]
                else old_starts[i] + old_lens[i] + (pos - starts[i] - new_lens[i])
                for pos, i in zip(positions, found, strict=True)]


def delete_matches(text: str, pattern: re.Pattern) -> tuple[str, OffsetMap]:
    """pattern.sub("", text) that remembers where it deleted (one scan of the text)."""
    return delete_spans(text, [m.span() for m in pattern.finditer(text)])


def delete_spans(text: str, spans: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    """The text without `spans` (in order, not overlapping), and the map of what went."""
    omap = OffsetMap()
    if not spans:
        return text, omap
    # Built with comprehensions rather than a loop of appends: a glossed text has a deletion every
    # few characters (86 000 in the 5 MB bench file).
    starts = [s for s, _ in spans]
    lens = [e - s for s, e in spans]
    removed = list(accumulate(lens, initial=0))
    omap.starts = [s - r for s, r in zip(starts, removed, strict=False)]
    omap.new_lens = [0] * len(spans)
    omap.old_starts = starts
    omap.old_lens = lens
    ends = [e for _, e in spans]
    kept = [text[a:b] for a, b in zip([0, *ends], [*starts, len(text)], strict=True)]
    return "".join(kept), omap


def rewrite_matches(text: str, pattern: re.Pattern, repl) -> tuple[str, OffsetMap]:
    """re.sub that remembers where it rewrote; `repl` may return None to keep a match as is."""
    edits = []
    for m in pattern.finditer(text):
        new = repl(m)
        if new is not None:
            edits.append((*m.span(), new))
    return apply_edits(text, edits)


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    """Replace each (start, end) span by its text; spans sorted and not overlapping."""
    omap = OffsetMap()
    if not edits:
        return text, omap
    pieces: list[str] = []
    last = out_len = 0
    for s, e, new in edits:
        pieces.append(text[last:s])
        out_len += s - last
        omap.starts.append(out_len)
        omap.new_lens.append(len(new))
        omap.old_starts.append(s)
        omap.old_lens.append(e - s)
        pieces.append(new)
        out_len += len(new)
        last = e
    pieces.append(text[last:])
    return "".join(pieces), omap
