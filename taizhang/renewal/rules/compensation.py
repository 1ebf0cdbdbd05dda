"""Compensation and resettlement by a published policy: both options' breakdowns of a household's case."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from taizhang.renewal.rules.amounts import _money, yuan


@dataclass(frozen=True)
class Clause:
    amount: Decimal
    clause: str  # where the published policy says it, e.g. "第十七条"


@dataclass(frozen=True)
class Deadline:
    by: date
    amount: Decimal
    clause: str


@dataclass(frozen=True)
class Policy:
    """A published compensation policy (one version); all money in yuan, areas in m²."""

    name: str
    unit_prices: dict[tuple[str, str], Clause]  # (structure, certificate status) → price per m²
    decoration_per_m2: Clause
    attachment_prices: dict[str, Clause]  # kind → price per unit
    relocation_fee: Clause  # per move (property-rights exchange moves twice)
    temporary_fee_per_month: Clause
    monetary_temporary_months: int  # months of temporary fee paid with monetary compensation
    signing_awards: tuple[Deadline, ...] = ()  # the first deadline met pays
    vacating_awards: tuple[Deadline, ...] = ()
    area_per_person: Clause = Clause(Decimal("0"), "")  # resettlement entitlement (m² per determined person)
    price_within_entitlement: Clause = Clause(Decimal("0"), "")  # per m² the household pays for entitled area
    price_above_entitlement: Clause = Clause(Decimal("0"), "")  # per m² above it
    price_below_entitlement: Clause = Clause(Decimal("0"), "")  # paid to the household per m² not taken


@dataclass(frozen=True)
class Building:
    label: str
    structure: str  # 钢混/砖混/砖木/简易
    certificate: str  # 有证/无证/违建
    area: Decimal
    built_on: date | None = None


@dataclass(frozen=True)
class Case:
    """What the calculation needs of one household."""

    buildings: tuple[Building, ...]
    attachments: tuple[tuple[str, Decimal], ...] = ()  # (kind, count)
    determined_persons: int = 0
    freeze_date: date | None = None
    signed_on: date | None = None
    vacated_on: date | None = None
    months_until_handover: int = 0  # property-rights exchange: temporary resettlement until the new flat
    chosen_area: Decimal | None = None  # property-rights exchange: the flat chosen (m²)


@dataclass(frozen=True)
class Line:
    item: str
    basis: str  # "120.50 m² × 3,000.00 元/m²"
    amount: Decimal
    rule: str  # what was applied, in words
    clause: str


@dataclass
class Breakdown:
    option: str  # 货币补偿 / 产权调换
    lines: list[Line] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (item, reason)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def _award(deadlines: Sequence[Deadline], on: date | None, label: str) -> Line | None:
    if on is None:
        return None
    for deadline in sorted(deadlines, key=lambda d: d.by):
        if on <= deadline.by:
            return Line(
                label,
                f"{on:%Y-%m-%d}{label[:2]}，不晚于 {deadline.by:%Y-%m-%d}",
                yuan(deadline.amount),
                f"{deadline.by:%Y-%m-%d} 前{label[:2]}奖励",
                deadline.clause,
            )
    return None


def _building_lines(case: Case, policy: Policy, breakdown: Breakdown) -> Decimal:
    """Lines for the buildings that count; returns their total legal area (the decoration and exchange base)."""
    legal_area = Decimal("0")
    for building in case.buildings:
        if building.area <= 0:
            breakdown.excluded.append((building.label, "面积为零或负数，待复测"))
            continue
        if building.certificate == "违建":
            breakdown.excluded.append((building.label, "违法建设，不予补偿"))
            continue
        if case.freeze_date and building.built_on and building.built_on > case.freeze_date:
            breakdown.excluded.append((building.label, f"冻结日后（{building.built_on:%Y-%m-%d}）新建、扩建，不予补偿"))
            continue
        price = policy.unit_prices.get((building.structure, building.certificate))
        if price is None:
            breakdown.excluded.append(
                (building.label, f"政策未规定{building.structure}{building.certificate}房屋的单价")
            )
            continue
        legal_area += building.area
        settled = "，产权调换时与安置房价款结算差价" if breakdown.option == "产权调换" else ""
        breakdown.lines.append(
            Line(
                f"房屋补偿（{building.label}）",
                f"{building.area} m² × {_money(price.amount)} 元/m²",
                yuan(building.area * price.amount),
                f"{building.structure}、{building.certificate}房屋按建筑面积补偿{settled}",
                price.clause,
            )
        )
    return legal_area


def _common_lines(
    case: Case, policy: Policy, breakdown: Breakdown, legal_area: Decimal, moves: int, temporary_months: int
) -> None:
    if legal_area:
        breakdown.lines.append(
            Line(
                "装修补偿",
                f"{legal_area} m² × {_money(policy.decoration_per_m2.amount)} 元/m²",
                yuan(legal_area * policy.decoration_per_m2.amount),
                "按合法建筑面积补偿装修",
                policy.decoration_per_m2.clause,
            )
        )
    for kind, count in case.attachments:
        price = policy.attachment_prices.get(kind)
        if price is None:
            breakdown.excluded.append((kind, "政策未规定该附属物的补偿标准"))
            continue
        breakdown.lines.append(
            Line(
                f"附属物（{kind}）",
                f"{count} × {_money(price.amount)} 元",
                yuan(count * price.amount),
                "附属物按数量补偿",
                price.clause,
            )
        )
    breakdown.lines.append(
        Line(
            "搬迁费",
            f"{moves} 次 × {_money(policy.relocation_fee.amount)} 元",
            yuan(moves * policy.relocation_fee.amount),
            "货币补偿搬迁一次" if moves == 1 else "产权调换搬迁两次（出、回迁）",
            policy.relocation_fee.clause,
        )
    )
    if temporary_months:
        breakdown.lines.append(
            Line(
                "临时安置费",
                f"{temporary_months} 个月 × {_money(policy.temporary_fee_per_month.amount)} 元",
                yuan(temporary_months * policy.temporary_fee_per_month.amount),
                "按月计发至交房",
                policy.temporary_fee_per_month.clause,
            )
        )
    for award in (
        _award(policy.signing_awards, case.signed_on, "签约奖励"),
        _award(policy.vacating_awards, case.vacated_on, "腾空奖励"),
    ):
        if award:
            breakdown.lines.append(award)


def monetary(case: Case, policy: Policy) -> Breakdown:
    """货币补偿: the buildings at their unit prices, decoration, attachments, one move, awards."""
    breakdown = Breakdown("货币补偿")
    legal_area = _building_lines(case, policy, breakdown)
    _common_lines(case, policy, breakdown, legal_area, moves=1, temporary_months=policy.monetary_temporary_months)
    return breakdown


def property_exchange(case: Case, policy: Policy) -> Breakdown:
    """产权调换: the buildings' value is settled against the price of the new flat — entitled area at the policy's
    price, area above it at the higher price, entitled area not taken paid for; two moves and the temporary fee
    until the handover. A positive total is paid to the household, a negative one it pays."""
    breakdown = Breakdown("产权调换")
    legal_area = _building_lines(case, policy, breakdown)
    entitled = policy.area_per_person.amount * case.determined_persons
    chosen = case.chosen_area if case.chosen_area is not None else entitled
    breakdown.lines.append(
        Line(
            "安置面积（应安置）",
            f"{case.determined_persons} 人 × {policy.area_per_person.amount} m²",
            Decimal("0.00"),
            f"应安置面积 {entitled} m²，选房 {chosen} m²",
            policy.area_per_person.clause,
        )
    )
    within = min(chosen, entitled)
    if within:
        breakdown.lines.append(
            Line(
                "安置房价款（应安置面积内）",
                f"{within} m² × {_money(policy.price_within_entitlement.amount)} 元/m²",
                -yuan(within * policy.price_within_entitlement.amount),
                "应安置面积内按政策价购买",
                policy.price_within_entitlement.clause,
            )
        )
    if chosen > entitled:
        above = chosen - entitled
        breakdown.lines.append(
            Line(
                "超出应安置面积部分",
                f"{above} m² × {_money(policy.price_above_entitlement.amount)} 元/m²",
                -yuan(above * policy.price_above_entitlement.amount),
                "超出部分按政策价购买",
                policy.price_above_entitlement.clause,
            )
        )
    elif chosen < entitled:
        below = entitled - chosen
        breakdown.lines.append(
            Line(
                "未选足应安置面积部分",
                f"{below} m² × {_money(policy.price_below_entitlement.amount)} 元/m²",
                yuan(below * policy.price_below_entitlement.amount),
                "未选足部分按政策价补偿",
                policy.price_below_entitlement.clause,
            )
        )
    _common_lines(case, policy, breakdown, legal_area, moves=2, temporary_months=case.months_until_handover)
    return breakdown


def vacating_award(policy: Policy, vacated_on: date) -> Line | None:
    """The vacating award a signed household earns by vacating on that day (the first deadline met pays)."""
    return _award(policy.vacating_awards, vacated_on, "腾空奖励")


def difference(before: Breakdown, after: Breakdown) -> list[tuple[str, Decimal, Decimal]]:
    """Per item, what a policy change does to one household: (item, before, after) where they differ."""
    old = {line.item: line.amount for line in before.lines}
    new = {line.item: line.amount for line in after.lines}
    items = list(dict.fromkeys([*old, *new]))
    rows = [(item, old.get(item, Decimal("0.00")), new.get(item, Decimal("0.00"))) for item in items]
    rows = [row for row in rows if row[1] != row[2]]
    if before.total != after.total:
        rows.append(("合计", before.total, after.total))
    return rows
