"""Appending to the audit trail. Every write service calls these inside its own transaction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from taizhang.audit.chain import GENESIS, entry_digest, jsonable
from taizhang.audit.context import current_source
from taizhang.audit.models import AuditChainHead, AuditEntry

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


def field_changes(old: dict, new: dict) -> dict:
    """{label: [old, new]} for the labels whose values differ (old is None for a new record)."""
    changes = {}
    for label, value in new.items():
        before = jsonable(old.get(label)) if old else None
        after = jsonable(value)
        if before != after and not (before in (None, "") and after in (None, "")):
            changes[label] = [before, after]
    return changes


def _actor_fields(actor) -> dict:
    if actor is None:
        return {"actor_id": None, "actor_name": "系统（命令行）"}
    name = getattr(actor, "full_name", "") or actor.get_username()
    return {"actor_id": actor.pk, "actor_name": f"{name}（{actor.get_username()}）"}


@transaction.atomic
def audit_append(drafts: list[Draft], *, actor=None, at=None) -> list[AuditEntry]:
    """Append drafts to their units' chains, in order, as one atomic batch."""
    if not drafts:
        return []
    at = at or timezone.now()
    who = _actor_fields(actor)
    source = current_source()
    by_chain: dict[int, list[Draft]] = defaultdict(list)
    for draft in drafts:
        by_chain[draft.unit_id or DISTRICT_CHAIN].append(draft)

    entries = []
    for chain_key in sorted(by_chain):
        AuditChainHead.objects.get_or_create(chain_key=chain_key)
        head = AuditChainHead.objects.select_for_update().get(chain_key=chain_key)
        prev_hash, seq = head.last_hash or GENESIS, head.length
        for draft in by_chain[chain_key]:
            seq += 1
            values = {
                "chain_key": chain_key, "chain_seq": seq, "prev_hash": prev_hash, "at": at,
                **who, "ip": source, "action": draft.action, "object_type": draft.object_type,
                "object_id": str(draft.object_id), "object_repr": draft.object_repr[:200],
                "unit_id": draft.unit_id, "community_id": draft.community_id,
                "household_id": draft.household_id, "changes": jsonable(draft.changes), "reason": draft.reason,
            }
            prev_hash = values["entry_hash"] = entry_digest(values)
            entries.append(AuditEntry(**values))
        AuditChainHead.objects.filter(chain_key=chain_key).update(length=seq, last_hash=prev_hash)
    AuditEntry.objects.bulk_create(entries, batch_size=500)
    return entries


def audit_record(*, actor, action: str, object_type: str, **draft_fields) -> AuditEntry:
    return audit_append([Draft(action=action, object_type=object_type, **draft_fields)], actor=actor)[0]
