"""Cheap text similarity: is a report a revision of another, and which record became which.

A revised report keeps most of its sentences word for word, so the share of sentences two texts
have in common (Jaccard over hashed, whitespace-free sentences) tells a revision from a different
report at a few milliseconds per megabyte; no character shingles or edit distances over the whole text.
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
    """The set of hashes of the text's sentences (whitespace removed; very short fragments left out)."""
    out = set()
    for sentence in _SENTENCE_END.split(text or ""):
        sentence = "".join(sentence.split())
        if len(sentence) >= 4:
            out.add(hash(sentence))
    return out


def jaccard(a, b):
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def text_similarity(a, b):
    """Share of sentences the two texts have in common (0–1)."""
    return jaccard(fingerprint(a), fingerprint(b))


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
