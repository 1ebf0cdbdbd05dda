"""Running the modules' detectors for a unit and period (no writes: services.run_signals keeps what they find)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from taizhang.core.findings import Finding, SignalScope
from taizhang.core.manifest import ModuleSpec
from taizhang.integrity import params
from taizhang.integrity.kinds import unit_signal_modules


@dataclass(frozen=True)
class Found:
    module: ModuleSpec
    finding: Finding


def detect(unit_id: int, start: date, end: date, *, module_keys=None, kinds=frozenset()) -> list[Found]:
    """Every finding of the unit's modules whose day falls in the period, module by module in menu order."""
    found = []
    for spec in unit_signal_modules(unit_id):
        if module_keys is not None and spec.key not in module_keys:
            continue
        scope = SignalScope(
            unit_id=unit_id,
            start=start,
            end=end,
            params=params.in_force(unit_id, list(spec.signal_kinds), start),
            kinds=frozenset(kinds),
        )
        declared = {kind.key for kind in spec.signal_kinds}
        for finding in spec.load(spec.signal_detect)(scope):
            if finding.kind not in declared:
                raise RuntimeError(f"{spec.key} found a signal of an undeclared kind: {finding.kind}")
            if start <= finding.day <= end and scope.wants(finding.kind):
                found.append(Found(spec, finding))
    return found
