"""Scoped reads the module's pages, API, sections and commands share. A staff member who does not read everyone's
records (policies.reads_everyone) sees only their own."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from taizhang.org.models import OrgNode
from taizhang.org.scoping import get_visible_or_404
from taizhang.people import policies
from taizhang.people.models import Contract, Cycle, Post, Result


def own_or_everyone(queryset: QuerySet, user, user_field: str = "user") -> QuerySet:
    """The records in the user's scope: everyone's for those who read everyone's, else only the user's own."""
    queryset = queryset.visible_to(user)
    return queryset if policies.reads_everyone(user) else queryset.filter(**{user_field: user.pk})


def personal_or_404(user, queryset: QuerySet, pk: int, refusal: str):
    """One personal record in the user's scope (404 outside it); another person's is refused (403) to those who
    read only their own."""
    record = get_visible_or_404(queryset, user, pk=pk)
    if record.user_id != user.pk and not policies.reads_everyone(user):
        raise PermissionDenied(refusal)
    return record


def departments(user) -> QuerySet:
    """The departments (部门 nodes) of the units the user sees."""
    return OrgNode.objects.visible_to(user).filter(subtype=OrgNode.Subtype.DEPARTMENT).order_by("sort_order", "id")


def cycles(user) -> QuerySet:
    return Cycle.objects.visible_to(user).select_related("unit")


def overview(user, *, today) -> dict:
    """What the module's home page counts for a reader of everyone's records."""
    contracts = Contract.objects.visible_to(user).in_force(today)
    posts = Post.objects.visible_to(user).filter(is_active=True)
    counts = contracts.aggregate(
        active=Count("id"),
        ending=Count("id", filter=Q(ends_on__gte=today, ends_on__lte=today + timedelta(days=90))),
    )
    return {
        "departments": departments(user).count(),
        "posts": posts.count(),
        "active": counts["active"],
        "ending": counts["ending"],
        "cycles": list(cycles(user).annotate(assessed=Count("results"))[:6]),
    }


def my_results(user) -> QuerySet:
    """The user's results of locked cycles: a result is the person's to read once the committee has locked it."""
    return (
        Result.objects.filter(user_id=user.pk, cycle__status=Cycle.Status.LOCKED)
        .visible_to(user)
        .select_related("cycle")
        .order_by("-cycle__starts_on")
    )


def my_contracts(user) -> QuerySet:
    return Contract.objects.filter(user_id=user.pk).visible_to(user).select_related("post", "department")
