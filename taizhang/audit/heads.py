"""The chain heads, published: exported daily to an append-only file (settings.AUDIT_HEAD_FILE) and printed as a
short code on the leaders' cockpit, so a history rewritten even with the key no longer matches what was published.

One JSON line per export: {"at": ISO time, "chains": {"<chain_key>": [length, last_hash]}, "code": "XXXX-XXXX-XXXX"}.
A restore from a backup adds {"restored": ISO time, "backup_created": ISO time}: exports made between the backup and
the restore describe a history the restore took back, and are no longer checked (verify-audit says how many)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings

from taizhang.audit.chain import canonical_json
from taizhang.audit.models import AuditChainHead
from taizhang.core import clock


@dataclass
class Export:
    line: int
    at: datetime
    chains: dict[int, tuple[int, str]]
    code: str


@dataclass
class Exports:
    exports: list[Export] = field(default_factory=list)
    superseded: int = 0  # exports taken back by a restore
    error: str = ""  # a line that cannot be read or whose code does not match its heads


def head_file() -> Path:
    return Path(settings.AUDIT_HEAD_FILE)


def heads_code(chains: dict[int, tuple[int, str]]) -> str:
    """12 base32 characters (60 bits) of SHA-256 over the heads, as XXXX-XXXX-XXXX: short enough to print and read
    back, long enough that no rewritten history hits it by chance."""
    text = canonical_json({str(k): [length, last] for k, (length, last) in sorted(chains.items())})
    code = base64.b32encode(hashlib.sha256(text.encode()).digest()).decode()[:12]
    return "-".join(code[i : i + 4] for i in range(0, 12, 4))


def head_export(*, at: datetime | None = None) -> Export:
    """Append the current heads of every chain to the head file."""
    chains = {h.chain_key: (h.length, h.last_hash) for h in AuditChainHead.objects.filter(length__gt=0)}
    at = at or clock.now()
    code = heads_code(chains)
    line = {"at": at.isoformat(), "chains": {str(k): list(v) for k, v in sorted(chains.items())}, "code": code}
    _append(line)
    return Export(0, at, chains, code)


def restore_record(*, backup_created: datetime, at: datetime | None = None) -> None:
    _append({"restored": (at or clock.now()).isoformat(), "backup_created": backup_created.isoformat()})


def _append(line: dict) -> None:
    path = head_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())


def read_exports() -> Exports:
    """Every export still to be checked, in order; a line that is not an export nor a restore is an error."""
    result = Exports()
    path = head_file()
    if not path.exists():
        return result
    with path.open(encoding="utf-8") as lines:
        for number, text in enumerate(lines, 1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
                if "restored" in data:
                    restored = datetime.fromisoformat(data["restored"])
                    created = datetime.fromisoformat(data["backup_created"])
                    kept = [e for e in result.exports if not created < e.at <= restored]
                    result.superseded += len(result.exports) - len(kept)
                    result.exports = kept
                    continue
                chains = {int(k): (int(v[0]), str(v[1])) for k, v in data["chains"].items()}
                export = Export(number, datetime.fromisoformat(data["at"]), chains, data["code"])
            except (ValueError, KeyError, TypeError, IndexError) as error:
                result.error = f"链头导出文件 {path} 第 {number} 行无法读取（{error}），该文件可能被改动"
                return result
            if heads_code(chains) != export.code:
                result.error = f"链头导出文件 {path} 第 {number} 行的校验码与其内容不符，该文件被改动过"
                return result
            result.exports.append(export)
    return result


def latest_export() -> Export | None:
    """The last export, for the cockpit, read from the file's end (one line a day for years); None after a restore
    until the next export."""
    path = head_file()
    try:
        with path.open("rb") as file:
            size = file.seek(0, os.SEEK_END)
            file.seek(max(0, size - 256 * 1024))
            tail = file.read().decode("utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return None
    for text in reversed(tail):
        try:
            data = json.loads(text)
            if "restored" in data:
                return None
            return Export(0, datetime.fromisoformat(data["at"]), {}, data["code"])
        except (ValueError, KeyError, TypeError):
            continue
    return None
