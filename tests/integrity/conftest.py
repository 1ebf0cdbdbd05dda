"""The kernel's signal tests: the assistance module declares the test kinds of tests/integrity/fakes.py and their
detector returns what `fakes.FOUND` holds; signals already kept are made as rows (`signal`)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from taizhang.core import clock, manifest
from taizhang.integrity import rules
from taizhang.integrity.models import Signal
from tests.integrity import fakes

MARCH = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def test_kinds(monkeypatch):
    """Every installed module as it is, but the assistance module's signals are the test kinds."""
    specs = tuple(
        dataclasses.replace(
            spec,
            signal_kinds=fakes.KINDS,
            signal_detect="tests.integrity.fakes.detect",
            signal_columns=fakes.COLUMNS,
        )
        if spec.key == "assistance"
        else dataclasses.replace(spec, signal_kinds=(), signal_detect="")
        for spec in manifest._discover()
    )
    monkeypatch.setattr(manifest, "_discover", lambda: specs)
    fakes.FOUND.clear()
    fakes.SCOPES.clear()
    yield
    fakes.FOUND.clear()
    fakes.SCOPES.clear()


@pytest.fixture
def found():
    """`found(unit, finding, …)`: what the detector finds next for the unit."""

    def _found(unit, *findings):
        fakes.FOUND.extend((unit.pk, f) for f in findings)

    return _found


def signal(unit, finding, *, verdict: str = "", gone: bool = False, community=None, found_at=None) -> Signal:
    """A signal kept as if a run had found it."""
    now = found_at or clock.now()
    return Signal.objects.create(
        unit=unit,
        community=community,
        module="assistance",
        kind=finding.kind,
        fingerprint=rules.fingerprint(finding.kind, [r.ref for r in finding.records]),
        day=finding.day,
        detail=finding.detail,
        records=[dataclasses.asdict(r) for r in finding.records],
        found_at=now,
        seen_at=now,
        gone_at=now if gone else None,
        verdict=verdict,
        review_note="已核实" if verdict else "",
        reviewed_by_name="王主任（xs_admin）" if verdict else "",
        reviewed_at=now if verdict else None,
    )
