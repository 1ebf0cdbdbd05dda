"""链长制 rules over plain values: which links of a chain are gaps, the links in their three columns, a chain's
yearly figures from its enterprises' sums, and what a target's status may move to.

A link is a gap (缺链) when no enterprise still in the zone is placed on it: an enterprise that left or closed keeps
its place in the history but fills nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from taizhang.enterprise.rules import figures as figure_rules

POSITIONS = (("up", "上游"), ("mid", "中游"), ("down", "下游"))
ACTIVE = "active"

TARGET_STATUSES = (("new", "未接触"), ("contacted", "已接触"), ("talks", "洽谈中"), ("project", "已转项目"))


def gaps(links: Iterable[int], placements: Iterable[tuple[int, str]]) -> set[int]:
    """The links (ids) with no active enterprise; `placements` are (link id, enterprise status) pairs."""
    filled = {link for link, status in placements if status == ACTIVE}
    return {link for link in links if link not in filled}


def columns(links: Iterable, position=lambda link: link.position) -> list[tuple[str, str, list]]:
    """The links in the three columns 上游 → 中游 → 下游, each keeping the order it was given; a column may be empty."""
    by_position: dict[str, list] = {code: [] for code, _ in POSITIONS}
    for link in links:
        by_position[position(link)].append(link)
    return [(code, label, by_position[code]) for code, label in POSITIONS]


@dataclass(frozen=True)
class ChainYear:
    """A chain's figures of one year: the sums over its enterprises' figures (万元), and 亩均税收 over the enterprises
    that report tax and have land."""

    year: int
    enterprises: int
    revenue: Decimal | None
    tax: Decimal | None
    output: Decimal | None
    taxed: Decimal | None  # tax of the enterprises with land
    land: Decimal | None  # their land in 亩

    @property
    def tax_per_mu(self) -> Decimal | None:
        return figure_rules.tax_per_mu(self.taxed, self.land)


def chart(years: list[ChainYear]) -> dict:
    """What the chart script draws: years on the axis, three bars in 万元 and 亩均税收 as a line."""

    def numbers(values):
        return [None if v is None else float(v) for v in values]

    return {
        "years": [y.year for y in years],
        "series": [
            {"name": "营业收入", "type": "bar", "data": numbers(y.revenue for y in years)},
            {"name": "税收", "type": "bar", "data": numbers(y.tax for y in years)},
            {"name": "工业总产值", "type": "bar", "data": numbers(y.output for y in years)},
            {"name": "亩均税收", "type": "line", "axis": 1, "data": numbers(y.tax_per_mu for y in years)},
        ],
    }
