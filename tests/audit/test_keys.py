"""The keyed chain against an insider with database access: recomputed hashes are caught, rotation keeps the trail
verifiable, the trail written before keys is sealed without laundering earlier tampering."""

import hmac
import importlib
import json
import stat
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from taizhang.audit import keys
from taizhang.audit.chain import GENESIS, HASHED_FIELDS, Signer, entry_digest
from taizhang.audit.models import AuditEntry
from taizhang.audit.verify import verify_chains
from tests.audit.test_chain import append

sealing = importlib.import_module("taizhang.audit.migrations.0005_seal_with_audit_key")
plain_sha256 = sealing._legacy_digest


@pytest.fixture(autouse=True)
def own_key_file(settings, tmp_path):
    settings.AUDIT_KEY_FILE = tmp_path / "keys" / "audit_keys.json"
    return settings.AUDIT_KEY_FILE


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def rechain(chain_key, digest, *, key_id=None):
    """What an insider with the database does after editing or deleting entries: renumber the chain, recompute
    every link with `digest(row)`, and set the chain head to match."""
    rows = list(AuditEntry.objects.filter(chain_key=chain_key).order_by("chain_seq").values("id", *HASHED_FIELDS))
    prev = GENESIS
    for seq, row in enumerate(rows, 1):
        row.update(chain_seq=seq, prev_hash=prev, key_id=row["key_id"] if key_id is None else key_id)
        prev = digest(row)
        _raw(
            "UPDATE audit_auditentry SET chain_seq = %s, prev_hash = %s, entry_hash = %s, key_id = %s WHERE id = %s",
            [seq, row["prev_hash"], prev, row["key_id"], row["id"]],
        )
    _raw(
        "UPDATE audit_auditchainhead SET length = %s, last_hash = %s WHERE chain_key = %s", [len(rows), prev, chain_key]
    )


@pytest.mark.parametrize("key_id", [None, 0], ids=["key id left as it was", "key id set to 0"])
def test_deleting_seven_entries_and_recomputing_plain_sha256_hashes_is_detected(world, key_id):
    entries = append(world, 12)
    for entry in entries[3:10]:
        _raw("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    rechain(world.xinshi.id, plain_sha256, key_id=key_id)
    result = verify_chains()
    assert not result.ok
    assert "签名" in result.message


def test_rewriting_an_entry_and_recomputing_the_chain_without_the_key_is_detected(world):
    entries = append(world, 5)
    _raw("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["改过", entries[1].pk])
    rechain(world.xinshi.id, lambda row: entry_digest(row, b"a guessed key"))
    result = verify_chains()
    assert not result.ok and "内容与签名不符" in result.message


def test_entries_carry_the_id_of_the_key_that_signed_them_and_the_file_is_owner_only(world, own_key_file):
    entry = append(world, 1)[0]
    ring = keys.key_ring()
    assert entry.key_id == ring.current
    assert entry.entry_hash == entry_digest({f: getattr(entry, f) for f in HASHED_FIELDS}, ring.keys[entry.key_id])
    assert stat.S_IMODE(own_key_file.stat().st_mode) == 0o600


def test_rotation_signs_new_entries_with_a_new_key_and_old_ones_still_verify(world, own_key_file, capsys):
    before = append(world, 3)
    call_command("rotate-audit-key")
    assert "已启用审计密钥 2" in capsys.readouterr().out
    after = append(world, 2) + append(world, 2, world.jiyang)
    assert {e.key_id for e in before} == {1} and {e.key_id for e in after} == {2}
    rotation = AuditEntry.objects.get(action="key_rotate")
    assert rotation.key_id == 2 and rotation.changes == {"签名密钥": [1, 2]}
    assert set(json.loads(own_key_file.read_text())["keys"]) == {"1", "2"}
    assert stat.S_IMODE(own_key_file.stat().st_mode) == 0o600
    assert verify_chains().ok


def test_a_lost_key_file_is_named_and_a_new_one_never_reuses_an_old_key_id(world, own_key_file):
    append(world, 2)
    own_key_file.unlink()
    result = verify_chains()
    assert not result.ok and "密钥文件" in result.message and "不存在" in result.message
    append(world, 1)  # a new file is created with the next free id
    assert keys.key_ring().current == 2
    result = verify_chains()
    assert not result.ok and "密钥 1 不在密钥文件" in result.message


def write_legacy_chain(world, n):
    """A chain as written before audit keys: plain SHA-256, key id 0."""
    entries = append(world, n)
    rechain(world.xinshi.id, plain_sha256, key_id=0)
    return entries


def seal():
    sealing.seal(apps, SimpleNamespace(connection=connection))


def test_the_migration_seals_an_intact_trail_written_before_keys(world):
    entries = write_legacy_chain(world, 4)
    assert not verify_chains().ok
    seal()
    assert verify_chains().ok
    assert set(AuditEntry.objects.filter(pk__in=[e.pk for e in entries]).values_list("key_id", flat=True)) == {1}
    append(world, 1)  # the chain goes on from the sealed head
    assert verify_chains().ok


def test_the_migration_does_not_seal_a_trail_already_broken_and_verify_names_the_break(world):
    entries = write_legacy_chain(world, 5)
    _raw("UPDATE audit_auditentry SET reason = %s WHERE id = %s", ["改过", entries[2].pk])
    seal()
    key_ids = dict(AuditEntry.objects.filter(pk__in=[e.pk for e in entries]).values_list("id", "key_id"))
    assert [key_ids[e.pk] for e in entries] == [1, 1, 0, 0, 0]
    result = verify_chains()
    assert not result.ok and f"#{entries[2].pk}" in result.message and "没有审计密钥签名" in result.message


@given(key=st.binary(max_size=200), message=st.binary(max_size=2000))
def test_the_signer_is_hmac_sha256(key, message):
    assert Signer(key).hexdigest(message) == hmac.new(key, message, "sha256").hexdigest()
