"""Renewal signals: the measurement family (areas out of line, areas that moved, buildings after the freeze)."""

from __future__ import annotations

from taizhang.core.findings import Finding, SignalScope
from taizhang.renewal.integrity import facts, kinds
from taizhang.renewal.rules import signals_measurement as rules


def find(scope: SignalScope) -> list[Finding]:
    if not any(scope.wants(kind.key) for kind in kinds.MEASUREMENT):
        return []
    found = facts.measurements(scope)
    hints = []
    if scope.wants(kinds.AREA_OUTLIER):
        outliers = rules.area_outliers(
            found.subjects,
            found.current,
            ratio=scope.param(kinds.AREA_OUTLIER, "ratio"),
            min_neighbours=int(scope.param(kinds.AREA_OUTLIER, "min_neighbours")),
        )
        hints += [(kinds.AREA_OUTLIER, hint) for hint in outliers]
    if scope.wants(kinds.AREA_CHANGED):
        changes = rules.area_changes(found.history, percent=scope.param(kinds.AREA_CHANGED, "percent"))
        hints += [(kinds.AREA_CHANGED, hint) for hint in changes]
    if scope.wants(kinds.BUILT_AFTER_FREEZE):
        hints += [(kinds.BUILT_AFTER_FREEZE, hint) for hint in rules.built_after_freeze(found.subjects)]
    return found.findings(hints)
