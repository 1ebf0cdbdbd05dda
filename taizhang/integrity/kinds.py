"""The signal kinds the modules declare, found through their manifests."""

from __future__ import annotations

from taizhang.core.manifest import ModuleSpec, SignalKind, modules
from taizhang.org.models import UnitModule

SEVERITY_LABELS = {"high": "高", "medium": "中", "low": "低"}


def signal_modules(module_keys=None) -> list[ModuleSpec]:
    """The modules that declare signals (only those in `module_keys`, when given), in menu order."""
    return [s for s in modules() if s.signal_kinds and (module_keys is None or s.key in module_keys)]


def unit_signal_modules(unit_id: int) -> list[ModuleSpec]:
    """The modules with signals that the unit works with."""
    enabled = set(UnitModule.objects.filter(unit_id=unit_id).values_list("module", flat=True))
    return signal_modules(enabled)


def all_kinds(module_keys=None) -> list[tuple[ModuleSpec, SignalKind]]:
    return [(spec, kind) for spec in signal_modules(module_keys) for kind in sorted(spec.signal_kinds, key=_order)]


def _order(kind: SignalKind):
    return (kind.order, kind.key)


def kind_named(key: str) -> tuple[ModuleSpec, SignalKind] | None:
    return next(((spec, kind) for spec, kind in all_kinds() if kind.key == key), None)


def kind_labels() -> dict[str, str]:
    return {kind.key: kind.label for _, kind in all_kinds()}
