"""The to-do "活动筹备任务" in the one inbox (hub.tasks has the contract): the user's preparation tasks not done whose
deadline has passed or falls within the coming three days, for events not finished. One query."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.urls import reverse

from taizhang.events.models import PrepTask
from taizhang.events.rules.plan import DUE_SOON_DAYS
from taizhang.hub.tasks import Audience, Task, TaskCount, count_of


def _due(audience: Audience) -> QuerySet[PrepTask]:
    if not audience.unit_id:
        return PrepTask.objects.none()
    return PrepTask.objects.visible_to(audience.user).filter(
        unit_id=audience.unit_id,
        owner_id=audience.user_id,
        done_on__isnull=True,
        event__finished=False,
        due_on__lte=audience.today + timedelta(days=DUE_SOON_DAYS),
    )


def due_tasks(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = _due(audience).order_by("due_on", "id").values("id", "title", "due_on", "note", "event_id", "event__name")
    if limit is not None:
        rows = rows[:limit]
    return [
        Task(
            title="完成活动筹备任务",
            subject=f"{row['event__name']} · {row['title']}",
            url=reverse("events:tasks", args=[row["event_id"]]) + f"#task-{row['id']}",
            due=row["due_on"],
            user_id=audience.user_id,
            detail=row["note"],
        )
        for row in rows
    ]


def due_count(audience: Audience) -> TaskCount:
    return count_of(_due(audience), "due_on", audience.today)
