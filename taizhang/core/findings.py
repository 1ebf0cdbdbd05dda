"""What a module's signal detector is given and what it returns (the contract of ModuleSpec.signal_detect).

    detect(scope: SignalScope) -> list[Finding]

A detector reads the module's records of `scope.unit_id` whose day falls in [scope.start, scope.end] (and whatever
earlier records its rules compare them with), applies its pure rules with the unit's parameters (`scope.param`) and
returns every finding of every kind it declares. It writes nothing. A finding's text never holds a whole personal
number (身份证号, phone): it is stored and printed as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class FindingRecord:
    """One record a finding involves: a stable reference, how pages name it, where it is, its CSV key columns."""

    ref: str  # "visit:123": stable across runs
    label: str  # "XS0012 张三 · 3月5日 09:10"
    url: str = ""
    columns: tuple[str, ...] = ()  # in the order of the module's signal_columns


@dataclass(frozen=True)
class Finding:
    kind: str  # the SignalKind's key
    day: date  # the day the finding is about: it belongs to the period that holds this day
    detail: str  # the plain Chinese explanation, naming the records involved
    records: tuple[FindingRecord, ...]
    community_id: int | None = None  # the 村居 it concerns, when one
    # What makes it the same finding in a later run; empty = the kind and its records. A finding about a person's
    # month ("notes that barely vary") names the person and the month, so one more visit does not make it new.
    key: str = ""


@dataclass(frozen=True)
class SignalScope:
    unit_id: int
    start: date
    end: date
    params: dict[str, dict[str, object]] = field(default_factory=dict)  # kind → parameter → value (parsed)
    kinds: frozenset[str] = frozenset()  # the kinds wanted; empty = all the module's

    def param(self, kind: str, key: str):
        return self.params[kind][key]

    def wants(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds
