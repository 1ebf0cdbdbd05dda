"""The district's assessment of its development zones (经济总量、发展质量、综合排名): per indicator the zones are
ranked, the rank gives a score from 100 (first) down to 60 (last), the weighted scores add up to the total, and the
totals give the 综合排名.

- Ranks are competition ranks: equal figures share the better rank (1, 1, 3). For a lower-is-better indicator
  (单位增加值能耗) the smallest figure ranks first.
- A zone without a figure for an indicator is placed last on it (rank = the number of zones, score 60) whatever the
  others' ranks: missing data never beats a reported figure, and never shares a better rank with another gap.
- score = 100 − (rank − 1) × 40 ÷ (zones − 1), one zone alone scores 100; scores are rounded half up to 0.01.
- total = Σ weight × score ÷ 100 (weights total 100), rounded half up to 0.01; equal totals share the better rank.
  Each group's part (经济总量, 发展质量) is its indicators' Σ weight × score ÷ 100, rounded the same way (shown
  beside the total, the parts may differ from it by 0.01 in rounding).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TOP = Decimal(100)


@dataclass(frozen=True)
class Indicator:
    name: str
    group: str  # 经济总量 / 发展质量
    measure: str  # 亿元, %, 吨标准煤/万元
    weight: Decimal
    higher_is_better: bool = True


ECONOMY, QUALITY = "经济总量", "发展质量"

# The defaults until a district admin saves a version of their own (weights total 100: 经济总量 55, 发展质量 45).
DEFAULT_INDICATORS: tuple[Indicator, ...] = (
    Indicator("营业收入", ECONOMY, "亿元", Decimal(15)),
    Indicator("规上工业总产值", ECONOMY, "亿元", Decimal(10)),
    Indicator("一般公共预算收入", ECONOMY, "亿元", Decimal(12)),
    Indicator("固定资产投资", ECONOMY, "亿元", Decimal(10)),
    Indicator("实际利用外资", ECONOMY, "万美元", Decimal(8)),
    Indicator("亩均税收", QUALITY, "万元/亩", Decimal(15)),
    Indicator("研发经费投入强度", QUALITY, "%", Decimal(10)),
    Indicator("单位增加值能耗", QUALITY, "吨标准煤/万元", Decimal(10), higher_is_better=False),
    Indicator("高新技术产业产值占比", QUALITY, "%", Decimal(10)),
)
GROUPS = (ECONOMY, QUALITY)


def weights_problem(indicators: Sequence[Indicator]) -> str:
    """Why a set of indicators cannot be used ("" when it can): at least one, names unique, weights positive and
    totalling 100."""
    if not indicators:
        return "至少要有一项指标"
    names = [i.name for i in indicators]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        return f"指标名称重复：{'、'.join(repeated)}"
    if any(i.weight <= 0 for i in indicators):
        return "每项指标的权重都要大于 0"
    total = sum((i.weight for i in indicators), Decimal(0))
    if total != 100:
        return f"各项指标权重合计应为 100，现为 {total.normalize():f}"
    return ""


def ranks(values: Mapping[str, Decimal | None], *, higher_is_better: bool = True) -> dict[str, int]:
    """Each zone's rank on one indicator: equal figures share the better rank, a missing figure is last."""
    present = {zone: value for zone, value in values.items() if value is not None}
    ordered = sorted(present.values(), reverse=higher_is_better)
    result = {zone: ordered.index(value) + 1 for zone, value in present.items()}
    result.update({zone: len(values) for zone, value in values.items() if value is None})
    return result


def rank_score(rank: int, zones: int) -> Decimal:
    """100 for the first, 60 for the last, evenly between; a zone alone scores 100."""
    if zones <= 1:
        return TOP
    return (TOP - Decimal(rank - 1) * 40 / Decimal(zones - 1)).quantize(CENT, rounding=ROUND_HALF_UP)


def _hundredth(weighted: Decimal) -> Decimal:
    """Σ weight × score ÷ 100, half up to 0.01."""
    return (weighted / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def total_ranks(totals: Mapping[str, Decimal]) -> dict[str, int]:
    return ranks(dict(totals), higher_is_better=True)


@dataclass(frozen=True)
class Cell:
    value: Decimal | None
    rank: int
    score: Decimal


@dataclass(frozen=True)
class ZoneRow:
    zone: str
    cells: tuple[Cell, ...]  # in the indicators' order
    total: Decimal
    rank: int
    groups: tuple[tuple[str, Decimal], ...] = ()  # (经济总量, its weighted scores), … in the indicators' order


def assess(
    indicators: Sequence[Indicator], figures: Mapping[str, Mapping[str, Decimal]], zones: Sequence[str] = ()
) -> list[ZoneRow]:
    """Every zone's cells, total and 综合排名, best first (equal totals in the order the zones were given).

    `figures` is {zone: {indicator name: value}}; `zones` the zones in the comparison (default: those in
    `figures`), a zone without any figure is last on every indicator."""
    everyone = list(dict.fromkeys([*zones, *figures]))
    count = len(everyone)
    per_indicator = []
    for indicator in indicators:
        values = {zone: figures.get(zone, {}).get(indicator.name) for zone in everyone}
        placed = ranks(values, higher_is_better=indicator.higher_is_better)
        per_indicator.append({z: Cell(values[z], placed[z], rank_score(placed[z], count)) for z in everyone})
    totals, groups = {}, {}
    for zone in everyone:
        weighted: dict[str, Decimal] = {}
        for indicator, cells in zip(indicators, per_indicator, strict=True):
            weighted[indicator.group] = weighted.get(indicator.group, Decimal(0)) + indicator.weight * cells[zone].score
        totals[zone] = _hundredth(sum(weighted.values(), Decimal(0)))
        groups[zone] = tuple((group, _hundredth(value)) for group, value in weighted.items())
    placed = total_ranks(totals)
    rows = [
        ZoneRow(zone, tuple(cells[zone] for cells in per_indicator), totals[zone], placed[zone], groups[zone])
        for zone in everyone
    ]
    return sorted(rows, key=lambda row: row.rank)
