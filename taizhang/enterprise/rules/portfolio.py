"""The 产业投资公司's portfolio: each stake's cost, current value and realised proceeds, and the multiples.

A stake still held is worth its latest valuation, or its cost when it has never been valued. A stake that has been
exited is worth nothing more: its value is what the exit brought in (realised). TVPI (total value to paid-in) =
(realised + current value) ÷ invested, to two decimals half up; DPI = realised ÷ invested; None with nothing
invested. Amounts are in 万元 to four decimals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

WAN_PLACES = Decimal("0.0001")
MULTIPLE_PLACES = Decimal("0.01")
ZERO = Decimal("0.0000")  # amounts in 万元 are shown to the yuan


@dataclass(frozen=True)
class Holding:
    invested: Decimal
    latest_value: Decimal | None = None  # the latest valuation; None: never valued
    proceeds: Decimal | None = None  # the exit's proceeds; None: still held
    group: str = ""  # what the portfolio is broken down by (the chain)


@dataclass(frozen=True)
class Figures:
    stakes: int
    held: int
    invested: Decimal
    current_value: Decimal
    realised: Decimal

    @property
    def total_value(self) -> Decimal:
        return self.current_value + self.realised

    @property
    def tvpi(self) -> Decimal | None:
        return multiple(self.total_value, self.invested)

    @property
    def dpi(self) -> Decimal | None:
        return multiple(self.realised, self.invested)

    @property
    def gain(self) -> Decimal:
        return self.total_value - self.invested


def multiple(value: Decimal, invested: Decimal) -> Decimal | None:
    if invested <= 0:
        return None
    return (value / invested).quantize(MULTIPLE_PLACES, rounding=ROUND_HALF_UP)


def current_value(holding: Holding) -> Decimal:
    if holding.proceeds is not None:
        return ZERO
    return holding.invested if holding.latest_value is None else holding.latest_value


def figures(holdings: Iterable[Holding]) -> Figures:
    holdings = list(holdings)
    return Figures(
        stakes=len(holdings),
        held=sum(1 for h in holdings if h.proceeds is None),
        invested=sum((h.invested for h in holdings), ZERO),
        current_value=sum((current_value(h) for h in holdings), ZERO),
        realised=sum((h.proceeds for h in holdings if h.proceeds is not None), ZERO),
    )


def by_group(
    holdings: Iterable[Holding], *, key: Callable[[Holding], str] = lambda h: h.group
) -> list[tuple[str, Figures]]:
    """The figures of each group, groups in the order they first appear."""
    groups: dict[str, list[Holding]] = {}
    for holding in holdings:
        groups.setdefault(key(holding), []).append(holding)
    return [(name, figures(members)) for name, members in groups.items()]


def latest(valuations: Iterable[tuple], *, until=None) -> Decimal | None:
    """The value of the latest (date, value) pair, on or before `until` when given; a later entry of the same day
    wins (valuations are given in the order they were recorded)."""
    found = None
    for day, value in valuations:
        if until is not None and day > until:
            continue
        if found is None or day >= found[0]:
            found = (day, value)
    return None if found is None else found[1]
