"""Scoped reads of the KPI pages, API and commands: cycles, the staff × plan table, results, one person's result
with their indicators' scores, reviews, invitations and appeals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from taizhang.org.models import OrgNode, User
from taizhang.org.scoping import get_visible_or_404
from taizhang.people import policies
from taizhang.people.models import Appeal, Contract, Cycle, Indicator, RatingInvitation, Result, Review, ScoringMethod
from taizhang.people.rules import kpi as rules
from taizhang.people.selectors import personal_or_404


def cycle_or_404(user, cycle_id: int) -> Cycle:
    return get_visible_or_404(Cycle.objects.select_related("unit"), user, pk=cycle_id)


def managed_cycle_or_404(user, cycle_id: int) -> Cycle:
    """A cycle the user manages; 403 for a reader of the unit who does not (another unit's: 404)."""
    cycle = cycle_or_404(user, cycle_id)
    if not policies.can_manage(user, cycle.unit_id):
        raise PermissionDenied("只有本单位考核委员会委员或单位管理员可以办理")
    return cycle


def readable_cycle_or_404(user, cycle_id: int) -> Cycle:
    """A cycle whose everyone's records the user reads (the committee, district roles, the auditor)."""
    cycle = cycle_or_404(user, cycle_id)
    if not policies.reads_everyone(user):
        raise PermissionDenied("考核结果属个人信息，您只能查看本人的结果")
    return cycle


def _filtered(queryset: QuerySet, *, q: str, prefix: str) -> QuerySet:
    if q:
        queryset = queryset.filter(Q(**{f"{prefix}full_name__icontains": q}) | Q(**{f"{prefix}username__icontains": q}))
    return queryset


@dataclass
class PlanRow:
    user: User
    count: int
    weight: Decimal
    reviews: int
    result: Result | None

    @property
    def weight_ok(self) -> bool:
        return self.weight == rules.HUNDRED


def plan_rows(cycle: Cycle, users: list[User]) -> list[PlanRow]:
    """The plan status of a page of staff in three queries."""
    ids = [u.pk for u in users]
    plans = {
        row["user_id"]: row
        for row in Indicator.objects.filter(cycle=cycle, user_id__in=ids)
        .values("user_id")
        .annotate(count=Count("id"), weight=Sum("weight"))
        .order_by()
    }
    reviews = dict(
        Review.objects.filter(cycle=cycle, subject_id__in=ids)
        .values("subject_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("subject_id", "n")
    )
    results = {r.user_id: r for r in Result.objects.filter(cycle=cycle, user_id__in=ids)}
    return [
        PlanRow(
            u,
            plans.get(u.pk, {}).get("count", 0),
            plans.get(u.pk, {}).get("weight") or Decimal(0),
            reviews.get(u.pk, 0),
            results.get(u.pk),
        )
        for u in users
    ]


def staff_of_cycle(cycle: Cycle, *, q: str = "", department: int | None = None) -> QuerySet:
    contracts = Contract.objects.filter(
        unit_id=cycle.unit_id, starts_on__lte=cycle.ends_on, ends_on__gte=cycle.starts_on
    )
    if department:
        contracts = contracts.filter(department_id=department)
    staff = User.objects.filter(pk__in=contracts.values("user_id"))
    return _filtered(staff, q=q[:64], prefix="").select_related("node").order_by("username")


def results(cycle: Cycle, *, q: str = "", department: int | None = None, grade: str = "") -> QuerySet:
    queryset = Result.objects.filter(cycle=cycle).select_related("user", "department", "post")
    if department:
        queryset = queryset.filter(department_id=department)
    if grade:
        queryset = queryset.filter(grade=grade)
    return _filtered(queryset, q=q[:64], prefix="user__").order_by("-final_score", "user__username")


def unit_departments(unit_id: int) -> QuerySet:
    return OrgNode.objects.filter(unit_id=unit_id, subtype=OrgNode.Subtype.DEPARTMENT).order_by("sort_order", "id")


def result_or_404(user, result_id: int) -> Result:
    """A result the user may read: their own, or anyone's in scope for who reads everyone's."""
    queryset = Result.objects.select_related("cycle", "user", "department", "post")
    return personal_or_404(user, queryset, result_id, "考核结果属个人信息，您只能查看本人的结果")


def own_result(user, cycle: Cycle) -> Result | None:
    """The user's own result of a cycle, once the cycle is locked (before, it may still change)."""
    if cycle.status != Cycle.Status.LOCKED:
        return None
    return Result.objects.filter(cycle=cycle, user_id=user.pk).select_related("department", "post").first()


@dataclass
class IndicatorLine:
    indicator: Indicator
    score: Decimal


def indicator_lines(cycle: Cycle, user_id: int) -> list[IndicatorLine]:
    lines = []
    for indicator in Indicator.objects.filter(cycle=cycle, user_id=user_id).select_related("method"):
        score = rules.indicator_score(
            kind=indicator.method.kind,
            weight=indicator.weight,
            target=indicator.target,
            actual=indicator.actual,
            floor=indicator.floor_in_force,
            cap=indicator.cap_in_force,
            deduction=indicator.deduction,
        )
        lines.append(IndicatorLine(indicator, score))
    return lines


def type_weights(cycle: Cycle) -> dict[str, Decimal]:
    """The cycle's weight of each rater type."""
    return {
        rules.SUPERIOR: cycle.superior_weight,
        rules.PEER: cycle.peer_weight,
        rules.CLIENT: cycle.client_weight,
        rules.SELF: cycle.self_weight,
    }


def review_summary(cycle: Cycle, user_id: int) -> list[tuple[str, int, Decimal | None, Decimal]]:
    """(type, ratings, mean, weight) per rater type — who rated is not shown to the person."""
    weights = type_weights(cycle)
    scores: dict[str, list[Decimal]] = {kind: [] for kind in weights}
    for kind, score in Review.objects.filter(cycle=cycle, subject_id=user_id).values_list("rater_type", "score"):
        scores[kind].append(score)
    return [
        (label, len(scores[kind]), rules.mean(scores[kind]), weights[kind]) for kind, label in rules.RATER_TYPES.items()
    ]


def reviews_of(cycle: Cycle, user_id: int) -> QuerySet:
    return Review.objects.filter(cycle=cycle, subject_id=user_id).order_by("rater_type", "id")


def review_or_404(user, review_id: int) -> Review:
    return get_visible_or_404(Review.objects.select_related("cycle"), user, pk=review_id)


def invitations(cycle: Cycle) -> QuerySet:
    return RatingInvitation.objects.filter(cycle=cycle).select_related("subject").order_by("-created_at", "-id")


def appeals(cycle: Cycle) -> QuerySet:
    return Appeal.objects.filter(result__cycle=cycle).select_related("user", "result").order_by("status", "filed_at")


def appeal_or_404(user, appeal_id: int) -> Appeal:
    appeal = get_visible_or_404(
        Appeal.objects.select_related("result__cycle", "result__user", "result__post", "user"), user, pk=appeal_id
    )
    if appeal.user_id != user.pk and not policies.reads_everyone(user):
        raise Http404
    return appeal


def my_appeals(user, result: Result) -> QuerySet:
    return Appeal.objects.filter(result=result, user_id=user.pk).order_by("-filed_at")


def methods(unit_id: int) -> QuerySet:
    return (
        ScoringMethod.objects.filter(unit_id=unit_id).select_related("changed_by").order_by("name", "-effective_from")
    )


def user_in_unit_or_404(cycle: Cycle, user_id: int) -> User:
    user = User.objects.filter(pk=user_id, unit_id=cycle.unit_id).select_related("node").first()
    if user is None:
        raise Http404("本单位没有这个人员")
    return user
