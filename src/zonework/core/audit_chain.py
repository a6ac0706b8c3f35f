"""The audit log's hash chain: each entry's hash covers its content and the previous entry's hash.

An edit, insertion or removal made below the ORM (raw SQL, a restored dump) breaks the chain at the
first entry touched, which `zonework audit-verify` names. The digest is computed from values as the
database gives them back (UTC time, JSON round-tripped), so a row hashes the same when it is written
and when it is read again, on SQLite and on PostgreSQL alike.

No Django model import here: the migration that adds the chain hashes existing rows with the same code.
"""

import datetime
import hashlib
import json

# Hash of the entry before the first one.
GENESIS = "0" * 64

# Every column an auditor relies on; `hash` itself and the autoincrement id are not content (the id
# is covered by position: a removed or inserted row breaks the link to its neighbours).
FIELDS = ("time", "user_id", "user_name", "ip", "request_id", "source", "action", "event", "content_type_id",
          "object_id", "object_repr", "zone_id", "zone_name", "before", "after", "changes", "message")


def _time(value):
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(datetime.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def _json(value):
    # Round trip first: a tuple comes back a list, an int key a string, as the JSON column gives them.
    return json.loads(json.dumps(value, ensure_ascii=False)) if value is not None else None


def canonical(values):
    """The bytes hashed for one entry: `values` maps FIELDS to the entry's values."""
    data = {}
    for name in FIELDS:
        value = values.get(name)
        if name == "time":
            value = _time(value)
        elif name in ("before", "after", "changes"):
            value = _json(value)
        elif name in ("user_id", "content_type_id", "zone_id"):
            value = int(value) if value not in (None, "") else None
        elif value is None:
            value = "" if name != "ip" else None
        else:
            value = str(value)
        data[name] = value
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def digest(values, prev_hash):
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(values)).hexdigest()


_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode
_JSON_FIELDS = ("before", "after", "changes")
_SORTED = sorted(FIELDS)


def digest_with_json(values, prev_hash, *, plain=False):
    """digest(), and the JSON text of before, after and changes (None for a null) to store.

    `plain`: those three are already JSON as the column gives it back (dicts with text keys, lists,
    text, numbers; a snapshot and its diff are), so the round trip canonical() makes is skipped.
    canonical() encodes the entry as one sorted object, which holds each JSON field's value encoded
    the same way: here those three are encoded once, for the digest and for the column alike, and
    the object is put together key by key. The bytes are canonical()'s (verify_chain checks them
    with canonical() itself)."""
    texts, pieces = {}, []
    for name in _SORTED:
        value = values.get(name)
        if name in _JSON_FIELDS:
            value = value if plain else _json(value)
            texts[name] = _ENCODE(value) if value is not None else None
            piece = texts[name] if value is not None else "null"
        elif name == "time":
            piece = _ENCODE(_time(value))
        elif name in ("user_id", "content_type_id", "zone_id"):
            piece = _ENCODE(int(value) if value not in (None, "") else None)
        elif value is None:
            piece = _ENCODE("" if name != "ip" else None)
        else:
            piece = _ENCODE(str(value))
        pieces.append(f'"{name}":{piece}')
    data = ("{" + ",".join(pieces) + "}").encode()
    return hashlib.sha256(prev_hash.encode() + b"\n" + data).hexdigest(), texts


class Break:
    """The first place the chain does not hold: the entry's id, what happened, a Chinese sentence."""

    def __init__(self, entry_id, kind, message):
        self.entry_id, self.kind, self.message = entry_id, kind, message

    def __repr__(self):
        return f"Break({self.entry_id}, {self.kind!r})"


def walk(rows, find_hash, next_id, linked_to):
    """The first break in `rows` (dicts with id, prev_hash, hash and FIELDS, in id order), or None;
    with the head hash and the number of entries walked up to there.

    `find_hash(value, before_id)` gives the id of an earlier entry whose stored hash is `value` (or
    None), `next_id(after_id)` the id of the entry after that one, `linked_to(value, after_id)` whether
    a later entry names `value` as its previous hash: a link that skips back over rows means rows were
    inserted, a link to a hash no row has means rows were removed.
    """
    prev_id, prev_hash, count = None, GENESIS, 0
    for row in rows:
        count += 1
        if digest(row, row["prev_hash"]) != row["hash"]:
            return (Break(row["id"], "changed", f"第{row['id']}号审计记录与其校验值不符：内容被改动，或是插入的。"),
                    prev_hash, count)
        if row["prev_hash"] != prev_hash:
            earlier = 0 if row["prev_hash"] == GENESIS else find_hash(row["prev_hash"], row["id"])
            if earlier is not None:
                # Two rows now follow the same earlier one. The branch the rest of the log goes on
                # from is the real one: if nothing links to this row, it is the one inserted.
                first = row["id"] if not linked_to(row["hash"], row["id"]) else next_id(earlier)
                return (Break(first, "inserted", f"第{first}号审计记录是插入的，不在原有的链上。"), prev_hash, count)
            after = f"第{prev_id}号之后、" if prev_id is not None else ""
            return Break(row["id"], "removed", f"{after}第{row['id']}号之前的审计记录被删除。"), prev_hash, count
        prev_id, prev_hash = row["id"], row["hash"]
    return None, prev_hash, count
