"""`zonework backup FILE` and `zonework restore FILE`: the same rows and files come back, and the
restore writes no audit entry of its own (issue 12 item 11). Runs on the suite's database (SQLite,
or PostgreSQL when DATABASE_URL names one and pg_dump is installed)."""

import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from zonework.core.models import AuditEntry, Zone
from zonework.documents import actions as doc_actions
from zonework.documents.models import SourceDocument

pytestmark = pytest.mark.skipif(connection.vendor == "postgresql" and shutil.which("pg_dump") is None,
                                reason="pg_dump is not installed")


def rows():
    """Every row of every table, in key order."""
    out = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            out[model._meta.db_table] = list(model._base_manager.order_by("pk").values_list())
    return out


def files(root):
    root = Path(root)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def installation(transactional_db, media, zone, admin_user):
    """A zone with users, an uploaded and read report (a file under MEDIA_ROOT) and its audit trail."""
    text = "2013年工作要点\n2013年，全区地区生产总值增长10%。\n".encode()
    document, _created = doc_actions.upload_document(zone, "要点.txt", text, acting_user=admin_user)
    doc_actions.read_document(document.pk)
    (Path(media) / "attachments").mkdir(parents=True)
    (Path(media) / "attachments" / "附件.bin").write_bytes(bytes(range(256)) * 40)
    return document


def test_restore_gives_identical_rows_and_files_and_no_new_audit_entries(installation, media, tmp_path, capsys):
    before_rows, before_files = rows(), files(media)
    assert AuditEntry.objects.count() > 0 and len(before_files) == 2
    archive = tmp_path / "备份.tar.gz"
    call_command("backup", str(archive))
    assert "已备份到" in capsys.readouterr().out

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    assert SourceDocument.objects.count() == 0 and Zone.objects.count() == 0

    call_command("restore", str(archive))
    assert rows() == before_rows
    assert files(media) == before_files
    # The restored document still opens its file.
    with SourceDocument.objects.get().file.open("rb") as fh:
        assert fh.read().startswith("2013年工作要点".encode())


def test_restore_refuses_a_target_that_is_not_empty_unless_forced(installation, media, tmp_path):
    archive = tmp_path / "备份.tar.gz"
    call_command("backup", str(archive))
    audit_before = AuditEntry.objects.count()
    with pytest.raises(CommandError) as exc:
        call_command("restore", str(archive))
    assert "目标不是空的" in str(exc.value) and "--force" in str(exc.value)
    assert AuditEntry.objects.count() == audit_before

    # Forced: what happened after the backup is gone; the files present then are kept beside.
    SourceDocument.objects.get().delete()
    (Path(media) / "后来的.txt").write_text("x")
    call_command("restore", str(archive), "--force")
    assert SourceDocument.objects.count() == 1 and AuditEntry.objects.count() == audit_before
    assert "后来的.txt" not in files(media)
    (aside,) = Path(media).parent.glob("media.before-restore-*")
    assert (aside / "后来的.txt").read_text() == "x"


def test_restore_refuses_a_file_that_is_not_a_backup(transactional_db, media, tmp_path):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a tar")
    with pytest.raises(CommandError) as exc:
        call_command("restore", str(bogus))
    assert "不是 .tar.gz 备份" in str(exc.value)
