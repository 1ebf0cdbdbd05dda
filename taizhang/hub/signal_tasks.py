"""疑点待核实 (tasks.SIGNAL_REVIEW), the kernel's own to-do kind: the unit admin's (and the auditor's, within their
scope) open signals — not reviewed, still found — each due a week after it was found. The collect contract is
taizhang.hub.tasks'."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from taizhang.hub.tasks import Audience, Task, TaskCount
from taizhang.integrity import rules
from taizhang.integrity.kinds import kind_labels
from taizhang.integrity.selectors import visible_signals
from taizhang.org.models import Role

# The leaders read signals but the inbox is for those who look into them.
INBOX_ROLES = {Role.UNIT_ADMIN, Role.AUDITOR}


def _open_signals(audience):
    user = audience.user
    if getattr(user, "role", None) not in INBOX_ROLES:
        return None
    return visible_signals(user).filter(verdict="", gone_at__isnull=True)


def _found_before(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def collect(audience: Audience, *, limit: int | None = None) -> list[Task]:
    signals = _open_signals(audience)
    if signals is None:
        return []
    signals = signals.select_related("unit").order_by("found_at", "id")
    if limit is not None:
        signals = signals[:limit]
    labels = kind_labels()
    several_units = audience.user.unit_id is None
    return [
        Task(
            title="核实疑点",
            subject=f"{labels.get(s.kind, s.kind)} · {s.day:%m-%d}" + (f" · {s.unit.name}" if several_units else ""),
            url=reverse("integrity:detail", args=[s.pk]),
            due=rules.review_due(timezone.localdate(s.found_at)),
            user_id=audience.user_id,
            detail=s.detail,
        )
        for s in signals
    ]


def count(audience: Audience) -> TaskCount:
    signals = _open_signals(audience)
    if signals is None:
        return TaskCount()
    # Overdue: due (found + REVIEW_DAYS) before today, i.e. found before the start of today - REVIEW_DAYS.
    late = _found_before(audience.today - timedelta(days=rules.REVIEW_DAYS))
    figures = signals.order_by().aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(found_at__lt=late)))
    return TaskCount(figures["total"], figures["overdue"])
