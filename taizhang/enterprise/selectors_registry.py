"""Scoped reads of the registry's own pages: parks with their enterprises and land, chain links, park lookups."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum

from taizhang.enterprise.models import ChainLink, Enterprise, Park, StatusChange
from taizhang.org.scoping import get_visible_or_404

ACTIVE = Q(enterprises__status=Enterprise.Status.ACTIVE)


def parks_with_counts(user) -> QuerySet[Park]:
    """The parks in scope, each with its enterprises in the zone (`active`) and their land (`land`)."""
    return (
        Park.objects.visible_to(user)
        .select_related("unit")
        .annotate(active=Count("enterprises", filter=ACTIVE), land=Sum("enterprises__land_mu", filter=ACTIVE))
        .order_by("unit__path", "sort_order", "name")
    )


def park_or_404(user, park_id: int) -> Park:
    return get_visible_or_404(Park.objects.all(), user, pk=park_id)


def links(user) -> QuerySet[ChainLink]:
    return ChainLink.objects.visible_to(user).order_by("chain__sort_order", "chain__name", "sort_order", "name")


def status_changes(enterprise: Enterprise) -> list[StatusChange]:
    return list(enterprise.status_changes.select_related("recorded_by", "withdrawn_by"))
