"""The parameters a unit's detectors run with: each kind's defaults from its manifest, overridden by the unit's
versions in force on the period's first day."""

from __future__ import annotations

from datetime import date

from taizhang.core.manifest import SignalKind
from taizhang.integrity import rules
from taizhang.integrity.models import SignalSetting


def versions(unit_id: int, kinds: list[SignalKind]) -> dict[str, list[rules.Version]]:
    found: dict[str, list[rules.Version]] = {kind.key: [] for kind in kinds}
    for kind, param, value, effective_from in SignalSetting.objects.filter(
        unit_id=unit_id, kind__in=list(found)
    ).values_list("kind", "param", "value", "effective_from"):
        found[kind].append(rules.Version(param, value, effective_from))
    return found


def texts_in_force(unit_id: int, kinds: list[SignalKind], on: date) -> dict[str, dict[str, str]]:
    """kind → parameter → the text in force on the day (one query)."""
    by_kind = versions(unit_id, kinds)
    return {kind.key: rules.in_force({p.key: p.default for p in kind.params}, by_kind[kind.key], on) for kind in kinds}


def in_force(unit_id: int, kinds: list[SignalKind], on: date) -> dict[str, dict[str, object]]:
    """kind → parameter → the parsed value in force on the day, as the detectors read it."""
    texts = texts_in_force(unit_id, kinds, on)
    kinds_by_key = {kind.key: kind for kind in kinds}
    return {
        key: {p.key: rules.parse_value(p.kind, values[p.key]) for p in kinds_by_key[key].params}
        for key, values in texts.items()
    }
