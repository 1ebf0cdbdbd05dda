"""Visit signals: the timing family."""

from __future__ import annotations

from taizhang.assistance.integrity.facts import PeriodFacts
from taizhang.core.findings import Finding, SignalScope


def find(facts: PeriodFacts, scope: SignalScope) -> list[Finding]:
    return []
