"""Backup and restore of the whole installation: the database and the uploaded files, in one archive.

The archive is a gzipped tar:
    manifest.json       format, database engine, when, and the row count of every table
    database.sqlite3    SQLite, copied through its online backup API (consistent while the site runs)
    database.dump       PostgreSQL, pg_dump's custom format (restored with pg_restore)
    media/...           every file under MEDIA_ROOT

Restoring copies the database back as it was, below the ORM: no save() runs, so no signal fires and
no audit entry is written for the restored rows; the audit log comes back exactly as it was backed
up. A target that already holds users or zones, or uploaded files, is refused unless forced, because
a restore replaces everything in it. (A freshly migrated database is empty in this sense, although
migrating wrote the built-in roles, the indicator catalogue and their audit entries.)
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection

from zonework.core import clock

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.dump"


def _engine():
    if connection.vendor == "sqlite":
        return "sqlite"
    if connection.vendor == "postgresql":
        return "postgresql"
    raise ValidationError(f"不支持备份{connection.vendor}数据库，只支持 SQLite 和 PostgreSQL。")


def _media_root():
    return Path(settings.MEDIA_ROOT)


def media_files(root=None):
    root = Path(root or _media_root())
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def row_counts():
    counts = {}
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            try:
                counts[model._meta.db_table] = model._base_manager.count()
            except DatabaseError:
                counts[model._meta.db_table] = None
    return counts


def _pg_env():
    db = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    return env, db["NAME"]


def _run(args, env):
    if shutil.which(args[0]) is None:
        raise ValidationError(f"找不到 {args[0]}：请安装 PostgreSQL 客户端（Debian：postgresql-client），"
                              f"版本不低于数据库服务器。")
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise ValidationError(f"{args[0]} 失败（退出码{done.returncode}）：{done.stderr.strip()[:500]}")


def backup(path):
    """Write the archive to `path`; returns the manifest."""
    engine = _engine()
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        if engine == "sqlite":
            db_file = Path(tmp) / SQLITE_MEMBER
            connection.ensure_connection()
            target = sqlite3.connect(db_file)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            db_file = Path(tmp) / PG_MEMBER
            env, name = _pg_env()
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={db_file}", name], env)
        files = media_files()
        manifest = {"format": FORMAT, "engine": engine, "created": clock.now().isoformat(),
                    "media_files": len(files), "rows": row_counts()}
        manifest_file = Path(tmp) / MANIFEST
        manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_file, MANIFEST)
            archive.add(db_file, db_file.name)
            root = _media_root()
            for file in files:
                archive.add(file, "media/" + file.relative_to(root).as_posix())
        partial.replace(path)  # never leave a half-written archive under the real name
    return manifest


def what_is_there():
    """Why the target is not empty (an empty list when it is)."""
    from zonework.core.models import User, Zone

    found = []
    for model, noun in ((User, "用户"), (Zone, "开发区")):
        try:
            n = model._base_manager.count()
        except DatabaseError:  # not migrated yet: nothing there
            n = 0
        if n:
            found.append(f"{n}条{noun}")
    if media_files():
        found.append(f"{len(media_files())}个上传文件")
    return found


def read_manifest(archive):
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read().decode("utf-8"))
    except (KeyError, AttributeError, ValueError):
        raise ValidationError("这不是 zonework 的备份文件（缺少 manifest.json）。") from None
    if manifest.get("format") != FORMAT:
        raise ValidationError(f"备份文件格式版本{manifest.get('format')}不受支持（应为{FORMAT}）。")
    return manifest


def restore(path, *, force=False):
    """Replace the database and MEDIA_ROOT with the archive's; returns the manifest."""
    engine = _engine()
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the with below, once it opened)
    except (OSError, tarfile.TarError):
        raise ValidationError(f"无法打开备份文件“{path}”：文件不存在或不是 .tar.gz 备份。") from None
    with archive, tempfile.TemporaryDirectory() as tmp:
        manifest = read_manifest(archive)
        if manifest["engine"] != engine:
            raise ValidationError(f"备份来自{manifest['engine']}数据库，当前是{engine}：请用同一种数据库恢复"
                                  f"（跨数据库迁移请用 dumpdata/loaddata）。")
        present = what_is_there()
        if present and not force:
            raise ValidationError(f"目标不是空的（已有{'、'.join(present)}），恢复会替换其中全部数据；"
                                  f"确认要替换请加 --force。")
        archive.extractall(tmp, filter="data")
        tmp = Path(tmp)
        if engine == "sqlite":
            source = sqlite3.connect(tmp / SQLITE_MEMBER)
            connection.ensure_connection()
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            env, name = _pg_env()
            connection.close()
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                  f"--dbname={name}", str(tmp / PG_MEMBER)], env)
        root = _media_root()
        if root.exists() and any(root.iterdir()):
            # Kept beside, not deleted: a forced restore is undone by moving this folder back.
            aside = root.with_name(f"{root.name}.before-restore-{clock.now():%Y%m%d%H%M%S}")
            root.rename(aside)
            manifest["media_moved_to"] = str(aside)
        root.mkdir(parents=True, exist_ok=True)
        if (tmp / "media").is_dir():
            for item in (tmp / "media").iterdir():
                shutil.move(str(item), root / item.name)
    return manifest
