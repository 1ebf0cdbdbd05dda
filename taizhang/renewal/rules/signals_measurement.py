"""Renewal signals about measurements: a courtyard measured far above its neighbours, a re-measurement far from the
site's earlier one, buildings the measurement says were built after the freeze. No Django here.

What inspectors find: areas inflated for a household that knows someone (虚增面积) stand out against the courtyards of
the same lane, or against what the same house measured before; a shed put up to be compensated (抢建) carries a
built date after the freeze notice.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from taizhang.renewal.rules.signals import Hint, area_text, day_text


@dataclass(frozen=True)
class MeasuredSite:
    """One measurement of a site as the signals see it."""

    id: int  # the measurement
    site_id: int
    site: str  # "院落 CL-0012（户 JY001）": how the sentence names the site
    measured_on: date
    floor_area: Decimal
    # What makes two courtyards neighbours (the project, its 村居 and the work group's 片区), and how to say it.
    neighbourhood: Hashable = None
    neighbourhood_name: str = ""
    courtyard: bool = True  # factories are compared with nothing: their halls have no typical size
    voided: bool = False
    void_reason: str = ""
    remeasure: bool = False  # its own flags asked for the site to be measured again (待复测): not a value to trust
    freeze_on: date | None = None  # the project's freeze date
    buildings: tuple[tuple[str, date | None], ...] = ()  # (房屋, 建成日期)
    violation_reported: bool = False  # a violation (控违) is on record for one of the site's households


def _median_without(values: Sequence[Decimal], value: Decimal | None) -> Decimal:
    """The median of the sorted `values` with one occurrence of `value` left out (None: none left out), in O(log n)."""
    gap = len(values) if value is None else bisect_left(values, value)
    size = len(values) - (value is not None)

    def at(k: int) -> Decimal:
        return values[k] if k < gap else values[k + 1]

    middle = size // 2
    return at(middle) if size % 2 else (at(middle - 1) + at(middle)) / 2


def area_outliers(
    subjects: Iterable[MeasuredSite], current: Iterable[MeasuredSite], *, ratio: float, min_neighbours: int
) -> list[Hint]:
    """Courtyards measured at more than `ratio` times the median floor area of the other courtyards of their
    neighbourhood (each by its current measurement), where at least `min_neighbours` of those are known.

    Only the high side: an inflated area is what costs public money, while a household measured short objects during
    the publicity. A value of exactly `ratio` times the median does not count. Measurements that asked for a
    re-measurement (待复测) are compared with nothing and count for nothing."""
    by_place: dict[Hashable, list[MeasuredSite]] = defaultdict(list)
    for m in current:
        if m.courtyard and not m.voided and not m.remeasure and m.floor_area > 0:
            by_place[m.neighbourhood].append(m)
    areas = {place: sorted(m.floor_area for m in sites) for place, sites in by_place.items()}
    own = {(place, m.site_id): m.floor_area for place, sites in by_place.items() for m in sites}
    factor = Decimal(str(ratio))
    hints = []
    for m in subjects:
        if not m.courtyard or m.voided or m.remeasure:
            continue
        values = areas.get(m.neighbourhood, [])
        itself = own.get((m.neighbourhood, m.site_id))  # its own site's current area, not a neighbour's
        others = len(values) - (itself is not None)
        if others < max(min_neighbours, 1):
            continue
        median = _median_without(values, itself)
        if m.floor_area <= median * factor:
            continue
        hints.append(
            Hint(
                (m.id,),
                m.measured_on,
                f"{m.site} {day_text(m.measured_on)} 测得建筑面积 {area_text(m.floor_area)}，是{m.neighbourhood_name}"
                f"其余 {others} 处院落面积中位数 {area_text(median)} 的 {m.floor_area / median:.2f} 倍，"
                f"超过 {ratio:g} 倍",
            )
        )
    return hints


def area_changes(measurements: Iterable[MeasuredSite], *, percent: float) -> list[Hint]:
    """A site's valid measurement whose floor area differs from the site's previous measurement by more than `percent`
    per cent of it, up or down.

    The previous one is the latest earlier by date (then by entry) whether voided or not — voiding what the measurers
    first saw and measuring again larger is one of the patterns — except one that itself asked to be measured again
    (待复测: a re-measurement is expected to differ); and such a measurement is not flagged either, its own flag already
    asks for the site to be measured again. A difference of exactly `percent` does not count."""
    by_site: dict[int, list[MeasuredSite]] = defaultdict(list)
    for m in measurements:
        by_site[m.site_id].append(m)
    limit = Decimal(str(percent)) / 100
    hints = []
    for history in by_site.values():
        history.sort(key=lambda m: (m.measured_on, m.id))
        previous = None
        for m in history:
            if previous is not None and not m.voided and not m.remeasure and previous.floor_area > 0:
                change = m.floor_area - previous.floor_area
                if abs(change) > previous.floor_area * limit:
                    hints.append(Hint((previous.id, m.id), m.measured_on, _change_text(previous, m, change)))
            if not m.remeasure:
                previous = m
    return hints


def _change_text(previous: MeasuredSite, m: MeasuredSite, change: Decimal) -> str:
    share = abs(change) * 100 / previous.floor_area
    text = (
        f"{m.site} {day_text(m.measured_on)} 测得建筑面积 {area_text(m.floor_area)}，比 {day_text(previous.measured_on)}"
        f" 的测量（{area_text(previous.floor_area)}）{'多' if change > 0 else '少'} {area_text(abs(change))}"
        f"（{share:.1f}%）"
    )
    if previous.voided:
        text += f"；前一次测量已作废{f'，原因：{previous.void_reason}' if previous.void_reason else ''}"
    return text


def built_after_freeze(measurements: Iterable[MeasuredSite]) -> list[Hint]:
    """A valid measurement with a building whose built date is after the project's freeze date (the freeze date itself
    is before: what stood on that day counts, as the determination rules count it)."""
    hints = []
    for m in measurements:
        if m.voided or m.freeze_on is None:
            continue
        late = [(label, built) for label, built in m.buildings if built is not None and built > m.freeze_on]
        if not late:
            continue
        buildings = "、".join(f"{label}建成于 {day_text(built)}" for label, built in late)
        ledger = "控违台账已有该户违建记录" if m.violation_reported else "控违台账中没有该户的违建记录"
        hints.append(
            Hint(
                (m.id,),
                m.measured_on,
                f"{m.site} {day_text(m.measured_on)} 测量登记{buildings}，晚于冻结日 {day_text(m.freeze_on)}；{ledger}",
            )
        )
    return hints
