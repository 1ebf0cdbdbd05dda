"""The audit trail: append-only, hash-chained per unit, tampering detected."""

from datetime import date
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db import connection

from taizhang.audit.models import AppendOnlyError, AuditEntry
from taizhang.audit.services import BATCH, Draft, audit_append
from taizhang.audit.verify import verify_chains


def append(world, n, unit=None):
    """Append n entries to the unit's chain; returns them as stored, oldest first."""
    unit = unit or world.xinshi
    appended = audit_append(
        [
            Draft(
                action="update",
                object_type="registry.household",
                object_id=str(i),
                unit_id=unit.id,
                changes={"地址": [f"旧{i}", f"新{i}"]},
            )
            for i in range(n)
        ],
        actor=world.xs_admin,
    )
    assert appended == n
    return list(AuditEntry.objects.filter(chain_key=unit.id).order_by("-chain_seq")[:n])[::-1]


def test_an_untouched_trail_verifies(world):
    append(world, 5)
    append(world, 3, world.jiyang)
    result = verify_chains()
    assert result.ok and "OK" in result.message


def test_each_unit_has_its_own_chain_linked_entry_to_entry(world):
    first, second = append(world, 2)
    assert second.prev_hash == first.entry_hash and second.chain_seq == first.chain_seq + 1
    other = append(world, 1, world.jiyang)[0]
    assert other.chain_key == world.jiyang.id and other.chain_key != first.chain_key


def test_entries_cannot_be_changed_or_deleted_through_the_orm(world):
    entry = append(world, 1)[0]
    entry = AuditEntry.objects.get(pk=entry.pk)
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_edited_entry_is_named(world):
    entries = append(world, 4)
    _raw("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["改过", entries[2].pk])
    result = verify_chains()
    assert not result.ok and f"#{entries[2].pk}" in result.message and "改动" in result.message


def test_a_deleted_entry_is_detected(world):
    entries = append(world, 4)
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].pk])
    result = verify_chains()
    assert not result.ok and f"#{entries[2].pk}" in result.message


def test_a_deleted_last_entry_is_detected(world):
    entries = append(world, 3)
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[-1].pk])
    assert not verify_chains().ok


def test_an_import_sized_stream_is_chained_across_batches(world):
    before = AuditEntry.objects.filter(chain_key=world.xinshi.id).count()
    drafts = (
        Draft(
            action="import_create",
            object_type="registry.household",
            object_id=str(i),
            unit_id=world.xinshi.id,
            changes={"户编号": [None, f"XS{i:05d}"], "出生日期": [None, date(1990, 1, 1)]},
        )
        for i in range(BATCH + 7)
    )
    assert audit_append(drafts, actor=None) == BATCH + 7
    entries = list(AuditEntry.objects.filter(chain_key=world.xinshi.id).order_by("chain_seq"))
    assert [e.chain_seq for e in entries] == list(range(1, before + BATCH + 8))
    assert all(later.prev_hash == earlier.entry_hash for earlier, later in pairwise(entries))
    assert entries[before].changes["出生日期"] == [None, "1990-01-01"]
    assert verify_chains().ok


def test_the_command_says_ok_or_exits_1(world, capsys):
    entries = append(world, 2)
    call_command("verify-audit")
    assert "OK" in capsys.readouterr().out
    _raw("UPDATE audit_auditentry SET changes = %s WHERE id = %s", ['{"地址": ["a", "b"]}', entries[0].pk])
    with pytest.raises(SystemExit) as exit_info:
        call_command("verify-audit")
    assert exit_info.value.code == 1
    assert f"#{entries[0].pk}" in capsys.readouterr().out


def test_the_audit_page_verifies_the_chains_with_a_button(client, world):
    from tests.conftest import PASSWORD

    entries = append(world, 3)
    append(world, 2, world.jiyang)
    client.login(username="auditor", password=PASSWORD)
    assert "校验哈希链" in client.get("/audit/").content.decode()
    page = client.post("/audit/", follow=True).content.decode()
    assert "OK：共校验" in page
    _raw("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["改过", entries[1].pk])
    assert f"#{entries[1].pk}" in client.post("/audit/", follow=True).content.decode()


def test_a_unit_admin_verifies_their_own_units_chain(client, world):
    from tests.conftest import PASSWORD

    entries = append(world, 3, world.jiyang)
    append(world, 2)
    _raw("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["改过", entries[1].pk])
    client.login(username="xs_admin", password=PASSWORD)
    assert "OK：共校验" in client.post("/audit/", follow=True).content.decode()
    client.login(username="jy_admin", password=PASSWORD)
    assert f"#{entries[1].pk}" in client.post("/audit/", follow=True).content.decode()
