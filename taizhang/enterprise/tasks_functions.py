"""The to-do "移交职能督办" in the one inbox (hub.tasks has the contract): the supervision notes past their deadline
and not closed, in the inbox of the street that owes them — its unit admin and its staff (group leaders, field
workers). One query to count, one to collect; every query filters by the audience's unit."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from taizhang.enterprise.models import FunctionNote
from taizhang.enterprise.policies import WORKING_ROLES
from taizhang.enterprise.selectors_functions import overdue_notes
from taizhang.hub.tasks import Audience, Task, TaskCount, count_of


def _owed(audience: Audience) -> QuerySet[FunctionNote]:
    user = audience.user
    if not audience.unit_id or user.role not in WORKING_ROLES:
        return FunctionNote.objects.none()
    return FunctionNote.objects.filter(
        overdue_notes(audience.today), unit_id=audience.unit_id, function__withdrawn_on__isnull=True
    )


def overdue_notes_due(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = (
        _owed(audience)
        .order_by("deadline", "id")
        .values("id", "deadline", "text", "answered_on", "function__number", "function__name", "handed_by__name")
    )
    if limit is not None:
        rows = rows[:limit]
    return [
        Task(
            title="整改并答复" if row["answered_on"] is None else "已答复，待移交单位销号",
            subject=f"{row['handed_by__name']} · 第{row['function__number']}项 {row['function__name']}",
            url=reverse("enterprise:function_note", args=[row["id"]]),
            due=row["deadline"],
            user_id=audience.user_id,
            detail=row["text"][:60],
        )
        for row in rows
    ]


def overdue_notes_count(audience: Audience) -> TaskCount:
    return count_of(_owed(audience), "deadline", audience.today)
