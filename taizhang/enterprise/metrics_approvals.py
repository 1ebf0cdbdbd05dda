"""审批事项按时办结率: approval items done by their due date ÷ items done, as of a day (contract in hub.metrics)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Q

from taizhang.core.manifest import Value
from taizhang.enterprise.models import ApprovalItem
from taizhang.enterprise.rules import approvals as rules


def _done(as_of: date):
    return ApprovalItem.objects.filter(status=rules.DONE, done_on__lte=as_of, due_on__isnull=False)


def _figures(found) -> dict:
    return found.aggregate(done=Count("id"), on_time=Count("id", filter=Q(done_on__lte=F("due_on"))))


def on_time_rate(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    rows = (
        _done(as_of)
        .filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(done=Count("id"), on_time=Count("id", filter=Q(done_on__lte=F("due_on"))))
    )
    return {(row["unit_id"], None): Value(row["on_time"], row["done"]) for row in rows}


def on_time_rate_of(user, *, as_of: date, month: date) -> Value | None:
    """The rate over the items of the projects the person accompanies (帮办专员); None for who accompanies none."""
    if not user.unit_id:
        return None
    figures = _figures(_done(as_of).filter(unit_id=user.unit_id, project__accompaniment__officer=user))
    return Value(figures["on_time"], figures["done"]) if figures["done"] else None
