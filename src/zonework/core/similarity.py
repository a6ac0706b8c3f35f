"""Cheap text similarity: is a report a revision of another, and which record became which.

A revised report keeps most of its sentences word for word, so the share of characters in sentences
two texts have in common (hashed, whitespace-free sentences; difflib only on the few that differ)
tells a revision from a different report at ~0.1 s per megabyte; no edit distance over the whole text.
Record pairing (a task title edited by one character) uses difflib on the short titles only.
"""

import difflib
import re
import unicodedata

_SPACE = re.compile(r"\s+")
_TITLE = re.compile(r"《([^《》]{4,120})》")


def normalise(text):
    """NFKC (full-width digits and punctuation become ASCII) without any whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def title_of(text):
    """The report's title: the first 《…》 near the top (a 通知 names the plan it issues), else its first line."""
    head = (text or "")[:600]
    match = _TITLE.search(head)
    if match:
        return normalise(match.group(1))
    for line in head.splitlines():
        if line.strip():
            return normalise(line)[:120]
    return ""


# Both widths of the sentence ends; the sentences themselves are compared as written (no NFKC: it
# costs ~0.5 s per megabyte, and a revision keeps the width of the characters it does not change).
_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")


def fingerprint(text):
    """{hash: sentence} of the text's sentences (whitespace removed; very short fragments left out)."""
    out = {}
    for sentence in _SENTENCE_END.split(text or ""):
        sentence = "".join(sentence.split())
        if len(sentence) >= 4:
            out.setdefault(hash(sentence), sentence)
    return out


# Sentences that differ are compared character by character only while they are this short together:
# a revision differs in a few sentences, a different report in most (and is not worth difflib's time).
NEAR_LIMIT = 4000


def similarity(a, b):
    """Share of the two texts' characters in common (Dice, 0–1) from two fingerprints.

    Equal sentences count whole; when the sentences that differ are few, the characters they still
    share count too, so a one-character edit of a three-line report is not half a new report.
    """
    if not a and not b:
        return 1.0
    common = sum(len(a[h]) for h in a.keys() & b.keys())
    total = sum(map(len, a.values())) + sum(map(len, b.values()))
    only_a = "".join(a[h] for h in a.keys() - b.keys())
    only_b = "".join(b[h] for h in b.keys() - a.keys())
    near = 0
    if only_a and only_b and len(only_a) + len(only_b) <= NEAR_LIMIT:
        matcher = difflib.SequenceMatcher(None, only_a, only_b, autojunk=False)
        near = sum(block.size for block in matcher.get_matching_blocks())
    return (2 * common + 2 * near) / total


def text_similarity(a, b):
    """Share of characters the two texts have in common (0–1), sentence by sentence."""
    return similarity(fingerprint(a), fingerprint(b))


def pair(old, new, *, key, text=None, cutoff=0.6):
    """Pair the items of two lists: first equal keys (in order), then the most similar `text` above `cutoff`.

    Returns (pairs, removed, added): pairs = [(old_item, new_item)], removed = old items left,
    added = new items left, each in its list's order.
    """
    text = text or (lambda item: str(key(item)))
    free_new = list(range(len(new)))
    by_key = {}
    for j in free_new:
        by_key.setdefault(key(new[j]), []).append(j)
    matched, left_old = {}, []
    for i, item in enumerate(old):
        candidates = by_key.get(key(item))
        if candidates:
            matched[i] = candidates.pop(0)
        else:
            left_old.append(i)
    used = set(matched.values())
    left_new = [j for j in free_new if j not in used]
    scored = []
    for i in left_old:
        a = normalise(text(old[i]))
        for j in left_new:
            b = normalise(text(new[j]))
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
                continue
            ratio = matcher.ratio()
            if ratio >= cutoff:
                scored.append((-ratio, i, j))
    for _ratio, i, j in sorted(scored):
        if i in matched or j in used:
            continue
        matched[i] = j
        used.add(j)
    pairs = [(old[i], new[matched[i]]) for i in sorted(matched)]
    removed = [old[i] for i in range(len(old)) if i not in matched]
    added = [new[j] for j in free_new if j not in used]
    return pairs, removed, added
