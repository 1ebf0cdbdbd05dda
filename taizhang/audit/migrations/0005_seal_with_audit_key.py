"""Seal the trail written before audit keys existed: each chain's entries are checked against the plain SHA-256
chain they were written with, and the intact part is re-signed with the first audit key (created in
settings.AUDIT_KEY_FILE if missing). From the first broken entry on, nothing is re-signed: those entries keep
key 0 and `verify-audit` names the first of them, so sealing never launders an earlier tampering."""

import hashlib

from django.db import migrations

from taizhang.audit.chain import GENESIS, canonical_json, entry_digest

# A frozen copy of chain.HASHED_FIELDS as it was before keys: this migration must keep reading the old digests
# however the chain's fields change later.
LEGACY_FIELDS = (
    "chain_key",
    "chain_seq",
    "prev_hash",
    "at",
    "actor_id",
    "actor_name",
    "ip",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "unit_id",
    "community_id",
    "household_id",
    "changes",
    "reason",
)


def _legacy_digest(row: dict) -> str:
    """The chain's digest before keys, exactly as `entry_digest` computed it then."""
    payload = {name: row[name] for name in LEGACY_FIELDS if name != "changes"}
    payload["at"] = payload["at"].isoformat()
    text = f"{canonical_json(payload)}\n{canonical_json(row['changes'])}"
    return hashlib.sha256(text.encode()).hexdigest()


def seal(apps, schema_editor):
    Entry = apps.get_model("audit", "AuditEntry")
    Head = apps.get_model("audit", "AuditChainHead")
    unsigned = Entry.objects.filter(key_id=0)
    if not unsigned.exists():
        return
    from taizhang.audit.keys import signing_key

    key_id, key = signing_key()
    table = Entry._meta.db_table
    fields = ["id", "entry_hash", *LEGACY_FIELDS]
    with schema_editor.connection.cursor() as cursor:
        for chain_key in sorted(set(unsigned.values_list("chain_key", flat=True).distinct())):
            legacy_prev, sealed_prev, seq, updates = GENESIS, GENESIS, 0, []
            intact = True
            for row in Entry.objects.filter(chain_key=chain_key).order_by("chain_seq").values(*fields).iterator(5000):
                seq += 1
                if row["chain_seq"] != seq or row["prev_hash"] != legacy_prev or _legacy_digest(row) != row["entry_hash"]:
                    intact = False
                    break
                legacy_prev = row["entry_hash"]
                sealed = {**row, "key_id": key_id, "prev_hash": sealed_prev}
                sealed_prev = entry_digest(sealed, key)
                updates.append((key_id, sealed["prev_hash"], sealed_prev, row["id"]))
            cursor.executemany(f"UPDATE {table} SET key_id = %s, prev_hash = %s, entry_hash = %s WHERE id = %s", updates)
            head = Head.objects.filter(chain_key=chain_key).first()
            if intact and head is not None and head.length == seq and head.last_hash == legacy_prev:
                Head.objects.filter(chain_key=chain_key).update(last_hash=sealed_prev)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_audit_key_id")]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop, elidable=True)]
