"""The to-do "合同即将到期" in the one inbox (hub.tasks has the contract): the unit's active contracts ending within
the next 90 days, for each member of the assessment committee and the unit admin to renew or let end. One query."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, QuerySet
from django.urls import reverse

from taizhang.hub.tasks import Audience, Task, TaskCount, count_of
from taizhang.org.models import Role
from taizhang.people.models import Committee, Contract
from taizhang.people.rules.posts import ENDING_DAYS


def _ending(audience: Audience) -> QuerySet[Contract]:
    """The unit's contracts ending soon when the audience is on its committee; membership is asked inside the same
    query (the menu badge counts every kind on every page)."""
    user = audience.user
    if not audience.unit_id:
        return Contract.objects.none()
    found = (
        Contract.objects.visible_to(user)
        .in_force(audience.today)
        .filter(unit_id=audience.unit_id, ends_on__lte=audience.today + timedelta(days=ENDING_DAYS))
    )
    if user.role == Role.UNIT_ADMIN:
        return found
    return found.filter(
        Exists(Committee.objects.filter(unit_id=audience.unit_id, user_id=user.pk, ended_at__isnull=True))
    )


def ending_contracts(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = (
        _ending(audience)
        .order_by("ends_on", "id")
        .values("id", "ends_on", "user__full_name", "user__username", "post__name", "department__name")
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        Task(
            title="办理续聘或到期终止",
            subject=f"{row['user__full_name'] or row['user__username']} · {row['department__name']} · {row['post__name']}",
            url=reverse("people:contract_detail", args=[row["id"]]),
            due=row["ends_on"],
            user_id=audience.user_id,
            detail=f"聘期至 {row['ends_on']:%Y-%m-%d}",
        )
        for row in rows
    ]


def ending_count(audience: Audience) -> TaskCount:
    return count_of(_ending(audience), "ends_on", audience.today)
