"""Overdue approval items in the inbox (hub.tasks has the contract): for the project's 帮办 officer, and for the
unit admin every overdue item of the unit. Overdue = today is after the item's stored `watch_on` (its first unmet
clock), so the count is one aggregate query."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from taizhang.enterprise.models import ApprovalItem
from taizhang.hub.tasks import Audience, Task, TaskCount, count_of
from taizhang.org.models import Role


def _overdue(audience: Audience) -> QuerySet[ApprovalItem]:
    found = ApprovalItem.objects.visible_to(audience.user).filter(unit_id=audience.unit_id, watch_on__lt=audience.today)
    if audience.user.role != Role.UNIT_ADMIN:
        found = found.filter(project__accompaniment__officer_id=audience.user_id)
    return found


def overdue_items(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = (
        _overdue(audience)
        .order_by("watch_on", "id")
        .values("id", "name", "department", "watch_on", "first_contact_on", "project_id", "project__name")
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        Task(
            title=f"审批事项超期：{row['name']}" + ("（未首次联系）" if row["first_contact_on"] is None else ""),
            subject=f"{row['project__name']} · {row['department']}",
            url=reverse("enterprise:approval_board", args=[row["project_id"]]),
            due=row["watch_on"],
            user_id=audience.user_id,
            detail="全程帮办",
        )
        for row in rows
    ]


def overdue_count(audience: Audience) -> TaskCount:
    return count_of(_overdue(audience), "watch_on", audience.today)
