"""Signal kinds and a detector for the kernel's tests: the installed assistance module is given these kinds in
place of its own (tests/integrity/conftest.py), so the kernel is tested whatever the module's detectors find."""

from __future__ import annotations

from datetime import date

from taizhang.core.findings import Finding, FindingRecord, SignalScope
from taizhang.core.manifest import SignalKind, SignalParam

PAIR = "assistance.test_pair"
LATE = "assistance.test_late"
KINDS = (
    SignalKind(
        key=PAIR,
        label="两次走访相隔过近",
        meaning="两次走访之间的时间不够走完两户之间的路。",
        severity="high",
        params=(
            SignalParam("minutes", "至少间隔", "10", unit="分钟"),
            SignalParam("night_from", "夜间自", "21:00", kind="time"),
        ),
        order=1,
    ),
    SignalKind(key=LATE, label="补录过晚", meaning="走访后多日才录入。", severity="low", order=2),
)
COLUMNS = ("户编号", "走访日期", "开始时间", "帮扶责任人")

# What the detector finds: (unit id, finding). Tests fill it; the detector returns the scope's unit's.
FOUND: list[tuple[int, Finding]] = []
# The scopes the detector was called with, to check the parameters it was given.
SCOPES: list[SignalScope] = []


def detect(scope: SignalScope) -> list[Finding]:
    SCOPES.append(scope)
    return [finding for unit_id, finding in FOUND if unit_id == scope.unit_id]


def record(visit_id: int, no: str, day: date, at: str, helper: str = "张帮扶") -> FindingRecord:
    return FindingRecord(
        ref=f"visit:{visit_id}",
        label=f"{no} · {day:%m-%d} {at}",
        url=f"/assistance/visits/{visit_id}/",
        columns=(no, f"{day:%Y-%m-%d}", at, helper),
    )


def pair(day: date, first: int = 1, second: int = 2, *, community_id=None) -> Finding:
    return Finding(
        kind=PAIR,
        day=day,
        detail=f"XS001 {day.month}月{day.day}日 09:10 与 XS002 {day.month}月{day.day}日 09:16：两户相距约 2.4 公里，"
        "至少需 10 分钟，两次走访只隔 6 分钟",
        records=(record(first, "XS001", day, "09:10"), record(second, "XS002", day, "09:16", "孙帮扶")),
        community_id=community_id,
    )


def late(day: date, visit_id: int = 3) -> Finding:
    return Finding(
        kind=LATE,
        day=day,
        detail=f"XS001 {day.month}月{day.day}日 14:00 的走访 5 天后才录入",
        records=(record(visit_id, "XS001", day, "14:00"),),
    )
