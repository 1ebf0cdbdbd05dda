"""The published chain heads: exported daily to an append-only file, a short code on the cockpit, and a rewrite of
history before an export caught even by someone who holds the key."""

import json
import re
import stat

import pytest
from django.core.management import call_command
from django.utils import timezone

from taizhang.audit import keys
from taizhang.audit.heads import head_file, heads_code, read_exports
from taizhang.audit.models import AuditChainHead
from taizhang.audit.verify import verify_chains
from tests.audit.test_chain import append
from tests.audit.test_keys import _raw, rechain

CODE = re.compile(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}")


def export(capsys=None) -> str:
    call_command("export-audit-head")
    if capsys is not None:
        return capsys.readouterr().out
    return ""


def with_the_key(row):
    """An insider who also holds the audit key re-signs the chain."""
    from taizhang.audit.chain import entry_digest

    return entry_digest(row, keys.key_ring().keys[row["key_id"]])


def test_the_export_appends_every_chains_head_to_an_owner_only_file_and_prints_its_code(world, capsys):
    append(world, 3)
    append(world, 2, world.jiyang)
    out = export(capsys)
    assert "审计链校验码：" in out and CODE.search(out)
    export()
    lines = [json.loads(line) for line in head_file().read_text().splitlines()]
    assert len(lines) == 2
    heads = {h.chain_key: [h.length, h.last_hash] for h in AuditChainHead.objects.all()}
    assert lines[0]["chains"] == {str(k): v for k, v in heads.items()}
    assert lines[0]["code"] == CODE.search(out).group() == heads_code({k: tuple(v) for k, v in heads.items()})
    assert stat.S_IMODE(head_file().stat().st_mode) == 0o600
    result = verify_chains()
    assert result.ok and "2 次导出的链头均与现有记录一致" in result.message


def test_a_history_rewritten_with_the_key_after_an_export_is_caught_by_the_head_check(world):
    entries = append(world, 4)
    export()
    append(world, 2)
    _raw("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["改过", entries[1].pk])
    rechain(world.xinshi.id, with_the_key)
    result = verify_chains()
    assert not result.ok and "链头导出文件第 1 行" in result.message and "历史被改写" in result.message


def test_entries_deleted_before_an_export_and_re_signed_with_the_key_are_caught(world):
    entries = append(world, 5)
    export()
    _raw("DELETE FROM audit_auditentry WHERE id IN (%s, %s)", [entries[1].pk, entries[2].pk])
    rechain(world.xinshi.id, with_the_key)
    result = verify_chains()
    assert not result.ok and "导出之前的记录被删除" in result.message


def test_a_damaged_head_file_fails_verification(world):
    append(world, 2)
    export()
    text = head_file().read_text()
    head_file().write_text(text.replace('"chains": {"', '"chains": {"9'))
    result = verify_chains()
    assert not result.ok and "第 1 行的校验码与其内容不符" in result.message
    head_file().write_text("not json\n")
    assert "第 1 行无法读取" in verify_chains().message


def test_a_broken_chain_is_not_exported(world, capsys):
    entries = append(world, 3)
    _raw("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["改过", entries[0].pk])
    with pytest.raises(SystemExit) as exit_info:
        export()
    assert exit_info.value.code == 1
    assert "未导出" in capsys.readouterr().out and not head_file().exists()


def test_rotation_keeps_the_exported_heads_and_the_chain_green(world):
    append(world, 3)
    export()
    call_command("rotate-audit-key")
    append(world, 3)
    export()
    assert verify_chains().ok


def test_the_cockpit_prints_the_last_exported_code(client, world, clock, login):
    login(world.leader)
    assert "审计链校验码" not in client.get("/").content.decode()
    append(world, 2)
    export()
    page = client.get("/").content.decode()
    code = read_exports().exports[-1].code
    assert f'审计链校验码：<span class="font-monospace">{code}</span>' in page
    assert f"截至 {timezone.localtime(clock.now()):%Y年%-m月%-d日 %H:%M}" in page


def test_a_code_read_off_a_report_is_checked_against_the_exports(world, capsys):
    append(world, 2)
    code = CODE.search(export(capsys)).group()
    call_command("verify-audit", "--code", code.lower())
    assert f"校验码 {code}（链头导出文件第 1 行" in capsys.readouterr().out
    head_file().write_text("")  # the file emptied to hide a rewrite: the printed code is no longer found
    with pytest.raises(SystemExit):
        call_command("verify-audit", "--code", code)
    assert f"校验码 {code} 不在链头导出文件中" in capsys.readouterr().out
