"""Scoped reads of 刚性淘汰: a cycle's recommendations (by department and name), one recommendation, one's own."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from taizhang.people.models import Cycle, EliminationRuleSet, Recommendation
from taizhang.people.rules.elimination import rules_from_json
from taizhang.people.selectors import own_or_everyone, personal_or_404
from taizhang.people.selectors_pay import of_people


def recommendations(user, cycle: Cycle, *, department: int | None = None, q: str = "") -> QuerySet[Recommendation]:
    found = of_people(user, Recommendation.objects.filter(cycle=cycle), department=department, q=q)
    return found.select_related("user", "department", "contract__post").order_by("user__username", "rule_code")


def recommendation_or_404(user, recommendation_id: int) -> Recommendation:
    queryset = Recommendation.objects.select_related("cycle__unit", "user", "department")
    return personal_or_404(user, queryset, recommendation_id, "您只能查看对本人的淘汰建议和决定")


def cycles_with_counts(user) -> QuerySet[Cycle]:
    return (
        Cycle.objects.visible_to(user)
        .filter(status=Cycle.Status.LOCKED)
        .select_related("unit")
        .annotate(
            recommended=Count("recommendations"),
            open=Count("recommendations", filter=Q(recommendations__status=Recommendation.Status.OPEN)),
        )
        .order_by("-starts_on", "id")
    )


def decided(viewer, person_id: int) -> QuerySet[Recommendation]:
    """The committee's decisions on a person's recommendations, newest cycle first, as the viewer reads them."""
    found = Recommendation.objects.filter(user_id=person_id).exclude(status=Recommendation.Status.OPEN)
    return own_or_everyone(found, viewer).select_related("cycle").order_by("-cycle__starts_on", "rule_code")


def mine(user) -> QuerySet[Recommendation]:
    return decided(user, user.pk)


def rule_versions(user) -> list[tuple[EliminationRuleSet, tuple]]:
    """The rule versions of the units the user sees, newest first, each with its rules read."""
    versions = EliminationRuleSet.objects.visible_to(user).select_related("unit").order_by("unit_id", "-effective_from")
    return [(version, rules_from_json(version.rules)) for version in versions[:50]]
