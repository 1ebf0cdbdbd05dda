"""The manifest's `signal_detect`: every renewal signal of a unit's period, family by family."""

from __future__ import annotations

from taizhang.core.findings import Finding, SignalScope
from taizhang.renewal.integrity import agreement, measurement, people

FAMILIES = (measurement, people, agreement)


def detect(scope: SignalScope) -> list[Finding]:
    return [finding for family in FAMILIES for finding in family.find(scope)]
