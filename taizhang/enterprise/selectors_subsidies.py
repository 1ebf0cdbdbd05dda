"""Scoped reads of the subsidies: policies, grants, and the 免申即享 computation — the facts of every enterprise of a
unit for a year in one query, then the clauses evaluated in Python (rules/eligibility.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery, Sum

from taizhang.enterprise.models import CitySubsidy, Clause, Enterprise, Grant, Policy, SubsidyBudget
from taizhang.enterprise.rules import eligibility
from taizhang.enterprise.rules import tags as tag_rules
from taizhang.org.scoping import get_visible_or_404

TAG_COLUMNS = [field for field, _ in tag_rules.TAGS]
FIGURE_COLUMNS = ("revenue", "tax", "output", "rd")
IN_FORCE = ~Q(state=Grant.State.WITHDRAWN)


def policies(user) -> QuerySet[Policy]:
    return Policy.objects.visible_to(user).prefetch_related("clauses")


def policy_or_404(user, policy_id: int) -> Policy:
    return get_visible_or_404(Policy.objects.all(), user, pk=policy_id)


def clause_or_404(user, clause_id: int) -> Clause:
    return get_visible_or_404(Clause.objects.select_related("policy"), user, pk=clause_id)


def grant_or_404(user, grant_id: int) -> Grant:
    return get_visible_or_404(
        Grant.objects.select_related("enterprise", "clause__policy", "reviewed_by", "approved_by", "created_by"),
        user,
        pk=grant_id,
    )


def clauses_in_force(unit_id: int, year: int) -> list[Clause]:
    found = Clause.objects.filter(unit_id=unit_id, is_active=True, policy__first_year__lte=year).select_related(
        "policy"
    )
    return [c for c in found.filter(Q(policy__last_year__isnull=True) | Q(policy__last_year__gte=year))]


def facts_rows(unit_id: int, year: int, *, enterprise_id: int | None = None) -> list[dict]:
    """One query: each enterprise of the unit with its tags, land, park, chain, its figures of `year` and the year
    before, and the city subsidies of `year` in 元."""
    city = (
        CitySubsidy.objects.filter(enterprise=OuterRef("pk"), year=year)
        .values("enterprise")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    found = Enterprise.objects.filter(unit_id=unit_id).annotate(
        cur=FilteredRelation("figures", condition=Q(figures__year=year)),
        prev=FilteredRelation("figures", condition=Q(figures__year=year - 1)),
        city=Subquery(city, output_field=DecimalField(max_digits=14, decimal_places=2)),
        park_name=F("park__name"),
        chain_name=F("chain__name"),
    )
    if enterprise_id is not None:
        found = found.filter(pk=enterprise_id)
    columns = ["id", "name", "uscc", "status", "land_mu", "settled_on", "park_name", "chain_name", "city", *TAG_COLUMNS]
    columns += [f"cur__{c}" for c in FIGURE_COLUMNS] + [f"prev__{c}" for c in FIGURE_COLUMNS]
    return list(found.order_by("name", "id").values(*columns))


def facts_from_row(row: dict, year: int) -> eligibility.Facts:
    return eligibility.facts_of(
        tags=frozenset(c for c in TAG_COLUMNS if row[c]),
        year={c: row[f"cur__{c}"] for c in FIGURE_COLUMNS},
        prev={c: row[f"prev__{c}"] for c in FIGURE_COLUMNS},
        land_mu=row["land_mu"],
        settled_on=row["settled_on"],
        policy_year=year,
        park=row["park_name"],
        chain=row["chain_name"],
        city_subsidy=None if row["city"] is None else Decimal(row["city"]).quantize(eligibility.FEN),
        active=row["status"] == Enterprise.Status.ACTIVE,
    )


@dataclass(frozen=True)
class Offer:
    """An enterprise that qualifies for a clause in a year, computed without anyone applying (免申即享)."""

    enterprise_id: int
    enterprise_name: str
    uscc: str
    clause: Clause
    amount: Decimal
    reasons: tuple[str, ...]
    grant: Grant | None = None  # the grant in force already made of it


def offers(unit_id: int, year: int, *, enterprise_id: int | None = None, with_grants: bool = True) -> list[Offer]:
    """Every (enterprise, clause) that qualifies in `year`, with its amount and reasons, by enterprise name."""
    clauses = [(clause, clause.compiled()) for clause in clauses_in_force(unit_id, year)]
    granted = {}
    if with_grants:
        in_force = Grant.objects.filter(IN_FORCE, unit_id=unit_id, year=year)
        if enterprise_id is not None:
            in_force = in_force.filter(enterprise_id=enterprise_id)
        granted = {(g.enterprise_id, g.clause_id): g for g in in_force}
    found = []
    for row in facts_rows(unit_id, year, enterprise_id=enterprise_id):
        facts = facts_from_row(row, year)
        for clause, compiled in clauses:
            outcome = eligibility.evaluate(compiled, facts)
            if outcome.eligible:
                grant = granted.get((row["id"], clause.pk))
                found.append(Offer(row["id"], row["name"], row["uscc"], clause, outcome.amount, outcome.reasons, grant))
    return found


def budget_of(unit_id: int, year: int) -> SubsidyBudget | None:
    return SubsidyBudget.objects.filter(unit_id=unit_id, year=year).first()


def committed(unit_id: int, year: int, *, excluding: int | None = None) -> Decimal:
    """What the year's budget already carries: the grants approved or paid."""
    found = Grant.objects.filter(
        unit_id=unit_id, year=year, state__in=[Grant.State.APPROVED, Grant.State.PAID]
    ).exclude(pk=excluding)
    return found.aggregate(total=Sum("amount"))["total"] or Decimal(0)


def grant_list(
    user,
    *,
    q: str = "",
    policy: int | None = None,
    clause: int | None = None,
    state: str = "",
    park: int | None = None,
    year: int | None = None,
) -> QuerySet[Grant]:
    found = Grant.objects.visible_to(user).select_related("enterprise__park", "clause__policy")
    if q:
        found = found.filter(Q(enterprise__name__icontains=q) | Q(enterprise__uscc__icontains=q.upper()))
    if policy:
        found = found.filter(clause__policy_id=policy)
    if clause:
        found = found.filter(clause_id=clause)
    if state:
        found = found.filter(state=state)
    if park:
        found = found.filter(enterprise__park_id=park)
    if year:
        found = found.filter(year=year)
    return found.order_by("-year", "enterprise__name", "clause__policy_id", "clause__sort_order", "id")


def clawbacks(user, *, as_of) -> list[Grant]:
    """Paid grants whose enterprise left the zone (by `as_of`) within its clause's clawback years of the payment."""
    paid = (
        Grant.objects.visible_to(user)
        .filter(
            state=Grant.State.PAID,
            clause__clawback_years__isnull=False,
            enterprise__left_on__isnull=False,
            enterprise__left_on__lte=as_of,
        )
        .select_related("enterprise", "clause__policy")
        .order_by("enterprise__left_on", "id")
    )
    return [
        grant
        for grant in paid
        if eligibility.clawback_due(
            paid_on=grant.paid_on, left_on=grant.enterprise.left_on, years=grant.clause.clawback_years
        )
    ]
