"""taizhang backup / restore: the round trip gives back every table and every uploaded file, with a verified audit
chain; a damaged archive is refused in words before anything changes. Runs on SQLite and on PostgreSQL (CI runs both)."""

import gzip
import os
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import DISTRICT_CHAIN, Draft, audit_append
from taizhang.audit.verify import verify_chains
from taizhang.org.models import User
from tests.conftest import make_world

pytestmark = pytest.mark.django_db(transaction=True)


def tables() -> dict:
    """Every row of every table, by model, in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def media_files() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def upload(name: str, content: bytes) -> None:
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.fixture
def filled(tmp_path):
    world = make_world()
    audit_append(
        [
            Draft(
                action="update",
                object_type="registry.household",
                unit_id=world.xinshi.id,
                changes={"地址": ["旧", "新"]},
            )
        ]
        * 5,
        actor=world.xs_admin,
    )
    upload("photos/2026/12/门头照.jpg", b"\xff\xd8\xff" + bytes(range(256)) * 40)
    upload("documents/协议（签字）.pdf", b"%PDF-1.7 " * 300)
    call_command("export-audit-head")
    return world


def backup(tmp_path) -> Path:
    target = tmp_path / "backups" / "taizhang.tar.gz"
    call_command("backup", "-o", str(target))
    return target


def test_a_restore_gives_back_every_table_and_every_file_with_a_verified_audit_chain(filled, tmp_path, capsys):
    before_tables, before_files = tables(), media_files()
    target = backup(tmp_path)
    assert "已备份到" in capsys.readouterr().out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700

    # Work goes on after the backup: rows change, entries are appended, files come and go.
    User.objects.filter(pk=filled.xs_worker.pk).update(full_name="改名")
    audit_append([Draft(action="update", object_type="registry.household", unit_id=filled.jiyang.id)], actor=None)
    call_command("export-audit-head")
    (Path(settings.MEDIA_ROOT) / "documents/协议（签字）.pdf").unlink()
    upload("photos/新的.jpg", b"new")

    Path(settings.MEDIA_ROOT).chmod(0o700)
    call_command("restore", str(target), "--yes")
    out = capsys.readouterr().out
    assert stat.S_IMODE(Path(settings.MEDIA_ROOT).stat().st_mode) == 0o700
    assert "已恢复" in out and "审计链校验：OK" in out and "1 次导出在从备份恢复时被撤回" in out

    # Equal to the moment of the backup, but for the restore's own entry, at the end of the district's chain.
    after = tables()
    restore_entry = AuditEntry.objects.get(action="backup_restore")
    assert restore_entry.chain_key == DISTRICT_CHAIN and restore_entry.object_repr == target.name
    after["audit.AuditEntry"].remove(AuditEntry.objects.filter(pk=restore_entry.pk).values_list().get())
    district = next(row for row in before_tables["audit.AuditChainHead"] if row[0] == DISTRICT_CHAIN)
    heads = after["audit.AuditChainHead"]
    at = [row[0] for row in heads].index(DISTRICT_CHAIN)
    assert restore_entry.prev_hash == district[2]
    assert heads[at] == (DISTRICT_CHAIN, district[1] + 1, restore_entry.entry_hash)
    heads[at] = district
    assert after == before_tables
    assert media_files() == before_files
    assert verify_chains().ok


def test_a_truncated_backup_is_refused_in_chinese_and_nothing_changes(filled, tmp_path):
    target = backup(tmp_path)
    data = target.read_bytes()
    before_tables, before_files = tables(), media_files()
    middle = len(data) // 2
    flipped = data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 32]) + data[middle + 32 :]
    for damaged in (data[:middle], data[:-40], data[:100] + b"\0" * 64 + data[164:], flipped, b"not a backup at all"):
        target.write_bytes(damaged)
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(target), "--yes")
        assert "已损坏或不完整" in str(refused.value) and "数据没有改动" in str(refused.value)
    assert tables() == before_tables and media_files() == before_files


def test_an_archive_whose_database_is_damaged_is_refused(filled, tmp_path):
    target = backup(tmp_path)
    unpacked = tmp_path / "unpacked"
    with tarfile.open(target) as tar:
        tar.extractall(unpacked, filter="data")
    database = next(p for p in unpacked.iterdir() if p.name.startswith("database."))
    database.write_bytes(database.read_bytes()[:4096] + b"\x13" * 8192)
    with tarfile.open(target, "w:gz") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(unpacked).as_posix())
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(target), "--yes")
    assert "中的数据库已损坏" in str(refused.value)


def test_a_missing_file_and_a_declined_confirmation_change_nothing(filled, tmp_path, monkeypatch):
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore", str(tmp_path / "none.tar.gz"), "--yes")
    target = backup(tmp_path)
    monkeypatch.setattr("builtins.input", lambda question: "no")
    with pytest.raises(CommandError, match="已取消"):
        call_command("restore", str(target))


def test_the_command_line_answers_a_damaged_file_with_one_chinese_line_and_no_traceback(tmp_path):
    damaged = tmp_path / "taizhang-20261201-013000.tar.gz"
    damaged.write_bytes(gzip.compress(b"x" * 5000)[:-20])
    env = {**os.environ, "TAIZHANG_VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}
    done = subprocess.run(
        [sys.executable, "-m", "taizhang.manage", "restore", str(damaged), "--yes"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.REPO_DIR,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert "备份文件 taizhang-20261201-013000.tar.gz 已损坏或不完整，无法恢复，数据没有改动" in done.stderr
