"""The document text cut into segments, each marked with the records whose spans cover it."""

from .choices import KIND_LABELS, Decision
from .models import KINDS


def spans(document):
    out = []
    for kind in KINDS:
        for index, record in enumerate(document.kind_records(kind)):
            p = record.get("provenance") or {}
            start, end = p.get("start"), p.get("end")
            if start is None or end is None or end <= start:
                continue
            out.append({"kind": kind, "index": index, "start": int(start), "end": int(end),
                        "rejected": record.get("decision") == Decision.REJECTED,
                        "label": f"{KIND_LABELS[kind]}第{index + 1}条"})
    return out


def segments(text, marks, focus=None):
    """[{text, marks, anchors, focus}] covering `text` in order; `focus` = (start, end) from a link."""
    n = len(text)
    points = {0, n}
    for m in marks:
        points.add(max(0, min(n, m["start"])))
        points.add(max(0, min(n, m["end"])))
    if focus:
        points.update(max(0, min(n, x)) for x in focus)
    points = sorted(points)
    starts = {}
    for m in marks:
        starts.setdefault(m["start"], []).append(m)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        if a == b:
            continue
        covering = [m for m in marks if m["start"] <= a and m["end"] >= b]
        # The innermost record decides the colour; a task's long span must not hide a figure inside it.
        covering.sort(key=lambda m: m["end"] - m["start"])
        out.append({
            "text": text[a:b],
            "marks": covering,
            "top": covering[0] if covering else None,
            "anchors": [a] if a in starts or (focus and a == focus[0]) else [],
            "focus": bool(focus) and focus[0] <= a and b <= focus[1],
        })
    return out
