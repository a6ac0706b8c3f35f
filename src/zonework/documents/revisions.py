"""Re-importing a revised report: find the committed document it revises, and what changed.

A document is taken for a revision of a committed one of the same zone when their titles are equal
and most of their sentences are (zonework.core.similarity). The diff compares the records committed
from the earlier document with the new reading, kind by kind: added, removed, changed (field by field).
"""

from django.db.models.functions import Substr

from zonework.core.similarity import fingerprint, pair, similarity, title_of

from .choices import KIND_LABELS, DocumentStatus
from .models import KINDS, SourceDocument

THRESHOLD = 0.8
# Documents whose sizes differ more than this cannot share most of their sentences: not even loaded.
SIZE_RATIO = 2.0
CANDIDATES = 30

FIELDS = {
    "results": (("value", "数值"), ("unit", "单位"), ("growth_pct", "增速%")),
    "targets": (("value", "数值"), ("unit", "单位"), ("growth_pct", "增速%"), ("bound", "约束"),
                ("stretch_pct", "力争%")),
    "tasks": (("title", "任务"), ("units", "责任单位")),
    "projects": (("name", "项目"), ("investment", "投资"), ("unit", "单位")),
}


def _key(kind):
    if kind in ("results", "targets"):
        return lambda r: (r.get("indicator") or "", r.get("year"), bool(r.get("recurring")))
    if kind == "tasks":
        return lambda r: r.get("title") or ""
    return lambda r: r.get("name") or ""


def _text(kind):
    if kind in ("results", "targets"):
        return lambda r: f"{r.get('indicator') or ''}{r.get('year') or ''}"
    return _key(kind)


def find_original(document):
    """(committed document, similarity) this document is most likely a revision of, or (None, 0)."""
    if not document.text or document.status == DocumentStatus.COMMITTED:
        return None, 0.0
    title = title_of(document.text)
    low, high = int(document.size / SIZE_RATIO), int(document.size * SIZE_RATIO) + 1
    candidates = (SourceDocument.objects.filter(zone_id=document.zone_id, status=DocumentStatus.COMMITTED,
                                                size__gte=low, size__lte=high)
                  .exclude(pk=document.pk).order_by("-committed_at", "-pk")
                  .annotate(head=Substr("text", 1, 600)).values_list("pk", "head")[:CANDIDATES])
    mine = None
    best, best_score = None, 0.0
    for pk, head in candidates:
        # Only the head is fetched until the titles agree: a zone's other reports are never loaded whole.
        if title_of(head) != title:
            continue
        mine = fingerprint(document.text) if mine is None else mine
        text = SourceDocument.objects.filter(pk=pk).values_list("text", flat=True).get()
        score = similarity(mine, fingerprint(text))
        # The latest committed revision wins a tie: its records are the ones in the database now.
        if score >= THRESHOLD and score > best_score:
            best, best_score = pk, score
    if best is not None:
        best = latest_revision(SourceDocument.objects.select_related("zone").get(pk=best))
    return best, best_score


def committed_titles(zone_id):
    """The titles of the zone's committed documents, in one query: a document whose title is not
    among them revises none of them (find_original needs equal titles), so a batch import asks
    find_original only for those whose title is."""
    heads = (SourceDocument.objects.filter(zone_id=zone_id, status=DocumentStatus.COMMITTED)
             .annotate(head=Substr("text", 1, 600)).values_list("head", flat=True))
    return {title_of(head) for head in heads}


def revises_any(document, others):
    """Whether `document` would be taken for a revision of one of `others` (documents of the same
    import, not committed yet) by find_original's rule: equal title, size within SIZE_RATIO, most
    sentences shared. Compared in memory."""
    title, mine = title_of(document.text), None
    for other in others:
        if other.pk == document.pk or title_of(other.text) != title:
            continue
        if not document.size / SIZE_RATIO <= other.size <= document.size * SIZE_RATIO + 1:
            continue
        mine = fingerprint(document.text) if mine is None else mine
        if similarity(mine, fingerprint(other.text)) >= THRESHOLD:
            return True
    return False


def latest_revision(document):
    """The last committed revision of `document` (itself if none): its records are the ones in use now."""
    seen = {document.pk}
    while True:
        newer = (document.revisions.filter(status=DocumentStatus.COMMITTED).exclude(pk__in=seen)
                 .order_by("-committed_at", "-pk").first())
        if newer is None:
            return document
        seen.add(newer.pk)
        document = newer


def _value(record, field):
    value = record.get(field)
    if field == "units":
        return "、".join(value or [])
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def diff(old, new):
    """What changed between the records committed from `old` and the accepted records of `new`.

    [{kind, label, added, removed, changed: [{old, new, fields}], same}] for the kinds with records.
    """
    out = []
    for kind in KINDS:
        before, after = old.accepted(kind), new.accepted(kind)
        if not before and not after:
            continue
        pairs, removed, added = pair(before, after, key=_key(kind), text=_text(kind))
        changed, same = [], 0
        for a, b in pairs:
            fields = [{"name": name, "label": label, "old": _value(a, name), "new": _value(b, name)}
                      for name, label in FIELDS[kind] if _value(a, name) != _value(b, name)]
            if fields:
                changed.append({"old": a, "new": b, "fields": fields})
            else:
                same += 1
        out.append({"kind": kind, "label": KIND_LABELS[kind], "added": added, "removed": removed,
                    "changed": changed, "same": same})
    return out


def describe(kind, record):
    """One line for a record in the side-by-side diff: 地区生产总值 2012年 500亿元 增长10%."""
    def num(v):
        return int(v) if isinstance(v, float) and v.is_integer() else v

    if kind in ("results", "targets"):
        parts = [record.get("indicator") or "（无指标）"]
        if record.get("year"):
            parts.append(f"{record['year']}年")
        elif record.get("recurring"):
            parts.append("每年")
        if record.get("value") is not None:
            parts.append(f"{num(record['value'])}{record.get('unit') or ''}")
        if record.get("growth_pct") is not None:
            parts.append(f"增长{num(record['growth_pct'])}%")
        return " ".join(parts)
    if kind == "tasks":
        units = "、".join(record.get("units") or [])
        return f"{record.get('title') or ''}（{units}）" if units else (record.get("title") or "")
    amount = record.get("investment")
    return f"{record.get('name') or ''} {num(amount) if amount is not None else ''}{record.get('unit') or ''}".strip()
