"""Scoped reads of the registry the pages, API, sections and figures share."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from taizhang.enterprise.models import Chain, Enterprise, EnterpriseFigure, Park
from taizhang.enterprise.rules import tags as tag_rules
from taizhang.org.scoping import get_visible_or_404


def parks(user) -> QuerySet[Park]:
    return Park.objects.visible_to(user)


def chains(user) -> QuerySet[Chain]:
    return Chain.objects.visible_to(user)


def enterprise_list(
    user, *, q: str = "", park: int | None = None, chain: int | None = None, tag: str = "", status: str = ""
) -> QuerySet[Enterprise]:
    """The enterprises in scope, filtered; `tag` is a tag field or "four_new" (any of 四新)."""
    found = Enterprise.objects.visible_to(user).select_related("park", "chain")
    if q:
        found = found.filter(Q(name__icontains=q) | Q(uscc__icontains=q.upper()) | Q(contact_name__icontains=q))
    if park:
        found = found.filter(park_id=park)
    if chain:
        found = found.filter(chain_id=chain)
    if tag == "four_new":
        any_of = Q()
        for field in sorted(tag_rules.FOUR_NEW):
            any_of |= Q(**{field: True})
        found = found.filter(any_of)
    elif tag in tag_rules.LABELS:
        found = found.filter(**{tag: True})
    if status:
        found = found.filter(status=status)
    return found.order_by("name", "id")


def enterprise_or_404(user, enterprise_id: int) -> Enterprise:
    figures = Prefetch("figures", queryset=EnterpriseFigure.objects.order_by("-year"))
    return get_visible_or_404(
        Enterprise.objects.select_related("park", "chain").prefetch_related(figures, "links__chain"),
        user,
        pk=enterprise_id,
    )
