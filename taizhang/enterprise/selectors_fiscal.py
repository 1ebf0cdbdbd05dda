"""Scoped reads of the zone's books and the investment company's portfolio."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet, Sum

from taizhang.core.models import RecordStatus
from taizhang.enterprise.models import (
    EquityExit,
    EquityStake,
    InfraSpending,
    Revenue,
    RevenueSource,
    SharingRule,
    Valuation,
)
from taizhang.enterprise.rules import portfolio, sharing
from taizhang.org.models import OrgNode
from taizhang.org.scoping import get_visible_or_404

ACTIVE = RecordStatus.ACTIVE


# --- the unit a page is about -----------------------------------------------------------------------------------


def fiscal_units(user) -> list[OrgNode]:
    """The units whose books the user reads: their own, or for a user above units each unit in scope that keeps
    books (has revenue sources)."""
    if user.unit_id:
        return [user.unit]
    keeping = RevenueSource.objects.visible_to(user).values("unit_id")
    return list(OrgNode.objects.visible_to(user).filter(pk__in=keeping).order_by("path"))


def fiscal_unit(user, requested) -> tuple[OrgNode | None, list[OrgNode]]:
    """The unit a per-unit page shows (`?unit=` among fiscal_units, else the first) and the choices."""
    units = fiscal_units(user)
    chosen = next((u for u in units if str(u.pk) == str(requested)), units[0] if units else None)
    return chosen, units


# --- revenue ----------------------------------------------------------------------------------------------------


def sources(unit_id: int) -> QuerySet[RevenueSource]:
    return RevenueSource.objects.filter(unit_id=unit_id)


def revenue_sums(unit_id: int) -> dict[tuple[int, int], Decimal]:
    """{(year, source id): amount} of the unit's active revenue."""
    rows = Revenue.objects.filter(unit_id=unit_id, status=ACTIVE).values_list("year", "source_id", "amount")
    return {(year, source_id): amount for year, source_id, amount in rows}


@dataclass
class RevenueTable:
    years: list[int]
    sources: list[RevenueSource]
    rows: list[tuple[int, list[tuple[RevenueSource, Decimal | None]], Decimal]]  # year, (source, amount)…, total


def revenue_table(unit_id: int) -> RevenueTable:
    found = revenue_sums(unit_id)
    all_sources = list(sources(unit_id))
    used = {source_id for _, source_id in found}
    shown = [s for s in all_sources if s.is_active or s.pk in used]
    years = sorted({year for year, _ in found}, reverse=True)
    rows = []
    for year in years:
        cells = [(s, found.get((year, s.pk))) for s in shown]
        rows.append((year, cells, sum((c for _, c in cells if c is not None), Decimal(0))))
    return RevenueTable(years, shown, rows)


def revenue_or_404(user, revenue_id: int) -> Revenue:
    return get_visible_or_404(Revenue.objects.select_related("source"), user, pk=revenue_id, status=ACTIVE)


def revenue_records(unit_id: int, year: int | None = None) -> QuerySet[Revenue]:
    found = Revenue.objects.filter(unit_id=unit_id, status=ACTIVE).select_related("source")
    return found.filter(year=year) if year else found


# --- the sharing with the district ------------------------------------------------------------------------------


@dataclass
class SharingYear:
    year: int
    rule: SharingRule
    split: sharing.Split | None  # None: the base is not known (no revenue of the base year)


def rules(unit_id: int) -> list[SharingRule]:
    return list(
        SharingRule.objects.filter(unit_id=unit_id).prefetch_related(
            Prefetch("sources", queryset=RevenueSource.objects.order_by("sort_order", "name"))
        )
    )


def sharing_years(unit_id: int) -> list[SharingYear]:
    """Each year with revenue on or after the first rule's effective year, split under the rule in force."""
    found = rules(unit_id)
    if not found:
        return []
    by_year = {rule.effective_year: rule for rule in found}
    sums = revenue_sums(unit_id)
    years = sorted({year for year, _ in sums})

    def counted(rule: SharingRule, year: int) -> Decimal | None:
        ids = {s.pk for s in rule.sources.all()}
        amounts = [amount for (y, source_id), amount in sums.items() if y == year and source_id in ids]
        return sum(amounts, Decimal(0)) if amounts else None

    result = []
    for year in years:
        effective = sharing.rule_for(year, by_year)
        if effective is None:
            continue
        rule = by_year[effective]
        base = sharing.base_from(rule.base_amount, counted(rule, rule.base_year))
        revenue = counted(rule, year) or Decimal(0)
        split = None if base is None else sharing.split(revenue=revenue, base=base, share_percent=rule.zone_share)
        result.append(SharingYear(year, rule, split))
    return result


# --- infrastructure ---------------------------------------------------------------------------------------------


def infra_list(user, *, q: str = "", year: int | None = None) -> QuerySet[InfraSpending]:
    found = InfraSpending.objects.visible_to(user).filter(status=ACTIVE)
    if q:
        found = found.filter(Q(project__icontains=q) | Q(department__icontains=q) | Q(note__icontains=q))
    if year:
        found = found.filter(year=year)
    return found.order_by("-year", "project", "id")


def infra_years(user) -> list[int]:
    found = InfraSpending.objects.visible_to(user).filter(status=ACTIVE).values_list("year", flat=True)
    return sorted(set(found), reverse=True)


def infra_total(found: QuerySet[InfraSpending]) -> Decimal:
    return found.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def infra_or_404(user, spending_id: int) -> InfraSpending:
    return get_visible_or_404(InfraSpending.objects.all(), user, pk=spending_id, status=ACTIVE)


# --- equity -----------------------------------------------------------------------------------------------------

HELD, EXITED = "held", "exited"


def _stakes(queryset: QuerySet[EquityStake]) -> QuerySet[EquityStake]:
    return queryset.select_related("enterprise__chain", "project__chain").prefetch_related(
        Prefetch("valuations", queryset=Valuation.objects.filter(status=ACTIVE).order_by("valued_on", "id")),
        Prefetch("exits", queryset=EquityExit.objects.filter(withdrawn_at__isnull=True), to_attr="active_exits"),
    )


def stake_list(user, *, q: str = "", chain: int | None = None, status: str = "") -> QuerySet[EquityStake]:
    found = EquityStake.objects.visible_to(user).filter(status=ACTIVE)
    if q:
        found = found.filter(Q(enterprise__name__icontains=q) | Q(project__name__icontains=q) | Q(note__icontains=q))
    if chain:
        found = found.filter(Q(enterprise__chain_id=chain) | Q(enterprise__isnull=True, project__chain_id=chain))
    live_exit = EquityExit.objects.filter(withdrawn_at__isnull=True).values("stake_id")
    if status == HELD:
        found = found.exclude(pk__in=live_exit)
    elif status == EXITED:
        found = found.filter(pk__in=live_exit)
    return _stakes(found).order_by("-invested_on", "-id")


def stake_or_404(user, stake_id: int) -> EquityStake:
    return get_visible_or_404(_stakes(EquityStake.objects.all()), user, pk=stake_id, status=ACTIVE)


def exit_of(stake: EquityStake) -> EquityExit | None:
    """The stake's exit in force (from the prefetch of `_stakes`)."""
    return stake.active_exits[0] if stake.active_exits else None


def holding(stake: EquityStake) -> portfolio.Holding:
    """The stake for the portfolio rules (its valuations and exit prefetched by `_stakes`)."""
    found = exit_of(stake)
    chain = stake.chain
    return portfolio.Holding(
        invested=stake.invested,
        latest_value=portfolio.latest((v.valued_on, v.value) for v in stake.valuations.all()),
        proceeds=found.proceeds if found else None,
        group=chain.name if chain else "未归链",
    )


@dataclass
class Portfolio:
    total: portfolio.Figures
    by_chain: list[tuple[str, portfolio.Figures]]


def portfolio_of(stakes) -> Portfolio:
    holdings = [holding(stake) for stake in stakes]
    by_chain = sorted(portfolio.by_group(holdings), key=lambda pair: (pair[0] == "未归链", pair[0]))
    return Portfolio(portfolio.figures(holdings), by_chain)


def enterprise_stakes(enterprise) -> list[EquityStake]:
    return list(_stakes(EquityStake.objects.filter(enterprise=enterprise, status=ACTIVE)).order_by("-invested_on"))
