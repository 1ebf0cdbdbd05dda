"""A measurement's flags: absurd values to measure again, buildings built after the freeze."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from taizhang.renewal.rules.amounts import m2

HOUSE_AREA_LIMIT = Decimal("2000")
REMEASURE = "待复测"  # the prefix of a flag that asks for the site to be measured again


@dataclass(frozen=True)
class MeasuredBuilding:
    """A measured building as the flags see it."""

    label: str
    floor_area: Decimal
    floors: int = 1
    use: str = "住宅"  # 住宅/经营/厂房: the 2,000 m² bound is for houses, not factory halls
    built_on: date | None = None


def building_footprint(buildings: Iterable[MeasuredBuilding]) -> Decimal:
    """The ground the buildings stand on: each one's floor area divided by its floors (at least one)."""
    return m2(sum((Decimal(b.floor_area) / max(b.floors, 1) for b in buildings), Decimal("0")))


def measurement_flags(
    buildings: Sequence[MeasuredBuilding], site_area: Decimal | None, freeze_date: date | None = None
) -> list[str]:
    """The Chinese flags of a measurement's absurd values (each prefixed 待复测: the field record is kept, the site
    is measured again) and of the buildings built after the freeze (which compensation excludes). Shown, never a
    refusal."""
    flags = []
    if not buildings:
        flags.append(f"{REMEASURE}：没有登记房屋，建筑面积为零")
    for b in buildings:
        if b.floor_area <= 0:
            flags.append(f"{REMEASURE}：{b.label}建筑面积为零或负数（{m2(b.floor_area)} m²）")
        elif b.use != "厂房" and b.floor_area > HOUSE_AREA_LIMIT:
            flags.append(f"{REMEASURE}：{b.label}建筑面积 {m2(b.floor_area)} m²，超过 {HOUSE_AREA_LIMIT} m²，请核实")
        if b.floors < 1:
            flags.append(f"{REMEASURE}：{b.label}层数为 {b.floors}，应至少为 1")
    if site_area is not None:
        footprint = building_footprint(b for b in buildings if b.floor_area > 0)
        if site_area <= 0:
            flags.append(f"{REMEASURE}：占地面积为零或负数（{m2(site_area)} m²）")
        elif site_area < footprint:
            flags.append(
                f"{REMEASURE}：占地面积 {m2(site_area)} m² 小于房屋占地 {footprint} m²（各房屋建筑面积÷层数之和）"
            )
    if freeze_date is not None:
        for b in buildings:
            if b.built_on is not None and b.built_on > freeze_date:
                flags.append(f"{b.label}：冻结日后（{b.built_on:%Y-%m-%d}）新建、扩建，不予补偿")
    return flags


def needs_remeasure(flags: Iterable[str]) -> bool:
    return any(f.startswith(REMEASURE) for f in flags)
