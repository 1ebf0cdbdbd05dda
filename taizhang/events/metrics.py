"""The figures the events module publishes (declared in apps.py; contract in hub.metrics): 举办活动 (events finished
this year, by their date) and 活动参与人次 (their crowd estimates), per unit in one grouped query."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Sum

from taizhang.core.manifest import Value
from taizhang.events.models import Event
from taizhang.hub.metrics import shared


def _finished_this_year(unit_ids: list[int], as_of: date) -> dict[int, dict]:
    rows = (
        Event.objects.filter(unit_id__in=unit_ids, finished=True, starts_on__year=as_of.year, starts_on__lte=as_of)
        .values("unit_id")
        .annotate(n=Count("id"), crowd=Sum("closing__crowd"))
        .order_by()
    )
    return {r["unit_id"]: r for r in rows}


def _rows(unit_ids: list[int], as_of: date) -> dict[int, dict]:
    return shared(("events.finished", tuple(sorted(unit_ids)), as_of), lambda: _finished_this_year(unit_ids, as_of))


def events_held(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    return {(unit_id, None): Value(r["n"]) for unit_id, r in _rows(unit_ids, as_of).items()}


def attendance(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    return {(unit_id, None): Value(r["crowd"]) for unit_id, r in _rows(unit_ids, as_of).items() if r["crowd"]}
