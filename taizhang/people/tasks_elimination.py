"""刚性淘汰 to-dos for the unit's assessment committee (its members and the unit admin), one query each:
recommendations waiting for a decision or a 解聘 in force to carry out, and appeals waiting for an answer."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse

from taizhang.hub.tasks import Audience, Task, TaskCount, count_of
from taizhang.people import policies
from taizhang.people.models import Recommendation

R = Recommendation


def _mine(audience: Audience) -> QuerySet[Recommendation]:
    if not policies.can_manage(audience.user, audience.unit_id):
        return R.objects.none()
    return R.objects.visible_to(audience.user).filter(unit_id=audience.unit_id)


def _decisions(audience: Audience) -> QuerySet[Recommendation]:
    due = Q(
        status=R.Status.ACCEPTED,
        decision=R.Decision.DISMISS,
        enforced_at__isnull=True,
        appeal=R.Appeal.NONE,
        appeal_until__lt=audience.today,
    )
    return _mine(audience).filter(Q(status=R.Status.OPEN) | due)


def _tasks(rows, audience: Audience, title) -> list[Task]:
    return [
        Task(
            title=title(rec),
            subject=f"{rec.user.full_name or rec.user.username} · {rec.cycle.code} · {rec.rule_text}",
            url=reverse("people:elimination_detail", args=[rec.pk]),
            due=rec.appeal_until if rec.status == R.Status.ACCEPTED else None,
            user_id=audience.user_id,
        )
        for rec in rows
    ]


def decision_tasks(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = _decisions(audience).select_related("user", "cycle").order_by("cycle__starts_on", "id")
    rows = rows[:limit] if limit is not None else rows
    return _tasks(rows, audience, lambda r: "执行解聘决定" if r.status == R.Status.ACCEPTED else "决定淘汰建议")


def decision_count(audience: Audience) -> TaskCount:
    return count_of(_decisions(audience), None, audience.today)


def _appeals(audience: Audience) -> QuerySet[Recommendation]:
    return _mine(audience).filter(appeal=R.Appeal.PENDING)


def appeal_tasks(audience: Audience, *, limit: int | None = None) -> list[Task]:
    rows = _appeals(audience).select_related("user", "cycle").order_by("appealed_at", "id")
    rows = rows[:limit] if limit is not None else rows
    return _tasks(rows, audience, lambda r: "答复淘汰决定申诉")


def appeal_count(audience: Audience) -> TaskCount:
    return count_of(_appeals(audience), None, audience.today)
