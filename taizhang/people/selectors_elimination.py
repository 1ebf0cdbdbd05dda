"""Scoped reads of 刚性淘汰: a cycle's recommendations (by department and name), one recommendation, one's own."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from taizhang.org.scoping import get_visible_or_404
from taizhang.people import policies
from taizhang.people.models import Cycle, EliminationRuleSet, Recommendation
from taizhang.people.rules.elimination import rules_from_json
from taizhang.people.selectors import own_or_everyone


def recommendations(user, cycle: Cycle, *, department: int | None = None, q: str = "") -> QuerySet[Recommendation]:
    found = own_or_everyone(Recommendation.objects.filter(cycle=cycle), user)
    if department:
        found = found.filter(department_id=department)
    if q:
        found = found.filter(Q(user__full_name__contains=q) | Q(user__username__contains=q))
    return found.select_related("user", "department", "contract__post").order_by("user__username", "rule_code")


def recommendation_or_404(user, recommendation_id: int) -> Recommendation:
    """One recommendation in the user's scope (404 outside it); another person's is refused (403) to those who
    read only their own."""
    rec = get_visible_or_404(
        Recommendation.objects.select_related("cycle__unit", "user", "department"), user, pk=recommendation_id
    )
    if rec.user_id != user.pk and not policies.reads_everyone(user):
        raise PermissionDenied("您只能查看对本人的淘汰建议和决定")
    return rec


def cycles_with_counts(user) -> QuerySet[Cycle]:
    return (
        Cycle.objects.visible_to(user)
        .filter(status=Cycle.Status.LOCKED)
        .select_related("unit")
        .annotate(
            recommended=Count("recommendations"),
            open=Count("recommendations", filter=Q(recommendations__status=Recommendation.Status.OPEN)),
        )
    )


def mine(user) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.visible_to(user)
        .filter(user_id=user.pk)
        .exclude(status=Recommendation.Status.OPEN)
        .select_related("cycle")
        .order_by("-cycle__starts_on")
    )


def rule_versions(user) -> list[tuple[EliminationRuleSet, tuple]]:
    """The rule versions of the units the user sees, newest first, each with its rules read."""
    versions = EliminationRuleSet.objects.visible_to(user).select_related("unit").order_by("unit_id", "-effective_from")
    return [(version, rules_from_json(version.rules)) for version in versions[:50]]
