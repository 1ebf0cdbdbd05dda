"""Renewal signals: the agreement family (an amount moved after signing)."""

from __future__ import annotations

from taizhang.core.findings import Finding, SignalScope
from taizhang.renewal.integrity import facts, kinds
from taizhang.renewal.rules import signals_agreement as rules


def find(scope: SignalScope) -> list[Finding]:
    if not scope.wants(kinds.AMOUNT_MOVED):
        return []
    found = facts.agreements(scope)
    return found.findings([(kinds.AMOUNT_MOVED, hint) for hint in rules.amount_moves(found.signed)])
