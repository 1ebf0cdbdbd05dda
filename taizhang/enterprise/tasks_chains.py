"""The to-do "招商目标跟进" in the one inbox (hub.tasks has the contract): the targets assigned to the user, not yet
turned into projects, whose next step falls within the coming week or has passed. One query."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.urls import reverse

from taizhang.enterprise.models import ChainTarget
from taizhang.hub.tasks import Audience, Task, TaskCount, count_of

AHEAD_DAYS = 7


def _due(audience: Audience) -> QuerySet[ChainTarget]:
    if not audience.unit_id:
        return ChainTarget.objects.none()
    return (
        ChainTarget.objects.visible_to(audience.user)
        .filter(unit_id=audience.unit_id, officer_id=audience.user_id)
        .exclude(status=ChainTarget.Status.PROJECT)
        .filter(next_on__lte=audience.today + timedelta(days=AHEAD_DAYS))
    )


def due_targets(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = (
        _due(audience)
        .order_by("next_on", "id")
        .values("id", "company", "status", "next_on", "link__name", "link__chain__name")
    )
    if limit is not None:
        rows = rows[:limit]
    labels = dict(ChainTarget.Status.choices)
    return [
        Task(
            title="跟进招商目标",
            subject=f"{row['company']} · {row['link__chain__name']}·{row['link__name']}",
            url=reverse("enterprise:target_edit", args=[row["id"]]),
            due=row["next_on"],
            user_id=audience.user_id,
            detail=labels[row["status"]],
        )
        for row in rows
    ]


def due_count(audience: Audience) -> TaskCount:
    return count_of(_due(audience), "next_on", audience.today)
