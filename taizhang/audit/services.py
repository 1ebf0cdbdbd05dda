"""Appending to the audit trail. Every write service calls these inside its own transaction."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from taizhang.audit.chain import GENESIS, canonical_json, entry_digest, jsonable
from taizhang.audit.context import current_source
from taizhang.audit.keys import signing_key
from taizhang.audit.models import AuditChainHead, AuditEntry
from taizhang.core import clock
from taizhang.core.bulk import JsonText, bulk_insert

DISTRICT_CHAIN = 0


@dataclass
class Draft:
    action: str
    object_type: str
    object_id: str = ""
    object_repr: str = ""
    unit_id: int | None = None
    community_id: int | None = None
    household_id: int | None = None
    changes: dict = field(default_factory=dict)
    reason: str = ""

    @classmethod
    def filed_under(cls, record, **fields) -> Draft:
        """A draft filed where `record` is — its unit, 村居 and household — so it shows in the household's timeline."""
        return cls(unit_id=record.unit_id, community_id=record.community_id, household_id=record.household_id, **fields)


def field_changes(old: dict, new: dict) -> dict:
    """{label: [old, new]} for the labels whose values differ (old is None for a new record)."""
    changes = {}
    for label, value in new.items():
        before = jsonable(old.get(label)) if old else None
        after = jsonable(value)
        if before != after and not (before in (None, "") and after in (None, "")):
            changes[label] = [before, after]
    return changes


def actor_name(actor) -> str:
    """How the trail names who acted: "王主任（xs_admin）", or the command line."""
    if actor is None:
        return "系统（命令行）"
    return f"{getattr(actor, 'full_name', '') or actor.get_username()}（{actor.get_username()}）"


def _actor_fields(actor) -> dict:
    return {"actor_id": actor.pk if actor is not None else None, "actor_name": actor_name(actor)}


BATCH = 5000


@transaction.atomic
def audit_append(drafts: Iterable[Draft], *, actor=None, at=None) -> int:
    """Append drafts to their units' chains, in order, as one atomic batch; returns the number appended.

    Drafts are taken in batches (an import's 50,000 household entries never sit in memory at once);
    each batch first locks the chain heads it needs, in key order, then is inserted."""
    if isinstance(drafts, list):
        drafts = sorted(drafts, key=_chain_key)
    at = at or clock.now()
    key_id, key = signing_key()
    who = _actor_fields(actor)
    source = current_source()
    heads: dict[int, list] = {}
    count = 0
    for batch in _batched(drafts):
        for chain_key in sorted({_chain_key(d) for d in batch} - heads.keys()):
            AuditChainHead.objects.get_or_create(chain_key=chain_key)
            locked = AuditChainHead.objects.select_for_update().get(chain_key=chain_key)
            heads[chain_key] = [locked.last_hash or GENESIS, locked.length]
        entries = []
        for draft in batch:
            head = heads[_chain_key(draft)]
            head[1] += 1
            values = {
                "key_id": key_id,
                "chain_key": _chain_key(draft),
                "chain_seq": head[1],
                "prev_hash": head[0],
                "at": at,
                **who,
                "ip": source,
                "action": draft.action,
                "object_type": draft.object_type,
                "object_id": str(draft.object_id),
                "object_repr": draft.object_repr[:200],
                "unit_id": draft.unit_id,
                "community_id": draft.community_id,
                "household_id": draft.household_id,
                "reason": draft.reason,
                # Serialised once: the same text is hashed and stored.
                "changes": JsonText(canonical_json(draft.changes)),
            }
            head[0] = values["entry_hash"] = entry_digest(values, key, values["changes"])
            entries.append(values)
        count += bulk_insert(AuditEntry, entries)
    for chain_key, (last_hash, length) in heads.items():
        AuditChainHead.objects.filter(chain_key=chain_key).update(length=length, last_hash=last_hash)
    return count


def _chain_key(draft: Draft) -> int:
    return draft.unit_id or DISTRICT_CHAIN


def _batched(items: Iterable, size: int = BATCH):
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def audit_record(*, actor, action: str, object_type: str, **draft_fields) -> None:
    audit_append([Draft(action=action, object_type=object_type, **draft_fields)], actor=actor)


def audit_key_rotate(*, actor=None) -> int:
    """A new signing key from now on; the old keys stay in the key file for the entries they signed. The rotation
    is itself the first entry the new key signs. Returns the new key's id."""
    from taizhang.audit.keys import rotate

    old_id, _ = signing_key()
    new_id = rotate()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.KEY_ROTATE,
        object_type="audit.key",
        object_id=str(new_id),
        object_repr=f"审计密钥 {new_id}",
        changes={"签名密钥": [old_id, new_id]},
    )
    return new_id
