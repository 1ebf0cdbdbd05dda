"""The pipeline's to-dos in the one inbox (hub.tasks has the contract): 招商跟进到期 — a live project's latest
follow-up set a next action whose day has come, and no newer follow-up has been recorded; the project's officer acts.
One query to collect, one to count."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from taizhang.enterprise.models import FollowUp
from taizhang.enterprise.selectors_pipeline import latest_follow_ups
from taizhang.hub.tasks import Audience, Task, TaskCount, count_of


def _due(audience: Audience) -> QuerySet[FollowUp]:
    return (
        latest_follow_ups()
        .filter(
            unit_id=audience.unit_id,
            project__officer_id=audience.user_id,
            project__dropped_on__isnull=True,
            next_on__lte=audience.today,
        )
        .exclude(project__stage="performing")
    )


def follow_up_tasks(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = _due(audience).order_by("next_on", "id").values("project_id", "project__name", "next_action", "next_on")
    if limit is not None:
        rows = rows[:limit]
    return [
        Task(
            title=f"招商跟进：{row['next_action']}",
            subject=row["project__name"],
            url=reverse("enterprise:project_detail", args=[row["project_id"]]) + "#follow-ups",
            due=row["next_on"],
            user_id=audience.user_id,
            detail="到期后还没有新的跟进记录",
        )
        for row in rows
    ]


def follow_up_count(audience: Audience) -> TaskCount:
    return count_of(_due(audience), "next_on", audience.today)
