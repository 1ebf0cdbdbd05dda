"""The hash chain: pure functions over plain values."""

import hashlib
import json
from datetime import datetime

GENESIS = "0" * 64

HASHED_FIELDS = (
    "chain_key", "chain_seq", "prev_hash", "at", "actor_id", "actor_name", "ip", "action",
    "object_type", "object_id", "object_repr", "unit_id", "community_id", "household_id", "changes", "reason",
)


def entry_digest(values: dict) -> str:
    payload = {name: values[name] for name in HASHED_FIELDS}
    at = payload["at"]
    payload["at"] = at.isoformat() if isinstance(at, datetime) else at
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def jsonable(value):
    """Field values as they are stored in `changes`: JSON scalars, decimals and dates as text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
