"""Scoped reads of 链长制: the chains with their counts, a chain's map (links, the enterprises on them, gaps and
targets), its figures over the years in one grouped query, and the target list."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from taizhang.enterprise.models import Chain, ChainLink, ChainTarget, Enterprise, EnterpriseFigure
from taizhang.enterprise.rules import chains as rules
from taizhang.org.models import User
from taizhang.org.scoping import get_visible_or_404

ACTIVE = Enterprise.Status.ACTIVE


@dataclass
class ChainRow:
    chain: Chain
    links: int = 0
    gaps: int = 0
    enterprises: int = 0
    open_targets: int = 0


def chain_rows(user) -> list[ChainRow]:
    """Every chain in scope with its counts of links, gaps, active enterprises (by their chain or placed on one of
    its links) and targets not yet turned into projects; four queries whatever the number of chains."""
    rows = {c.pk: ChainRow(c) for c in Chain.objects.visible_to(user).select_related("leader")}
    filled = (
        ChainLink.objects.visible_to(user)
        .annotate(filled=Count("enterprises", filter=Q(enterprises__status=ACTIVE)))
        .values_list("pk", "chain_id", "filled")
    )
    links: dict[int, list[int]] = defaultdict(list)
    placements: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for link_id, chain_id, n in filled:
        links[chain_id].append(link_id)
        placements[chain_id] += [(link_id, ACTIVE)] if n else []
    for chain_id, ids in links.items():
        if chain_id in rows:
            rows[chain_id].links = len(ids)
            rows[chain_id].gaps = len(rules.gaps(ids, placements[chain_id]))
    members: dict[int, set[int]] = defaultdict(set)
    placed = (
        Enterprise.objects.visible_to(user)
        .filter(status=ACTIVE)
        .filter(Q(chain__isnull=False) | Q(links__isnull=False))
        .values_list("pk", "chain_id", "links__chain_id")
    )
    for enterprise_id, *chain_ids in placed:
        for chain_id in chain_ids:
            if chain_id:
                members[chain_id].add(enterprise_id)
    for chain_id, ids in members.items():
        if chain_id in rows:
            rows[chain_id].enterprises = len(ids)
    targets = (
        ChainTarget.objects.visible_to(user)
        .exclude(status="project")
        .values_list("link__chain_id")
        .annotate(n=Count("pk"))
        .values_list("link__chain_id", "n")
    )
    for chain_id, n in targets:
        if chain_id in rows:
            rows[chain_id].open_targets = n
    return list(rows.values())


def chain_or_404(user, chain_id: int) -> Chain:
    return get_visible_or_404(Chain.objects.select_related("leader"), user, pk=chain_id)


def link_or_404(user, link_id: int) -> ChainLink:
    return get_visible_or_404(ChainLink.objects.select_related("chain"), user, pk=link_id)


def target_or_404(user, target_id: int) -> ChainTarget:
    return get_visible_or_404(ChainTarget.objects.select_related("link__chain", "officer"), user, pk=target_id)


@dataclass
class LinkView:
    link: ChainLink
    enterprises: list[Enterprise]  # placed on it, active first
    targets: list[ChainTarget]
    is_gap: bool


@dataclass
class ChainMap:
    chain: Chain
    columns: list[tuple[str, str, list[LinkView]]]
    gaps: list[LinkView] = field(default_factory=list)


def chain_map(chain: Chain) -> ChainMap:
    """The chain's links in three columns with the enterprises placed on each and the targets of each; two queries
    beyond the links' own."""
    enterprises = Prefetch("enterprises", queryset=Enterprise.objects.order_by("status", "name", "id"))
    targets = Prefetch("targets", queryset=ChainTarget.objects.select_related("officer").order_by("status", "company"))
    links = list(chain.links.order_by("sort_order", "name", "id").prefetch_related(enterprises, targets))
    placements = [(link.pk, e.status) for link in links for e in link.enterprises.all()]
    gap_ids = rules.gaps((link.pk for link in links), placements)
    views = [
        LinkView(link, list(link.enterprises.all()), list(link.targets.all()), link.pk in gap_ids) for link in links
    ]
    columns = [(code, label, column) for code, label, column in rules.columns(views, lambda v: v.link.position)]
    return ChainMap(chain, columns, [v for v in views if v.is_gap])


def chain_members(chain: Chain) -> QuerySet[Enterprise]:
    """The chain's enterprises: those whose chain it is and those placed on one of its links."""
    return Enterprise.objects.filter(unit_id=chain.unit_id).filter(Q(chain=chain) | Q(links__chain=chain)).distinct()


def chain_years(chain: Chain) -> list[rules.ChainYear]:
    """The chain's figures per year: one grouped query over its enterprises' figures."""
    with_land = Q(enterprise__land_mu__gt=0, tax__isnull=False)
    grouped = (
        EnterpriseFigure.objects.filter(unit_id=chain.unit_id, enterprise_id__in=chain_members(chain).values("pk"))
        .values("year")
        .annotate(
            n=Count("enterprise_id", distinct=True),
            total_revenue=Sum("revenue"),
            total_tax=Sum("tax"),
            total_output=Sum("output"),
            taxed=Sum("tax", filter=with_land),
            land=Sum("enterprise__land_mu", filter=with_land),
        )
        .order_by("year")
    )
    return [
        rules.ChainYear(g["year"], g["n"], g["total_revenue"], g["total_tax"], g["total_output"], g["taxed"], g["land"])
        for g in grouped
    ]


def placeable(chain: Chain) -> QuerySet[Enterprise]:
    """The enterprises that may be placed on the chain's links: the unit's active ones, the chain's own first."""
    return Enterprise.objects.filter(unit_id=chain.unit_id, status=ACTIVE).order_by("name", "id")


def officers(unit_id: int) -> QuerySet[User]:
    return User.objects.filter(unit_id=unit_id, is_active=True).order_by("full_name", "username")


def target_list(
    user, *, q: str = "", chain: int | None = None, status: str = "", officer: int | None = None
) -> QuerySet[ChainTarget]:
    found = ChainTarget.objects.visible_to(user).select_related("link__chain", "officer")
    if q:
        found = found.filter(Q(company__icontains=q) | Q(region__icontains=q) | Q(reason__icontains=q))
    if chain:
        found = found.filter(link__chain_id=chain)
    if status:
        found = found.filter(status=status)
    if officer:
        found = found.filter(officer_id=officer)
    return found.order_by(
        F("next_on").asc(nulls_last=True), "link__chain__sort_order", "link__sort_order", "company", "id"
    )


def enterprise_chains(enterprise: Enterprise) -> list[tuple[Chain, list[ChainLink], list[ChainLink]]]:
    """For an enterprise's file page: each chain it belongs to, the links it is on, and the chain's gaps."""
    own = list(enterprise.links.select_related("chain").order_by("chain__sort_order", "sort_order"))
    chain_ids = {link.chain_id for link in own} | ({enterprise.chain_id} if enterprise.chain_id else set())
    if not chain_ids:
        return []
    links = (
        ChainLink.objects.filter(chain_id__in=chain_ids)
        .select_related("chain")
        .annotate(filled=Count("enterprises", filter=Q(enterprises__status=ACTIVE)))
        .order_by("chain__sort_order", "chain__name", "sort_order", "name")
    )
    by_chain: dict[int, tuple[Chain, list, list]] = {}
    for link in links:
        chain, mine, gaps = by_chain.setdefault(link.chain_id, (link.chain, [], []))
        if link.filled == 0:
            gaps.append(link)
        if any(o.pk == link.pk for o in own):
            mine.append(link)
    for chain in Chain.objects.filter(pk__in=chain_ids - by_chain.keys()):
        by_chain[chain.pk] = (chain, [], [])
    return sorted(by_chain.values(), key=lambda entry: (entry[0].sort_order, entry[0].name))
