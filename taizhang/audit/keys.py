"""The audit trail's HMAC keys: kept outside the database, in an owner-only file (settings.AUDIT_KEY_FILE).

    {"current": 2, "keys": {"1": "<64 hex>", "2": "<64 hex>"}}

Every entry carries the id of the key that signed it; rotating adds a key and makes it current, the old ones stay so
old entries still verify. Someone with write access to the database alone cannot re-sign a rewritten history.
The file is read again whenever it changes on disk, so a rotation reaches running workers at their next write."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


class AuditKeyError(RuntimeError):
    pass


@dataclass(frozen=True)
class KeyRing:
    current: int
    keys: dict[int, bytes]

    def signing(self) -> tuple[int, bytes]:
        return self.current, self.keys[self.current]


_cache: dict[Path, tuple[tuple, KeyRing]] = {}


def key_file() -> Path:
    return Path(settings.AUDIT_KEY_FILE)


def key_ring(*, create: bool = True) -> KeyRing | None:
    """The keys on disk (read again only when the file changed); created with a first key when missing."""
    path = key_file()
    try:
        stat = path.stat()
    except FileNotFoundError:
        if not create:
            return None
        _create(path)
        stat = path.stat()
    stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(path)
    if cached is None or cached[0] != stamp:
        cached = _cache[path] = (stamp, _read(path))
    return cached[1]


def signing_key() -> tuple[int, bytes]:
    return key_ring().signing()


def rotate() -> int:
    """A new current key; the old ones are kept for the entries they signed. Returns the new key's id."""
    ring = key_ring()
    new_id = max(ring.keys) + 1
    _write(key_file(), KeyRing(new_id, {**ring.keys, new_id: secrets.token_bytes(32)}), replace=True)
    return new_id


def _read(path: Path) -> KeyRing:
    try:
        data = json.loads(path.read_text())
        keys = {int(k): bytes.fromhex(v) for k, v in data["keys"].items()}
        ring = KeyRing(int(data["current"]), keys)
        ring.signing()
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise AuditKeyError(f"审计密钥文件 {path} 无法读取（{error}）") from error
    return ring


def _create(path: Path) -> None:
    """A first key whose id the trail has never used, so a lost and re-created file cannot pass for the old one."""
    from django.db.models import Max

    from taizhang.audit.models import AuditEntry

    used = AuditEntry.objects.aggregate(m=Max("key_id"))["m"] or 0
    _write(path, KeyRing(used + 1, {used + 1: secrets.token_bytes(32)}), replace=False)


def _write(path: Path, ring: KeyRing, *, replace: bool) -> None:
    """Written to a private temporary file, then moved into place: never half-written, never readable by others.
    A first key is linked in only if no other process created one meanwhile (then that one is used)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"current": ring.current, "keys": {str(k): v.hex() for k, v in sorted(ring.keys.items())}})
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            with contextlib.suppress(FileExistsError):  # another process created it first: theirs is used
                os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
