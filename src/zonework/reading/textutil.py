"""Sentence and clause boundaries, found around a position instead of by splitting the whole text.

Extraction visits only the few places where an indicator, an investment or a responsible unit is
named, so looking outwards from those places is cheaper than splitting a 20 MB text into sentences.
"""

from __future__ import annotations

import re

_SENTENCE_END = "。！？!?\n"
_CLAUSE_END = "。！？!?\n,，;；:：、"
_WINDOW = 600
_SENTENCE_END_RE = re.compile("[" + re.escape(_SENTENCE_END) + "]")


def sentence_span(text: str, pos: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """(start, end) of the sentence holding `pos`; the end includes the closing 。 if any."""
    hi = len(text) if hi is None else hi
    start = max(lo, pos - _WINDOW)
    # map over bound methods rather than a generator: this runs for every name and amount found.
    cut = max(map(text[start:pos].rfind, _SENTENCE_END))
    start = start + cut + 1 if cut >= 0 else start
    stop = min(hi, pos + _WINDOW)
    found = _SENTENCE_END_RE.search(text, pos, stop)
    end = found.end() if found else stop
    return start, min(end, hi)


def clause_start(text: str, lo: int, pos: int) -> int:
    cut = max(map(text[lo:pos].rfind, _CLAUSE_END))
    return lo + cut + 1 if cut >= 0 else lo


def matches_near(pattern: re.Pattern, text: str, anchor: str, reach: int):
    """pattern.finditer(text) for a pattern each of whose matches holds `anchor` at most `reach`
    characters after its start: only the starts just before an anchor are tried.

    For a pattern with no literal to open with (an optional word, a look-behind), which re would
    otherwise try at every character of the text."""
    tried = 0  # every start below this has been tried, or lies inside a match found
    k = text.find(anchor)
    while k >= 0:
        for p in range(max(tried, k - reach), k + 1):
            m = pattern.match(text, p)
            if m:
                yield m
                tried = m.end()
                break
        else:
            tried = k + 1
        k = text.find(anchor, tried)


def line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def trie_pattern(words: list[str]) -> str:
    """One regex matching any of `words`, longest first, built as a trie.

    Python's re tries the branches of a plain alternation one by one at every position; sharing
    prefixes lets it reject most positions after one character, which matters on a 20 MB text.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


# The label of a responsibility note: 责任单位, 牵头单位, 配合部门, 主办单位, 协办单位, 责任主体,
# 牵头责任单位, 部门分工 …
RESPONSIBILITY_LABEL = (r"(?:牵头|配合|责任|协办|主办|协同|协作|参与|主责|协助|承办|实施|落实)(?:责任)?"
                        r"(?:单位|部门|主体|处室)(?:与协同单位)?|部门分工")
