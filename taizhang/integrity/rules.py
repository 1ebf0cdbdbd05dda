"""The signal facility's own rules: a finding's identity, parameter values and their versions, a kind's precision.
No Django here."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation


def fingerprint(kind: str, refs: Iterable[str], key: str = "") -> str:
    """The same kind about the same records (or the same declared key) is the same finding, run after run."""
    identity = key or "|".join(sorted(refs))
    return hashlib.sha256(f"{kind}\n{identity}".encode()).hexdigest()


def parse_value(kind: str, text: str):
    """A parameter's value as the rule reads it; ValueError with the reason a page shows."""
    text = (text or "").strip()
    if kind == "number":
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"“{text}”不是数字")
        if not number.is_finite() or number < 0:
            raise ValueError("须为不小于 0 的数字")
        return float(number)
    if kind == "time":
        match = re.fullmatch(r"(\d{1,2})[:：](\d{2})", text)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValueError(f"“{text}”不是时刻，请写成 21:00 的样子")
        return time(int(match[1]), int(match[2]))
    if kind == "dates":
        days = []
        for part in re.split(r"[,，、;；\s]+", text):
            if not part:
                continue
            try:
                days.append(date.fromisoformat(part))
            except ValueError:
                raise ValueError(f"“{part}”不是日期，请写成 2026-02-17 的样子")
        return frozenset(days)
    raise ValueError(f"未知的参数类型 {kind}")


@dataclass(frozen=True)
class Version:
    param: str
    value: str
    effective_from: date


def in_force(defaults: dict[str, str], versions: Iterable[Version], on: date) -> dict[str, str]:
    """Each parameter's value on a day: the latest version from that day or before, else the default."""
    values = dict(defaults)
    latest: dict[str, date] = {}
    for version in versions:
        if (
            version.param in values
            and version.effective_from <= on
            and version.effective_from >= latest.get(version.param, date.min)
        ):
            values[version.param] = version.value
            latest[version.param] = version.effective_from
    return values


@dataclass(frozen=True)
class Precision:
    """How many reviewed signals of a kind were true (确认问题 or 需整改) out of how many reviewed."""

    true: int = 0
    reviewed: int = 0

    @property
    def percent(self) -> int | None:
        return round(self.true * 100 / self.reviewed) if self.reviewed else None

    def text(self) -> str:
        if not self.reviewed:
            return "尚无核实"
        return f"{self.percent}%（核实 {self.reviewed} 条，属实 {self.true} 条）"


def precision(verdicts: Iterable[str], true_verdicts: Iterable[str]) -> Precision:
    true_set = set(true_verdicts)
    reviewed = [v for v in verdicts if v]
    return Precision(sum(v in true_set for v in reviewed), len(reviewed))
