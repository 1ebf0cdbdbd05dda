"""The hash chain: pure functions over plain values."""

import hashlib
from datetime import datetime

import orjson

GENESIS = "0" * 64

HASHED_FIELDS = (
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


def _json_default(value):
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


_CANONICAL = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS


def canonical_json(value) -> str:
    """The one serialisation that is hashed and stored: compact UTF-8, keys sorted, dates ISO 8601,
    decimals as text. orjson, because an import hashes 50,000 entries in one go."""
    return orjson.dumps(value, option=_CANONICAL, default=_json_default).decode()


def entry_digest(values: dict, changes_json: str | None = None) -> str:
    """SHA-256 over the entry's fields; `changes` enters as its canonical JSON text (pass it if already made)."""
    payload = {name: values[name] for name in HASHED_FIELDS if name != "changes"}
    at = payload["at"]
    payload["at"] = at.isoformat() if isinstance(at, datetime) else at
    if changes_json is None:
        changes_json = canonical_json(values["changes"])
    return hashlib.sha256(f"{canonical_json(payload)}\n{changes_json}".encode()).hexdigest()


def jsonable(value):
    """Field values as they are compared in `changes`: JSON scalars, decimals and dates as text."""
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
