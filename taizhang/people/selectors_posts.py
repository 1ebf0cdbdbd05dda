"""Scoped reads of posts and contracts: departments with their posts and vacancies, the contracts list with its
filters, one contract, a person's contracts over the years."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet

from taizhang.core.http import require
from taizhang.org.scoping import get_visible_or_404
from taizhang.people import policies, selectors
from taizhang.people.models import Contract, Post
from taizhang.people.models.posts import in_force_q

STATUS_FILTERS = dict(Contract.Status.choices)


def posts(user, *, today: date) -> QuerySet[Post]:
    """The posts the user sees, with how many hold each on a contract in force on `today`."""
    return (
        Post.objects.visible_to(user)
        .select_related("department", "unit")
        .annotate(held=Count("contracts", filter=in_force_q(today, "contracts__")))
        .order_by("unit__path", "department__sort_order", "department_id", "-is_active", "name")
    )


def departments_with_posts(user, *, today: date, department_id: int | None = None) -> list[dict]:
    """[{department, posts: [post with .held and .vacant]}] in the departments' order; posts of no listed
    department are left out."""
    found = posts(user, today=today)
    if department_id:
        found = found.filter(department_id=department_id)
    by_department: dict[int, list] = {}
    for post in found:
        post.vacant = vacant(post)
        by_department.setdefault(post.department_id, []).append(post)
    departments = selectors.departments(user)
    if department_id:
        departments = departments.filter(pk=department_id)
    return [{"department": d, "posts": by_department.get(d.pk, [])} for d in departments]


def vacant(post: Post) -> int:
    """How many more a post of posts() may take: none when it is out of use (停用)."""
    return max(post.headcount - post.held, 0) if post.is_active else 0


def vacancies(user, *, today: date) -> list[Post]:
    """Active posts with fewer holders (on contracts in force) than their head count."""
    result = []
    for post in posts(user, today=today).filter(is_active=True):
        post.vacant = vacant(post)
        if post.vacant > 0:
            result.append(post)
    return result


def post_or_404(user, post_id: int) -> Post:
    return get_visible_or_404(Post.objects.select_related("department", "unit"), user, pk=post_id)


def contract_list(
    user,
    *,
    today: date,
    q: str = "",
    department: int | None = None,
    status: str = "",
    ending_days: int | None = None,
) -> QuerySet[Contract]:
    """The contracts in the user's scope; `status` is the state read on `today` (Contract.state_on), `ending_days`
    keeps those in force that end within that many days."""
    found = selectors.own_or_everyone(Contract.objects.all(), user).select_related("post", "department", "user")
    if q:
        found = found.filter(
            Q(user__full_name__contains=q) | Q(user__username__startswith=q) | Q(post__name__contains=q)
        )
    if department:
        found = found.filter(department_id=department)
    if status in STATUS_FILTERS:
        found = found.in_state(status, today)
    if ending_days is not None:
        found = found.in_force(today).filter(ends_on__lte=today + timedelta(days=ending_days))
        return found.order_by("ends_on", "id")
    return found.order_by("department__sort_order", "department_id", "user__full_name", "-starts_on", "id")


def contract_or_404(user, contract_id: int) -> Contract:
    """A contract in the user's scope (else 404); a colleague's is refused (403) to those who read only their own."""
    contract = get_visible_or_404(
        Contract.objects.select_related("post", "department", "user", "unit", "renewal_of", "ended_by", "created_by"),
        user,
        pk=contract_id,
    )
    require(policies.reads_everyone(user) or contract.user_id == user.pk, "只能查看本人的聘任合同")
    return contract


def person_contracts(viewer, person) -> QuerySet[Contract]:
    """The person's contracts over the years as the viewer may read them."""
    found = selectors.own_or_everyone(Contract.objects.filter(user_id=person.pk), viewer)
    return found.select_related("post", "department").order_by("-starts_on", "-id")


def renewed_by(contract: Contract) -> Contract | None:
    return Contract.objects.filter(renewal_of=contract).select_related("post").first()
