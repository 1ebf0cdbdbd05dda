"""The module's figure for the cockpit (contract: taizhang.hub.metrics).

compute(*, unit_ids, as_of, month) -> {(unit_id, community_id or None): Value}: every unit asked for in one grouped
query; a running total as of a day, so `month` is unused (Metric.monthly=False).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from taizhang.core.manifest import Value
from tests.example_module.models import Note


def open_notes(*, unit_ids, as_of: date, month=None) -> dict[tuple[int, int | None], Value]:
    """Notes registered by `as_of` and not closed by then, per 村居."""
    rows = (
        Note.objects.filter(unit_id__in=list(unit_ids), opened_on__lte=as_of)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=as_of))
        .values("unit_id", "community_id")
        .annotate(count=Count("id"))
    )
    return {(row["unit_id"], row["community_id"]): Value(row["count"]) for row in rows}
