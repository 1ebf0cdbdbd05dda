"""The signal facility's own rules: a finding's identity, parameter values and their versions, a kind's precision.
No Django here."""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
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
    return precision_counted(Counter(verdicts), true_verdicts)


def precision_counted(counts: Mapping[str, int], true_verdicts: Iterable[str]) -> Precision:
    """The same from how many signals got each verdict ("" = not reviewed), as a grouped count gives them."""
    true_set = set(true_verdicts)
    reviewed = {verdict: n for verdict, n in counts.items() if verdict}
    return Precision(sum(n for verdict, n in reviewed.items() if verdict in true_set), sum(reviewed.values()))


# A signal waits a week for its review before the inbox calls it overdue.
REVIEW_DAYS = 7


def review_due(found_on: date) -> date:
    return found_on + timedelta(days=REVIEW_DAYS)


def parse_month(text: str) -> date:
    """ "2026-03" → the month's first day; ValueError with the reason a page or command shows."""
    match = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})月?\s*", str(text))
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"月份“{text}”格式不对，应为 YYYY-MM，如 2026-03")
    return date(int(match[1]), int(match[2]), 1)


def month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def month_shift(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
