"""增量分享 (独立核算, 与区财政增量分享): the zone keeps its books and shares with the district what its revenue grows
beyond a base.

For a year: revenue = the year's revenue of the sources the rule counts; increment = revenue − base. A year below
the base (a shortfall) shares nothing: the increment is 0, neither side owes the other, and the shortfall is
reported as it is (the base is not lowered and the shortfall is not carried to later years). The zone's part is
increment × share ÷ 100 rounded half up to 0.0001 万元 (one yuan); the district's part is the rest, so the two
always add up to the increment exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

WAN_PLACES = Decimal("0.0001")
HUNDRED = Decimal(100)
ZERO = Decimal("0.0000")


class SharingRefused(ValueError):
    """A rule or amount the split cannot be computed with; the message is Chinese and names the reason."""


@dataclass(frozen=True)
class Split:
    revenue: Decimal  # the year's revenue of the counted sources (万元)
    base: Decimal
    increment: Decimal  # max(revenue − base, 0)
    shortfall: Decimal  # max(base − revenue, 0)
    zone: Decimal  # kept by the zone
    district: Decimal  # shared with the district


def wan(value: Decimal) -> Decimal:
    return value.quantize(WAN_PLACES, rounding=ROUND_HALF_UP)


def check_share(share_percent: Decimal) -> None:
    if not share_percent.is_finite() or not Decimal(0) <= share_percent <= HUNDRED:
        raise SharingRefused("开发区分成比例应在 0%—100% 之间")
    if share_percent != share_percent.quantize(Decimal("0.01")):
        raise SharingRefused("开发区分成比例最多保留两位小数")


def split(*, revenue: Decimal, base: Decimal, share_percent: Decimal) -> Split:
    """The year's split of the increment between the zone and the district (see the module's docstring)."""
    check_share(share_percent)
    if revenue < 0 or base < 0:
        raise SharingRefused("收入和基数不能为负数")
    revenue, base = wan(revenue), wan(base)
    difference = revenue - base
    increment = difference if difference > 0 else ZERO
    zone = wan(increment * share_percent / HUNDRED)
    return Split(
        revenue=revenue,
        base=base,
        increment=increment,
        shortfall=-difference if difference < 0 else ZERO,
        zone=zone,
        district=increment - zone,
    )


def base_from(base_amount: Decimal | None, base_year_revenue: Decimal | None) -> Decimal | None:
    """A rule's base: the amount it sets, else the base year's revenue of the counted sources (None: not known)."""
    if base_amount is not None:
        return wan(base_amount)
    return None if base_year_revenue is None else wan(base_year_revenue)


def rule_for(year: int, effective_years: Iterable[int]) -> int | None:
    """The effective year of the rule that governs `year`: the latest that took effect in or before it."""
    return max((y for y in effective_years if y <= year), default=None)


def parse_percent(text: str) -> Decimal:
    cleaned = text.strip().removesuffix("%").removesuffix("％").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise SharingRefused("分成比例应是数字，如 60")
    check_share(value)
    return value
