"""Reads of the district's zone assessment: the indicators that apply in a year, a zone's current comparison set
(the year's latest import not undone) and the assessment computed from them. Not personal: every user who sees the
zone's unit sees all of it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from taizhang.core.models import RecordStatus
from taizhang.org.models import OrgNode
from taizhang.people.models import ZoneFigure, ZoneIndicator
from taizhang.people.rules import zone as rules


@dataclass(frozen=True)
class Scheme:
    from_year: int | None  # None: the defaults (no version saved yet)
    indicators: tuple[rules.Indicator, ...]


def scheme_for(year: int) -> Scheme:
    """The indicators applying in `year`: the latest version from that year or before, else the defaults."""
    from_year = ZoneIndicator.objects.filter(from_year__lte=year).aggregate(y=Max("from_year"))["y"]
    if from_year is None:
        return Scheme(None, rules.DEFAULT_INDICATORS)
    return Scheme(from_year, tuple(indicator_of(row) for row in ZoneIndicator.objects.filter(from_year=from_year)))


def indicator_of(row: ZoneIndicator) -> rules.Indicator:
    return rules.Indicator(row.name, row.group, row.measure, row.weight, row.higher_is_better)


def versions() -> list[Scheme]:
    """Every saved version, latest first."""
    found: dict[int, list] = {}
    for row in ZoneIndicator.objects.all():
        found.setdefault(row.from_year, []).append(indicator_of(row))
    return [Scheme(year, tuple(rows)) for year, rows in found.items()]


def zone_units(user):
    """The development zones (units of subtype zone) the user sees."""
    return (
        OrgNode.objects.visible_to(user).filter(kind=OrgNode.Kind.UNIT, subtype=OrgNode.Subtype.ZONE).order_by("path")
    )


def _active(unit_id: int):
    return ZoneFigure.objects.filter(unit_id=unit_id, import_batch__status=RecordStatus.ACTIVE)


def years(unit_id: int) -> list[int]:
    """The years the zone has figures for, latest first."""
    return sorted(set(_active(unit_id).values_list("year", flat=True)), reverse=True)


def current_batch_id(unit_id: int, year: int) -> int | None:
    return _active(unit_id).filter(year=year).aggregate(b=Max("import_batch"))["b"]


@dataclass(frozen=True)
class Assessment:
    unit: OrgNode
    year: int
    scheme: Scheme
    rows: list[rules.ZoneRow]  # best first
    own: str  # the zone's name as the file writes it
    batch_id: int | None

    @property
    def own_row(self) -> rules.ZoneRow | None:
        return next((row for row in self.rows if row.zone == self.own), None)


def assessment(unit: OrgNode, year: int) -> Assessment:
    """The zone's comparison set for the year, assessed by the indicators of that year (no rows when none was
    imported). Three queries."""
    scheme = scheme_for(year)
    batch_id = current_batch_id(unit.pk, year)
    figures: dict[str, dict[str, Decimal]] = {}
    own = unit.name
    if batch_id is not None:
        for zone, node_id, indicator, value in ZoneFigure.objects.filter(
            unit_id=unit.pk, year=year, import_batch_id=batch_id
        ).values_list("zone", "zone_node_id", "indicator", "value"):
            figures.setdefault(zone, {})[indicator] = value
            if node_id == unit.pk:
                own = zone
    return Assessment(unit, year, scheme, rules.assess(scheme.indicators, figures), own, batch_id)
