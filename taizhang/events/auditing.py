"""The one way the module's services write their audit rows: `events.<entity>` with the record's unit."""

from __future__ import annotations

from taizhang.audit.services import audit_record, field_changes


def audit(
    record,
    entity: str,
    action: str,
    *,
    actor,
    old: dict | None = None,
    new: dict | None = None,
    reason: str = "",
    label: str = "",
) -> None:
    """`old`/`new`: {field label: value} before and after (old None for a new record)."""
    audit_record(
        actor=actor,
        action=action,
        object_type=f"events.{entity}",
        object_id=str(record.pk),
        object_repr=(label or str(record))[:200],
        unit_id=record.unit_id,
        changes=field_changes(old or {}, new or {}),
        reason=reason[:200],
    )
