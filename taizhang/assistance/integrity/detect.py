"""The manifest's `signal_detect`: every visit signal of a unit's period in one pass over its visits."""

from __future__ import annotations

from taizhang.assistance.integrity import entry, facts, place, text, timing
from taizhang.core.findings import Finding, SignalScope

FAMILIES = (text, timing, entry, place)


def detect(scope: SignalScope) -> list[Finding]:
    period = facts.load(scope)
    return [finding for family in FAMILIES for finding in family.find(period, scope)]
