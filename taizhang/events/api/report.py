"""An event's figures and brief after it (the report page's data)."""

from __future__ import annotations

from decimal import Decimal

from ninja import Router, Schema

from taizhang.events import selectors, selectors_report

router = Router(tags=["活动"])


class EventAttendanceOut(Schema):
    session: str
    confirmed: int
    waiting: int
    checked_in: int
    no_shows: int
    walk_ins: int
    people: int
    people_checked_in: int


class EventResultOut(Schema):
    game: str
    place: int
    entrant: str
    score: str
    prize: str


class EventReportOut(Schema):
    id: int
    name: str
    finished: bool
    crowd: int
    counted: int
    stalls: int
    vendors_reporting: int
    sales_total: Decimal
    sessions: list[EventAttendanceOut]
    total: EventAttendanceOut
    results: list[EventResultOut]
    brief: str


def _attendance(row, name: str) -> dict:
    fields = ("confirmed", "waiting", "checked_in", "no_shows", "walk_ins", "people", "people_checked_in")
    return {"session": name, **{f: getattr(row, f) for f in fields}}


@router.get("/events/{event_id}/report", response=EventReportOut, summary="活动的数据与简报")
def event_report(request, event_id: int):
    event = selectors.event_or_404(request.user, event_id)
    found = selectors_report.report(event)
    return {
        "id": event.pk,
        "name": event.name,
        "finished": event.finished,
        "crowd": found.crowd,
        "counted": found.counted,
        "stalls": found.sales.stalls,
        "vendors_reporting": found.sales.reporting,
        "sales_total": found.sales.total,
        "sessions": [_attendance(r, r.session.name) for r in found.rows],
        "total": _attendance(found.total, "合计"),
        "results": [
            {"game": g.name, "place": r.place, "entrant": r.entrant, "score": r.score, "prize": r.prize}
            for g in found.games
            for r in g.entries
        ],
        "brief": found.brief,
    }
