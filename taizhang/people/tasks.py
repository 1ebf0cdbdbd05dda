"""The committee's to-dos: open appeals to answer (the inbox computes them live from the appeals)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists
from django.urls import reverse
from django.utils import timezone

from taizhang.hub.tasks import Task, TaskCount, count_of
from taizhang.org.models import Role
from taizhang.people.models import Appeal, Committee

ANSWER_WITHIN_DAYS = 15


def _open_appeals(audience):
    """The unit's open appeals, for its admin or a committee member — decided in the same query (one COUNT for the
    menu badge, whoever asks)."""
    user = audience.user
    if audience.unit_id is None:
        return Appeal.objects.none()
    appeals = Appeal.objects.filter(unit_id=audience.unit_id, status=Appeal.Status.OPEN)
    if user.is_superuser or user.role == Role.UNIT_ADMIN:
        return appeals
    return appeals.filter(
        Exists(Committee.objects.filter(unit_id=audience.unit_id, user_id=user.pk, ended_at__isnull=True))
    )


def open_appeals(audience, *, limit=None) -> list[Task]:
    appeals = _open_appeals(audience).select_related("result__cycle", "user").order_by("filed_at", "id")
    if limit is not None:
        appeals = appeals[:limit]
    return [
        Task(
            title="答复考核申诉",
            subject=f"{appeal.user.full_name} · {appeal.result.cycle.code}",
            url=reverse("people:appeal_answer", args=[appeal.pk]),
            due=timezone.localdate(appeal.filed_at) + timedelta(days=ANSWER_WITHIN_DAYS),
            user_id=audience.user_id,
            detail=appeal.reason[:80],
        )
        for appeal in appeals
    ]


def appeal_count(audience) -> TaskCount:
    return count_of(_open_appeals(audience), None, audience.today)
