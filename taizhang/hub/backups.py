"""Backups of the whole platform: the database and the uploaded files in one owner-only archive, and the restore
that checks the archive whole before it touches anything, then verifies the audit chain.

The archive (`.tar.gz`): `manifest.json`, the database (`database.sqlite3`, SQLite's online backup, or
`database.dump`, `pg_dump -Fc`) and `media/` (MEDIA_ROOT). The audit keys are not in it (docs/security.md, "Backups"):
a copy of the data must not carry what is needed to re-sign a rewritten history."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from taizhang.audit import heads
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.audit.verify import VerifyResult, verify_chains
from taizhang.core import clock
from taizhang.core.pg_client import pg_client
from taizhang.core.private_files import private_dir

FORMAT = 1
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A refusal in words for the operator; nothing was changed."""


@dataclass
class Manifest:
    created: datetime
    database: str
    media_files: int
    audit_entries: int

    def summary(self) -> str:
        return (
            f"{timezone.localtime(self.created):%Y-%m-%d %H:%M} 的 {VENDOR_NAMES.get(self.database, self.database)} 备份，"
            f"{self.audit_entries} 条审计记录，{self.media_files} 个附件"
        )


@dataclass
class Restored:
    manifest: Manifest
    audit: VerifyResult


def backup_create(*, output: Path | None = None) -> tuple[Path, Manifest]:
    """Write the archive, readable by its owner only; it appears under its name only once complete."""
    vendor = _vendor()
    created = clock.now()
    target = Path(output or settings.BACKUP_DIR / f"taizhang-{timezone.localtime(created):%Y%m%d-%H%M%S}.tar.gz")
    private_dir(target.parent)
    media = Path(settings.MEDIA_ROOT)
    media_files = sorted(p for p in media.rglob("*") if p.is_file()) if media.is_dir() else []
    manifest = Manifest(created, vendor, len(media_files), AuditEntry.objects.count())
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".backup-") as work:
        database = Path(work) / DATABASE_FILES[vendor]
        _dump(vendor, database)
        partial = target.with_name(f".{target.name}.partial")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
                _add_bytes(tar, "manifest.json", _manifest_json(manifest))
                tar.add(database, arcname=database.name)
                for path in media_files:
                    tar.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target, manifest


def backup_restore(*, source: Path, confirm: Callable[[Manifest], bool] = lambda manifest: True) -> Restored:
    """Replace the database and MEDIA_ROOT with the archive's, once the whole archive has been read and checked;
    then note the restore in the audit trail and the head file, and verify the chain."""
    vendor = _vendor()
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media.parent, prefix=".restore-") as work:
        manifest = _unpack(source, Path(work), vendor)
        database = Path(work) / DATABASE_FILES[vendor]
        _check_database(vendor, database, source)
        if not confirm(manifest):
            raise BackupError("已取消，数据没有改动")
        _load(vendor, database)
        _swap_media(Path(work) / "media", media)
    heads.restore_record(backup_created=manifest.created)
    audit_record(
        actor=None,
        action=AuditEntry.Action.BACKUP_RESTORE,
        object_type="audit.backup",
        object_repr=source.name,
        changes={"备份时间": [None, manifest.created.isoformat()], "附件数": [None, manifest.media_files]},
    )
    return Restored(manifest, verify_chains())


# --- writing ---------------------------------------------------------------------------------------------------


def _vendor() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"不支持的数据库：{connection.vendor}")
    return connection.vendor


def _manifest_json(manifest: Manifest) -> bytes:
    data = {
        "format": FORMAT,
        "created": manifest.created.isoformat(),
        "database": manifest.database,
        "media_files": manifest.media_files,
        "audit_entries": manifest.audit_entries,
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def _add_bytes(tar: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(content), 0o600, int(clock.now().timestamp())
    tar.addfile(info, io.BytesIO(content))


def _dump(vendor: str, target: Path) -> None:
    if vendor == "sqlite":
        # The online backup API: a consistent copy while the application keeps writing.
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        _pg("pg_dump", "-Fc", "-f", str(target))


def _pg(program: str, *args: str) -> None:
    """A PostgreSQL client program on the current database; the password goes in an owner-only password file
    (core.pg_client), never in argv."""
    if not shutil.which(program):
        raise BackupError(f"找不到 {program}，请安装 PostgreSQL 客户端（Debian：postgresql-client）")
    db = connection.settings_dict
    with pg_client(db) as (_, env):
        env["PGDATABASE"] = db["NAME"]
        for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
            if db.get(key):
                env[name] = str(db[key])
        done = subprocess.run([program, *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{program} 失败：{done.stderr.strip()[-500:] or f'退出状态 {done.returncode}'}")


# --- reading ---------------------------------------------------------------------------------------------------


def _unpack(source: Path, work: Path, vendor: str) -> Manifest:
    """Read the whole archive into `work`: a damaged or truncated file fails here, before anything is replaced."""
    if not source.is_file():
        raise BackupError(f"找不到备份文件：{source}")
    damaged = f"备份文件 {source.name} 已损坏或不完整，无法恢复，数据没有改动。请换一份备份文件"
    try:
        with gzip.open(source, "rb") as stream, tarfile.open(fileobj=stream, mode="r:") as tar:
            data = json.load(tar.extractfile("manifest.json"))
            if data.get("format") != FORMAT:
                raise BackupError(f"{source.name} 不是本系统能识别的备份格式（格式 {data.get('format')}）")
            manifest = Manifest(
                datetime.fromisoformat(data["created"]), data["database"], data["media_files"], data["audit_entries"]
            )
            if manifest.database != vendor:
                raise BackupError(
                    f"{source.name} 是 {VENDOR_NAMES.get(manifest.database, manifest.database)} 数据库的备份，"
                    f"当前数据库是 {VENDOR_NAMES[vendor]}，不能直接恢复"
                )
            tar.extractall(work, filter="data")
            # To the stream's end, where gzip checks the CRC of everything read: tar alone stops before it.
            while stream.read(1 << 20):
                pass
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, KeyError, ValueError, TypeError, AttributeError) as error:
        raise BackupError(f"{damaged}（{type(error).__name__}）") from error
    except OSError as error:  # gzip's CRC and truncation errors are OSErrors; so is a full disk
        raise BackupError(f"{damaged}（{error.strerror or error}）") from error
    if not (work / DATABASE_FILES[vendor]).is_file():
        raise BackupError(f"{damaged}（缺少数据库文件）")
    files = sum(1 for p in (work / "media").rglob("*") if p.is_file()) if (work / "media").is_dir() else 0
    if files != manifest.media_files:
        raise BackupError(f"{damaged}（附件应有 {manifest.media_files} 个，实有 {files} 个）")
    return manifest


def _check_database(vendor: str, database: Path, source: Path) -> None:
    damaged = f"备份文件 {source.name} 中的数据库已损坏，无法恢复，数据没有改动"
    if vendor == "sqlite":
        try:
            check = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
            try:
                result = check.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                check.close()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{damaged}（{error}）") from error
        if result != "ok":
            raise BackupError(f"{damaged}（SQLite 完整性检查：{result}）")
    else:
        try:
            _pg("pg_restore", "--list", str(database))
        except BackupError as error:
            raise BackupError(f"{damaged}（{error}）") from error


def _load(vendor: str, database: Path) -> None:
    if vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(database)
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
    else:
        connection.close()
        # One transaction: a restore that fails half-way leaves the database as it was.
        _pg(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            connection.settings_dict["NAME"],
            str(database),
        )


def _swap_media(restored: Path, media: Path) -> None:
    """MEDIA_ROOT becomes exactly the archive's files: moved into place, the old directory removed afterwards."""
    restored.mkdir(exist_ok=True)
    previous = media.with_name(f".{media.name}.before-restore")
    shutil.rmtree(previous, ignore_errors=True)
    if media.exists():
        restored.chmod(stat.S_IMODE(media.stat().st_mode))  # as private as the directory it replaces
        media.rename(previous)
    restored.rename(media)
    shutil.rmtree(previous, ignore_errors=True)
