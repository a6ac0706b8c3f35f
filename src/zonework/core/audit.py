"""The audit log: automatic field snapshots of every domain row, plus named business events.

Every concrete subclass of AuditedModel (and the User) is covered by signal receivers, so a save
made through a page, the API, an import or a command leaves one entry with before and after. Named
events ("unit.moved", later "task.assigned") are written by the actions with `record_event`.
"""

import json
import logging
from decimal import Decimal, InvalidOperation

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from zonework.core.choices import AuditAction
from zonework.core.context import current

log = logging.getLogger(__name__)

_M2M_BEFORE = {}

# Who an entry names when no person acted: the role sync after migrate, `zonework remind` from cron
# or Celery beat. Full-width brackets cannot occur in a username, so no account can pose as it.
SYSTEM_ACTOR = "（系统）"
SYSTEM_SOURCES = frozenset({"command", "celery", "migrate"})


def audited_models():
    from django.apps import apps

    from zonework.core.models import AuditedModel, User

    return [m for m in apps.get_models() if issubclass(m, AuditedModel) or m is User]


def _user_fields(user):
    if user is not None and getattr(user, "is_authenticated", False):
        return {"user": user, "user_name": user.get_username()}
    return {"user": None, "user_name": ""}


def _zone_name(zone_id, obj):
    """The zone's name as it is now, kept on the entry so it still reads after the zone is deleted."""
    from zonework.core.models import Zone

    if zone_id is None:
        return ""
    if isinstance(obj, Zone) and obj.pk == zone_id:
        return str(obj.name)[:200]
    if obj is not None and getattr(obj, "_audit_zone_name", None) is not None:
        return obj._audit_zone_name
    return (Zone.objects.filter(pk=zone_id).values_list("name", flat=True).first() or "")[:200]


def write_entry(action, *, obj=None, event="", before=None, after=None, changes=None, message="",
                zone_id=None, user=None, user_name=None):
    from zonework.core.models import AuditEntry

    ctx = current()
    who = _user_fields(user if user is not None else ctx.user)
    if user_name is not None:
        who["user_name"] = user_name
    elif who["user"] is None and ctx.source in SYSTEM_SOURCES:
        who["user_name"] = SYSTEM_ACTOR
    entry = AuditEntry(
        action=action,
        event=event,
        ip=ctx.ip,
        request_id=ctx.request_id,
        source=ctx.source,
        before=before,
        after=after,
        changes=changes or [],
        message=message,
        **who,
    )
    if obj is not None:
        entry.content_type = ContentType.objects.get_for_model(obj)
        entry.object_id = str(obj.pk) if obj.pk is not None else ""
        entry.object_repr = str(obj)[:200]
        if zone_id is None and hasattr(obj, "audit_zone_id"):
            try:
                zone_id = obj.audit_zone_id()
            except Exception:  # a half-built object must never block the write it describes
                zone_id = None
    entry.zone_id = zone_id
    entry.zone_name = _zone_name(zone_id, obj)
    entry.save()
    return entry


def record_event(event, obj=None, *, message="", before=None, after=None, changes=None, user=None,
                 user_name=None, zone_id=None):
    """A named business event ("unit.moved", "task.assigned") in the same log as field changes."""
    return write_entry(AuditAction.EVENT, obj=obj, event=event, message=message, before=before,
                       after=after, changes=changes, user=user, user_name=user_name, zone_id=zone_id)


def update_rows(model, objs, fields, *, batch_size=1000):
    """Write `fields` of already loaded rows back, one UPDATE statement run for the whole batch
    (executemany). Django's bulk_update builds a CASE WHEN per field per row, which cost 4 s of a
    1,000-row commit; the statement here costs the rows' parameters only. The caller writes the audit
    entries with record_bulk (this path sends no signal) and sets `updated_at` itself."""
    from django.db import connections, router

    if not objs:
        return
    conn = connections[router.db_for_write(model)]
    qn = conn.ops.quote_name
    columns = [model._meta.get_field(name) for name in fields]
    pk = model._meta.pk
    sql = (f"UPDATE {qn(model._meta.db_table)} SET " + ", ".join(f"{qn(c.column)} = %s" for c in columns)
           + f" WHERE {qn(pk.column)} = %s")
    with conn.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            cursor.executemany(sql, [[c.get_db_prep_save(getattr(o, c.attname), conn) for c in columns]
                                     + [pk.get_db_prep_save(o.pk, conn)] for o in objs[start:start + batch_size]])


def record_bulk(rows, *, events=(), batch_size=1000):
    """Audit entries for rows an action wrote with bulk_create / bulk_update: the sanctioned way past
    the per-row signal. `rows` is [(obj, before, created)], `before` the row's snapshot() taken when
    it was loaded (None for a new row), so nothing is read again. An update that changed nothing leaves
    no entry, as with a save. The entries are linked into the hash chain here, under the chain's lock,
    and written with one executemany INSERT per batch. `events` are named events written with them:
    [(event, obj, message, after)]. Returns the number of entries written.

    Built as plain column values, not AuditEntry instances: at thousands of rows the model's
    constructor and bulk_create's per-value compiling cost more than the rest of an import. A
    snapshot and its diff are JSON as the column gives them back, so their digest skips the round
    trip (audit_chain.digest_with_json(plain=True)); an event's `after`, from the caller, does not.
    Each JSON field is encoded once, for the digest and the column."""
    from django.db import transaction

    from zonework.core import clock
    from zonework.core.audit_chain import FIELDS, GENESIS, digest_with_json
    from zonework.core.models import AuditEntry
    from zonework.core.models.audit import CHAIN_LOCK

    ctx = current()
    who = _user_fields(ctx.user)
    if who["user"] is None and ctx.source in SYSTEM_SOURCES:
        who["user_name"] = SYSTEM_ACTOR
    user_id = who["user"].pk if who["user"] is not None else None
    now = clock.now()
    ip = AuditEntry._meta.get_field("ip").get_prep_value(ctx.ip)
    types, zone_names, entries = {}, {}, []
    numeric = {}
    for obj, before, created in rows:
        model = type(obj)
        if model not in numeric:
            numeric[model] = _numeric_fields(model)
        after = obj.snapshot()
        before = None if created else before
        changes = _diff(before, after, numeric[model])
        if not created and not changes:
            continue
        entries.append((AuditAction.CREATE if created else AuditAction.UPDATE, "", obj, before, after, changes, "",
                        True))
    entries += [(AuditAction.EVENT, event, obj, None, after, [], message, False)
                for event, obj, message, after in events]
    if not entries:
        return 0
    values = []
    for action, event, obj, before, after, changes, message, plain in entries:
        model = type(obj)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(obj).pk
        try:
            zone_id = obj.audit_zone_id()
        except Exception:  # as in write_entry: a half-built object never blocks its write
            zone_id = None
        if zone_id not in zone_names:
            zone_names[zone_id] = _zone_name(zone_id, obj)
        values.append(({
            "time": now, "user_id": user_id, "user_name": who["user_name"], "ip": ip,
            "request_id": ctx.request_id, "source": ctx.source, "action": action, "event": event,
            "content_type_id": types[model], "object_id": str(obj.pk), "object_repr": str(obj)[:200],
            "zone_id": zone_id, "zone_name": zone_names[zone_id], "before": before, "after": after,
            "changes": changes, "message": str(message)}, plain))
    with transaction.atomic():
        conn = transaction.get_connection()
        columns = [AuditEntry._meta.get_field(name) for name in FIELDS]
        json_columns = {c.attname for c in columns if isinstance(c, models.JSONField)}
        qn = conn.ops.quote_name
        names = [c.column for c in columns] + ["prev_hash", "hash"]
        sql = (f"INSERT INTO {qn(AuditEntry._meta.db_table)} ({', '.join(qn(n) for n in names)}) "
               f"VALUES ({', '.join(['%s'] * len(names))})")
        # One value for the whole batch, prepared for the database once.
        shared = {"time": AuditEntry._meta.get_field("time").get_db_prep_save(now, conn),
                  "ip": AuditEntry._meta.get_field("ip").get_db_prep_save(ip, conn)}
        if conn.vendor == "postgresql":
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        head = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
        params = []
        for entry, plain in values:
            prev = head
            head, texts = digest_with_json(entry, prev, plain=plain)
            params.append([shared[name] if name in shared
                           else conn.ops.adapt_json_value(_Encoded(texts[name]), _AsEncoded) if name in json_columns
                           and texts[name] is not None else entry[name] for name in FIELDS] + [prev, head])
        _insert_entries(conn, sql, params, batch_size)
    return len(values)


class _Encoded(str):
    """JSON text already encoded (by digest_with_json, for the digest): stored as it is."""


class _AsEncoded(json.JSONEncoder):
    # The encoder the backend's adapt_json_value is given: the text goes into the column unchanged,
    # on SQLite as on PostgreSQL, instead of being encoded a second time.
    def encode(self, o):
        return str(o) if isinstance(o, _Encoded) else super().encode(o)


def _insert_entries(conn, sql, params, batch_size):
    # Rows go in list order, so ids rise along the chain as verify_chain walks it.
    with conn.cursor() as cursor:
        for start in range(0, len(params), batch_size):
            cursor.executemany(sql, params[start:start + batch_size])


def _numeric_fields(model):
    if model is None:
        return set()
    return {f.attname for f in model._meta.concrete_fields if isinstance(f, (models.DecimalField, models.FloatField))}


def _same_number(a, b):
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, ValueError):
        return False


def diff(before, after, model=None):
    """The fields that changed. A number field compares as a number: 2.1000 from the database and
    2.1 just typed are the same figure, not an edit (the snapshot keeps them as their text)."""
    return _diff(before, after, _numeric_fields(model))


def _diff(before, after, numeric):
    before, after = before or {}, after or {}
    keys = list(dict.fromkeys([*before, *after]))
    changes = []
    for k in keys:
        old, new = before.get(k), after.get(k)
        if old == new or (k in numeric and old is not None and new is not None and _same_number(old, new)):
            continue
        changes.append({"field": k, "before": old, "after": new})
    return changes


def change_rows(entry):
    """An entry's changes as a reader says them: the field's verbose name, choice labels, 是/否.

    [{"field": "状态", "before": "已答复", "after": "已办结"}]; a field the model no longer has keeps its code."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    fields = {}
    if model is not None:
        for f in model._meta.concrete_fields:
            fields[f.attname] = f
            fields[f.name] = f
    rows = []
    for c in entry.changes or []:
        f = fields.get(c.get("field"))
        rows.append({"field": str(f.verbose_name) if f is not None else c.get("field"),
                     "before": _shown(f, c.get("before")), "after": _shown(f, c.get("after"))})
    return rows


def _shown(field, value):
    if value is None or value == "":
        return "—"
    if field is None:
        return str(value)
    if field.choices:
        labels = {str(k): v for k, v in field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    if isinstance(field, (models.DecimalField, models.FloatField)):
        from zonework.core.money import number_text

        return number_text(value, places=field.decimal_places if isinstance(field, models.DecimalField) else 4)
    if isinstance(field, models.DateTimeField):
        from django.utils.dateparse import parse_datetime

        from zonework.core import clock

        moment = parse_datetime(str(value))
        return clock.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else str(value)
    return str(value)


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw:
        # loaddata (a restore) sets the many-to-many of this same instance right after: no entry
        # either, the restored rows' history is already in the restored log.
        instance._audit_raw = True
        return
    instance._audit_before = None
    if instance.pk is not None:
        old = sender._base_manager.filter(pk=instance.pk).first()
        instance._audit_before = old.snapshot() if old is not None else None


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = instance.snapshot()
    before = None if created else getattr(instance, "_audit_before", None)
    changes = diff(before, after, sender)
    if not created and not changes:
        return
    write_entry(AuditAction.CREATE if created else AuditAction.UPDATE, obj=instance, before=before,
                after=after, changes=changes)


def _pre_delete(sender, instance, **kwargs):
    instance._audit_before = instance.snapshot()
    try:
        instance._audit_zone = instance.audit_zone_id()
    except Exception:
        instance._audit_zone = None
    # The zone may go in the same delete (a cascade): its name is read while the row is still there.
    instance._audit_zone_name = _zone_name(instance._audit_zone, instance)


def _post_delete(sender, instance, **kwargs):
    write_entry(AuditAction.DELETE, obj=instance, before=getattr(instance, "_audit_before", None),
                zone_id=getattr(instance, "_audit_zone", None))


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if getattr(instance, "_audit_raw", False):
        return
    if reverse or action not in {"pre_add", "pre_remove", "pre_clear", "post_add", "post_remove", "post_clear"}:
        return
    field = next((f for f in type(instance)._meta.many_to_many if f.remote_field.through is sender), None)
    if field is None:
        return
    key = (sender, instance.pk)
    current_ids = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    if action.startswith("pre_"):
        _M2M_BEFORE[key] = current_ids
        return
    before = _M2M_BEFORE.pop(key, None)
    if before == current_ids:
        return
    change = {"field": field.name, "before": before, "after": current_ids}
    write_entry(AuditAction.UPDATE, obj=instance, before={field.name: before}, after={field.name: current_ids},
                changes=[change])


def _logged_in(sender, request, user, **kwargs):
    write_entry(AuditAction.LOGIN, obj=user, user=user, message="登录成功")


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        write_entry(AuditAction.LOGOUT, obj=user, user=user, message="退出登录")


def _login_failed(sender, credentials, request=None, **kwargs):
    from zonework.core.auth import normalize_username

    # The name as the lockout counts it: " tongji" is a failure of "tongji".
    write_entry(AuditAction.LOGIN_FAILED, user_name=normalize_username(credentials.get("username")),
                message="用户名或密码错误")


def connect_signals():
    for model in audited_models():
        uid = f"zonework-audit-{model._meta.label}"
        pre_save.connect(_pre_save, sender=model, dispatch_uid=uid + "-pre")
        post_save.connect(_post_save, sender=model, dispatch_uid=uid + "-post")
        pre_delete.connect(_pre_delete, sender=model, dispatch_uid=uid + "-predel")
        post_delete.connect(_post_delete, sender=model, dispatch_uid=uid + "-postdel")
        for field in model._meta.many_to_many:
            m2m_changed.connect(_m2m_changed, sender=field.remote_field.through, dispatch_uid=uid + field.name)
    user_logged_in.connect(_logged_in, dispatch_uid="zonework-audit-login")
    user_logged_out.connect(_logged_out, dispatch_uid="zonework-audit-logout")
    user_login_failed.connect(_login_failed, dispatch_uid="zonework-audit-login-failed")


# --- the hash chain: verify and export -------------------------------------------------------


def _chain_rows(queryset):
    from zonework.core.audit_chain import FIELDS

    columns = ["id", "prev_hash", "hash", *FIELDS]
    for values in queryset.order_by("id").values_list(*columns).iterator(chunk_size=2000):
        yield dict(zip(columns, values, strict=True))


def verify_chain():
    """Walk the whole log: (first Break or None, head hash, entries walked)."""
    from zonework.core.audit_chain import walk
    from zonework.core.models import AuditEntry

    def find_hash(value, before_id):
        return AuditEntry.objects.filter(hash=value, id__lt=before_id).order_by("-id").values_list(
            "id", flat=True).first()

    def next_id(after_id):
        return AuditEntry.objects.filter(id__gt=after_id).order_by("id").values_list("id", flat=True).first()

    def linked_to(value, after_id):
        return AuditEntry.objects.filter(prev_hash=value, id__gt=after_id).exists()

    return walk(_chain_rows(AuditEntry.objects.all()), find_hash, next_id, linked_to)


def _json_default(value):
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def export_lines(since=None):
    """The retention file, one JSON object a line: every entry from `since` (a date, Beijing time)
    with its hashes, then a last line with the chain's head hash and whether the whole chain holds,
    so the file can be checked on its own and against the database later."""
    import json

    from zonework.core import clock
    from zonework.core.models import AuditEntry

    broken, head, total = verify_chain()
    queryset = AuditEntry.objects.all()
    if since is not None:
        queryset = queryset.filter(time__date__gte=since)
    count = 0
    for row in _chain_rows(queryset):
        count += 1
        yield json.dumps(row, ensure_ascii=False, default=_json_default) + "\n"
    yield json.dumps({
        "summary": True, "exported_at": clock.now().isoformat(), "since": since.isoformat() if since else None,
        "count": count, "chain_entries": total, "head_hash": head,
        "chain_ok": broken is None, "chain_break": broken.message if broken else "",
    }, ensure_ascii=False) + "\n"
