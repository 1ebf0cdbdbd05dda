"""Reads shared by pages, API and exports; always through the user's scope."""

from __future__ import annotations

import re

from django.db.models import Count, Q, QuerySet

from taizhang.core.models import RecordStatus
from taizhang.org.models import OrgNode
from taizhang.org.policies import can_see_full_identity
from taizhang.org.scoping import user_scope
from taizhang.registry.models import Household, Person
from taizhang.registry.rules import pinyin_initials

INITIALS_RE = re.compile(r"^[a-z]{1,16}$")
ID_TAIL_RE = re.compile(r"^\d{3,5}[\dX]$")
SEARCH_LIMIT = 30


def _prefix(field: str, prefix: str, filler: str) -> Q:
    # A range instead of LIKE: a plain B-tree index serves it on SQLite and PostgreSQL alike,
    # and for ASCII keys the order is the same under any collation.
    return Q(**{f"{field}__gte": prefix, f"{field}__lte": prefix + filler * 18})


SEARCH_ORDER = ("name_initials", "name", "id")


def person_match_queries(user, query: str, *, limit: int = SEARCH_LIMIT) -> list[QuerySet]:
    """One id query per way the text can match; each is served by its own index.

    Combining them with OR would make the database fall back to scanning the unit's persons. For a role that sees ID
    numbers masked (the personal-data policy) no part of an ID number matches: the mask shows only the area code,
    and a search that found a tail or a whole number would confirm what the page hides."""
    by_id_number = can_see_full_identity(user)
    q = query.strip().replace(" ", "")
    if not q:
        return []
    people = Person.objects.visible_to(user).filter(status=RecordStatus.ACTIVE)
    upper = q.upper()
    households = Household.objects.visible_to(user).filter(household_no=q).values("id")
    # Scoped through the household, so the household_id index serves it rather than the unit's.
    by_household = Person.objects.filter(status=RecordStatus.ACTIVE, household_id__in=households)
    if len(upper) == 18:
        conditions = [Q(id_number=upper)] if by_id_number else []
    elif ID_TAIL_RE.match(upper) and 4 <= len(upper) <= 6 and by_id_number:
        conditions = [_prefix("id_reversed", upper[::-1], "X")]
    elif INITIALS_RE.match(q.lower()):
        conditions = [_prefix("name_initials", q.lower(), "z")]
    elif q.isascii():
        conditions = []  # not a name (names have no digits): a 户编号 at most
    else:
        # A name or its beginning: the initials narrow through the index, the name filters.
        initials = pinyin_initials(q)
        conditions = [_prefix("name_initials", initials, "z") & Q(name__startswith=q) if initials else Q(name=q)]
        if initials and 1 < len(q) <= 4:
            # Same surname and initials: 张三 also finds 张山 and 张珊 (a sound-alike or a typo).
            conditions.append(Q(name_initials=initials, name__startswith=q[0]))
    matches = [people.filter(c) for c in conditions] + ([by_household] if len(upper) != 18 else [])
    return [m.order_by(*SEARCH_ORDER).values_list("id", flat=True)[:limit] for m in matches]


def person_search(user, query: str, *, limit: int = SEARCH_LIMIT) -> QuerySet:
    """Persons matching a name, pinyin initials (zs → 张三), a 户编号, and for a role that reads ID numbers whole an ID
    tail of 4–6 characters or a full ID."""
    ids = {pk for matches in person_match_queries(user, query, limit=limit) for pk in matches}
    return (
        Person.objects.filter(id__in=ids)
        .select_related("household", "household__community", "unit")
        .order_by(*SEARCH_ORDER)[:limit]
    )


HOUSEHOLD_MATCH_LIMIT = 500


def household_match(user, query: str, *, field: str = "") -> Q:
    """A condition on a household (reached through `field`, e.g. "household__" from a project's household): its
    户编号 or the beginning of it, its address, or a member found by the person search (name, pinyin initials, an
    ID number where the user's role sees ID numbers whole)."""
    q = query.strip()
    matched = person_search(user, q, limit=HOUSEHOLD_MATCH_LIMIT).values("household_id")
    return (
        Q(**{f"{field}household_no": q})
        | Q(**{f"{field}household_no__startswith": q})
        | Q(**{f"{field}id__in": matched})
        | Q(**{f"{field}address__contains": q})
    )


def household_list(
    user, *, unit_id=None, community_id=None, tag: str = "", status: str = RecordStatus.ACTIVE, query: str = ""
) -> QuerySet:
    households = Household.objects.visible_to(user).select_related("community", "unit", "head")
    if unit_id:
        households = households.filter(unit_id=unit_id)
    if community_id:
        households = households.filter(community_id=community_id)
    if tag:
        households = households.filter(tags__contains=f",{tag},")
    if status:
        households = households.filter(status=status)
    if query:
        households = households.filter(household_match(user, query))
    return households.annotate(member_count=Count("members", filter=Q(members__status=RecordStatus.ACTIVE)))


def registry_figures(user) -> dict:
    """Households and persons per unit and per 村居 within the user's scope (active records only)."""
    households = (
        Household.objects.visible_to(user)
        .filter(status=RecordStatus.ACTIVE)
        .values("unit_id", "community_id")
        .annotate(n=Count("id"))
    )
    persons = (
        Person.objects.visible_to(user)
        .filter(status=RecordStatus.ACTIVE, household__status=RecordStatus.ACTIVE)
        .values("household__community_id")
        .annotate(n=Count("id"))
    )
    per_community_persons = {row["household__community_id"]: row["n"] for row in persons}
    communities = {}
    for row in households:
        communities[row["community_id"]] = {
            "unit_id": row["unit_id"],
            "households": row["n"],
            "persons": per_community_persons.get(row["community_id"], 0),
        }
    nodes = OrgNode.objects.visible_to(user).filter(kind__in=[OrgNode.Kind.UNIT, OrgNode.Kind.COMMUNITY])
    units: dict[int, dict] = {}
    for node in nodes.order_by("path"):
        if node.kind == OrgNode.Kind.UNIT:
            units[node.id] = {"node": node, "households": 0, "persons": 0, "communities": []}
    community_nodes = nodes.filter(kind=OrgNode.Kind.COMMUNITY)
    if user_scope(user).community_id is not None:  # a 村居's staff see their 村居 only
        community_nodes = community_nodes.filter(id=user_scope(user).community_id)
    for node in community_nodes.order_by("sort_order", "name"):
        figures = communities.get(node.id, {"households": 0, "persons": 0})
        unit = units.get(node.unit_id)
        if unit is None:
            continue
        unit["communities"].append({"node": node, **figures})
        unit["households"] += figures["households"]
        unit["persons"] += figures["persons"]
    return {
        "units": list(units.values()),
        "households": sum(u["households"] for u in units.values()),
        "persons": sum(u["persons"] for u in units.values()),
    }
