"""An audit log nobody can rewrite: the hash chain, `zonework audit-verify`, the PostgreSQL trigger,
the retention export, kept names, the request id, and restores that write no entries."""

import contextlib
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from tests.factories import PASSWORD, UnitFactory, ZoneFactory
from zonework.core import actions
from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry, User, Zone
from zonework.core.models.audit import AuditImmutable

on_postgres = connection.vendor == "postgresql"
TABLE = AuditEntry._meta.db_table


@contextlib.contextmanager
def trigger_off():
    """On PostgreSQL the trigger refuses raw edits; the tests of the chain play an attacker who has
    the table owner's rights and turns it off (inside the test's transaction, rolled back after)."""
    if on_postgres:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER core_auditentry_append_only")
    try:
        yield
    finally:
        if on_postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER core_auditentry_append_only")


def verify():
    out = io.StringIO()
    call_command("audit-verify", stdout=out)
    return out.getvalue()


def verify_fails():
    with pytest.raises(CommandError) as caught:
        call_command("audit-verify", stdout=io.StringIO())
    return str(caught.value)


@pytest.fixture
def history(admin_user, units):
    """A few real entries: a unit renamed three times."""
    unit = units["econ"]
    for name in ("经信局一", "经信局二", "经信局三"):
        actions.update_object(unit, {"name": name}, acting_user=admin_user)
    return list(AuditEntry.objects.order_by("id").values_list("id", flat=True))


def test_a_clean_log_verifies(history):
    assert f"共{len(history)}条" in verify()


def test_a_raw_sql_edit_is_found_and_named(history):
    target = history[-2]
    with trigger_off(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET message = %s WHERE id = %s", ["无事发生", target])
    message = verify_fails()
    assert f"第{target}号审计记录" in message and "改动" in message


def test_a_removed_entry_is_found(history):
    gone = history[-2]
    with trigger_off(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [gone])
    message = verify_fails()
    assert f"第{history[-1]}号之前的审计记录被删除" in message


def test_an_inserted_entry_is_found(history):
    """A copy of an earlier entry, hash and all, added at the end: its content matches its hash, but
    it does not follow the entry before it."""
    source = history[1]
    columns = [f.column for f in AuditEntry._meta.concrete_fields if f.column != "id"]
    listed = ", ".join(columns)
    with trigger_off(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} ({listed}) SELECT {listed} FROM {TABLE} WHERE id = %s", [source])
    inserted = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    message = verify_fails()
    assert f"第{inserted}号审计记录是插入的" in message


def test_removing_the_last_entries_is_found_against_an_exported_head(history, tmp_path):
    file = tmp_path / "audit.jsonl"
    call_command("audit-export", str(file), stdout=io.StringIO())
    head = json.loads(file.read_text(encoding="utf-8").splitlines()[-1])["head_hash"]
    with trigger_off(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE id >= %s", [history[-1]])
    verify()  # what is left is still a chain
    with pytest.raises(CommandError, match="链头"):
        call_command("audit-verify", "--head", head, stdout=io.StringIO())


@pytest.mark.skipif(not on_postgres, reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize("sql", [f"UPDATE {TABLE} SET message = 'x'", f"DELETE FROM {TABLE}"])
def test_postgres_refuses_update_and_delete_below_the_orm(history, sql):
    with pytest.raises(DatabaseError, match="审计日志只能追加"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEntry.objects.count() == len(history)
    verify()


def test_the_orm_refuses_every_manager(history):
    for manager in (AuditEntry.objects, AuditEntry._base_manager, AuditEntry._default_manager):
        with pytest.raises(AuditImmutable):
            manager.filter(pk=history[0]).update(message="x")
        with pytest.raises(AuditImmutable):
            manager.filter(pk=history[0]).delete()
    verify()


def test_the_export_holds_the_entries_and_the_chains_head(history, tmp_path):
    file = tmp_path / "audit.jsonl"
    call_command("audit-export", str(file), "--since", "2000-01-01", stdout=io.StringIO())
    lines = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
    entries, summary = lines[:-1], lines[-1]
    head = AuditEntry.objects.order_by("-id").first()
    assert summary["head_hash"] == head.hash and summary["chain_ok"] is True
    # The export itself is on record, and in the file.
    assert entries[-1]["action"] == AuditAction.EXPORT and entries[-1]["id"] == head.id
    assert [e["id"] for e in entries] == list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    assert all(e["hash"] for e in entries)


def test_a_bad_since_date_is_refused_in_chinese(tmp_path):
    with pytest.raises(CommandError, match="不是有效的日期"):
        call_command("audit-export", str(tmp_path / "x.jsonl"), "--since", "2026-02-30", stdout=io.StringIO())


def test_the_auditor_downloads_the_retention_file(login, auditor, history):
    response = login(auditor).get("/audit/retention/", {"since": "2000-01-01"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert json.loads(lines[-1])["head_hash"] == AuditEntry.objects.order_by("-id").first().hash
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, event="audit.exported", user=auditor).exists()


def test_entries_keep_the_names_after_the_zone_and_the_user_are_gone(admin_user, auditor, login):
    zone = actions.create_zone({"name": "临时开发区", "level": "other"}, acting_user=admin_user)
    person = User.objects.create_user("tmp-user", password=PASSWORD, unit=UnitFactory(zone=zone))
    actions.update_user(person, {"display_name": "临时"}, acting_user=admin_user)
    person.delete()
    person.unit.delete()
    actions.delete_object(Zone.objects.get(pk=zone.pk), acting_user=admin_user)
    gone = AuditEntry.objects.get(action=AuditAction.DELETE, content_type__model="zone", object_id=str(zone.pk))
    assert gone.zone_name == "临时开发区" and gone.object_repr == "临时开发区"
    earlier = AuditEntry.objects.filter(zone_id=zone.pk, object_repr="临时", action=AuditAction.UPDATE).first()
    assert earlier is not None and earlier.zone_name == "临时开发区" and earlier.user_name == admin_user.username
    client = login(auditor)
    page = client.get("/audit/", {"q": "临时开发区"})
    assert page.status_code == 200 and "临时开发区" in page.content.decode()
    assert client.get(f"/audit/{gone.pk}/").status_code == 200
    verify()


@pytest.mark.parametrize("given, kept", [("a" * 65, False), ("bad id\r\nx", False), ("abc-123_x.y", True),
                                         ("z" * 64, True)])
def test_the_request_id_is_checked_and_a_long_one_does_not_500(client, unit_user, given, kept):
    response = client.post("/login/", {"username": unit_user.username, "password": "wrong"},
                           HTTP_X_REQUEST_ID=given)
    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).latest("id")
    assert (entry.request_id == given) is kept and len(entry.request_id) <= 64
    assert response["X-Request-ID"] == entry.request_id


def test_loaddata_writes_no_entries_for_restored_rows(admin_user, units, tmp_path):
    fixture = tmp_path / "dump.json"
    with open(fixture, "w", encoding="utf-8") as out:
        call_command("dumpdata", "core.zone", "core.unit", "core.user", stdout=out)
    count = AuditEntry.objects.count()
    call_command("loaddata", str(fixture), stdout=io.StringIO())
    assert AuditEntry.objects.count() == count
    verify()


def test_two_zones_written_at_once_still_chain(admin_user):
    """Entries written one after another in separate transactions each link to the one before."""
    for n in range(3):
        with transaction.atomic():
            ZoneFactory(name=f"链测试{n}")
    rows = list(AuditEntry.objects.order_by("id").values_list("prev_hash", "hash"))
    assert all(rows[i][0] == rows[i - 1][1] for i in range(1, len(rows)))
    verify()
