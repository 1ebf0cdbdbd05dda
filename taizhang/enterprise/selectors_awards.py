"""Scoped reads of 优秀企业家奖励 for the pages, the API, the section and the import."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum

from taizhang.enterprise.models import AwardObjection, AwardPayment, AwardRound, AwardScore, Nomination
from taizhang.org.scoping import get_visible_or_404


def round_list(user) -> QuerySet[AwardRound]:
    live = Q(nominations__withdrawn_at__isnull=True)
    return (
        AwardRound.objects.visible_to(user)
        .select_related("unit")
        .annotate(nomination_count=Count("nominations", filter=live))
        .order_by("-year", "-id")
    )


def round_or_404(user, round_id: int) -> AwardRound:
    return get_visible_or_404(AwardRound.objects.select_related("unit"), user, pk=round_id)


def nomination_or_404(user, nomination_id: int) -> Nomination:
    return get_visible_or_404(Nomination.objects.select_related("round", "enterprise"), user, pk=nomination_id)


def objection_or_404(user, objection_id: int) -> AwardObjection:
    return get_visible_or_404(AwardObjection.objects.select_related("round"), user, pk=objection_id)


def nominations(rnd: AwardRound) -> list[Nomination]:
    """Every nomination of the round, live ones first, then by rank (once allocated) and order of entry."""
    found = Nomination.objects.filter(round=rnd).select_related("enterprise", "payment").order_by("id")
    return sorted(found, key=lambda n: (n.withdrawn_at is not None, n.rank is None, n.rank or 0, n.pk))


def live_nominations(rnd: AwardRound) -> list[Nomination]:
    return [n for n in nominations(rnd) if n.withdrawn_at is None]


def sheets(rnd: AwardRound) -> list[AwardScore]:
    return list(AwardScore.objects.filter(nomination__round=rnd, nomination__withdrawn_at__isnull=True))


def awarded(rnd: AwardRound) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(round=rnd, withdrawn_at__isnull=True, amount__isnull=False)
        .select_related("enterprise")
        .order_by("rank")
    )


def objections(rnd: AwardRound) -> list[AwardObjection]:
    return list(AwardObjection.objects.filter(round=rnd).select_related("nomination", "filed_by", "answered_by"))


def payment_totals(rnd: AwardRound) -> dict:
    return AwardPayment.objects.filter(round=rnd).aggregate(
        total=Sum("amount"), paid=Sum("amount", filter=Q(paid_on__isnull=False)), count=Count("id")
    )


def of_enterprise(enterprise) -> list[Nomination]:
    return list(
        Nomination.objects.filter(enterprise=enterprise)
        .select_related("round", "payment")
        .order_by("-round__year", "-id")
    )
