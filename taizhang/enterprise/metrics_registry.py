"""The zone's enterprise counts as of a day (在园企业, 规上企业, 四新企业), per unit in one grouped query shared by the
three figures. An enterprise is in the zone on a day when it had settled by then (its 入园日期, or when it was
registered in the system if that is not known) and had not left or closed before it. Tags are as they stand today."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from taizhang.core.manifest import Value
from taizhang.enterprise.models import Enterprise
from taizhang.enterprise.rules import tags as tag_rules
from taizhang.hub.metrics import end_of_day, shared


def _four_new() -> Q:
    any_of = Q()
    for field in sorted(tag_rules.FOUR_NEW):
        any_of |= Q(**{field: True})
    return any_of


def in_zone_on(as_of: date) -> Q:
    settled = Q(settled_on__lte=as_of) | Q(settled_on__isnull=True, created_at__lt=end_of_day(as_of))
    return settled & (Q(status=Enterprise.Status.ACTIVE) | Q(left_on__gt=as_of))


def _counts(unit_ids: list[int], as_of: date) -> dict[int, tuple[int, int, int]]:
    rows = (
        Enterprise.objects.filter(unit_id__in=unit_ids)
        .filter(in_zone_on(as_of))
        .values("unit_id")
        .annotate(n=Count("id"), above=Count("id", filter=Q(tag_above_scale=True)), new=Count("id", filter=_four_new()))
        .order_by()
    )
    return {row["unit_id"]: (row["n"], row["above"], row["new"]) for row in rows}


def _column(unit_ids: list[int], as_of: date, column: int) -> dict:
    counts = shared(("enterprise.counts", tuple(unit_ids), as_of), lambda: _counts(unit_ids, as_of))
    return {(unit_id, None): Value(row[column]) for unit_id, row in counts.items() if row[column]}


def in_zone(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    return _column(unit_ids, as_of, 0)


def above_scale(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    return _column(unit_ids, as_of, 1)


def four_new(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    return _column(unit_ids, as_of, 2)
