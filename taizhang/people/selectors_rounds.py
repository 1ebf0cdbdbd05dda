"""Scoped reads of 竞聘上岗: the rounds a user sees (staff of the unit see rounds once published), one round with its
posts, applications, rankings and objections."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from taizhang.org.scoping import get_visible_or_404
from taizhang.people import policies, rounds
from taizhang.people.models import Application, Round, RoundObjection, RoundPost
from taizhang.people.rules import rounds as rules


def round_list(user) -> QuerySet[Round]:
    found = (
        Round.objects.visible_to(user)
        .select_related("unit")
        .annotate(post_count=Count("posts", distinct=True), applicant_count=Count("applications__user", distinct=True))
    )
    if not policies.reads_everyone(user):
        found = found.exclude(status=Round.Status.DRAFT)
    return found.order_by("-apply_from", "-id")


def round_or_404(user, round_id: int) -> Round:
    found = Round.objects.select_related("unit", "created_by")
    if not policies.reads_everyone(user):
        found = found.exclude(status=Round.Status.DRAFT)
    return get_visible_or_404(found, user, pk=round_id)


def round_posts(rnd: Round) -> list[RoundPost]:
    return list(
        RoundPost.objects.filter(round=rnd)
        .select_related("post__department")
        .order_by("post__department__sort_order", "post__name", "id")
    )


def applications(rnd: Round) -> list[Application]:
    return list(Application.objects.filter(round=rnd).select_related("user", "round_post__post").order_by("id"))


def my_applications(rnd: Round, user) -> list[Application]:
    return [a for a in applications(rnd) if a.user_id == user.pk]


@dataclass
class PostRanking:
    round_post: RoundPost
    rows: list  # [(application, total or None, rank or None)]


def rankings(rnd: Round, round_posts_: list[RoundPost], applications_: list[Application]) -> list[PostRanking]:
    """Each post's applicants in ranking order (scored ones first, then the unscored by name)."""
    result = []
    by_id = {a.pk: a for a in applications_}
    for rp in round_posts_:
        ranked = rules.ranking(rounds.candidates(rp, applications_), rnd.weights)
        ranked_ids = {r.candidate.key for r in ranked}
        rows = [(by_id[r.candidate.key], r.total, r.rank) for r in ranked]
        rows += [(a, None, None) for a in applications_ if a.round_post_id == rp.pk and a.pk not in ranked_ids]
        result.append(PostRanking(rp, rows))
    return result


def objections(rnd: Round, user) -> list[RoundObjection]:
    """All objections for the committee; one's own for anyone else."""
    found = RoundObjection.objects.filter(round=rnd).select_related("filed_by", "answered_by", "application__user")
    if not policies.reads_everyone(user):
        found = found.filter(filed_by=user)
    return list(found.order_by("created_at", "id"))


def objection_or_404(user, objection_id: int) -> RoundObjection:
    return get_visible_or_404(RoundObjection.objects.select_related("round", "filed_by"), user, pk=objection_id)


def open_objection_count(rnd: Round) -> int:
    return RoundObjection.objects.filter(round=rnd, status=RoundObjection.Status.OPEN).count()
