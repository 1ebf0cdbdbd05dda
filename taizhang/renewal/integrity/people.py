"""Renewal signals: the people family (identical facts entered in a burst, a person counted twice)."""

from __future__ import annotations

from taizhang.core.findings import Finding, SignalScope
from taizhang.renewal.integrity import facts, kinds
from taizhang.renewal.rules import signals_people as rules


def find(scope: SignalScope) -> list[Finding]:
    bursts, twice = scope.wants(kinds.DETERMINATION_BURST), scope.wants(kinds.COUNTED_TWICE)
    if not (bursts or twice):
        return []
    found = facts.people(scope, entered=bursts, counted=twice)
    hints = []
    if bursts:
        entered = rules.determination_bursts(
            found.entered,
            households=int(scope.param(kinds.DETERMINATION_BURST, "households")),
            minutes=scope.param(kinds.DETERMINATION_BURST, "minutes"),
        )
        hints += [(kinds.DETERMINATION_BURST, hint) for hint in entered]
    if twice:
        hints += [(kinds.COUNTED_TWICE, hint) for hint in rules.counted_twice(found.counted)]
    return found.findings(hints)
