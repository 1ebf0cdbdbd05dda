"""The day of the event: a code checked in, the live dashboard's figures. Scoped like the pages."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from taizhang.events import checkin as service
from taizhang.events import selectors, selectors_checkin
from taizhang.events.rules import codes

router = Router(tags=["活动签到"])


class EventCheckInIn(Schema):
    code: str = ""  # an empty code is refused as unknown, after the event's scope


class EventCheckInOut(Schema):
    kind: str  # signup / vendor
    name: str
    session: str  # the session's name, or the vendor's stall
    code: str
    checked_in_at: datetime


class EventDashboardSession(Schema):
    id: int
    name: str
    capacity: int | None
    confirmed: int
    waiting: int
    checked_in: int


class EventDashboardRecent(Schema):
    name: str
    what: str
    at: datetime


class EventDashboardOut(Schema):
    checked_in: int
    people_checked_in: int
    walk_ins: int
    waiting: int
    stalls_total: int
    stalls_allocated: int
    stalls_occupied: int
    sessions: list[EventDashboardSession]
    recent: list[EventDashboardRecent]


@router.post("/events/{event_id}/checkin", response=EventCheckInOut, summary="凭签到码签到")
def check_in(request, event_id: int, payload: EventCheckInIn):
    event = selectors.event_or_404(request.user, event_id)
    found = service.check_in(actor=request.user, event=event, code=payload.code)  # refusals: 400/403 (api_errors)
    record = found.record
    if found.is_vendor:
        name, what = record.holder, f"摊位 {record.stall.number}" if record.stall else "摊主"
    else:
        name, what = str(record), record.session.name
    return {
        "kind": found.kind,
        "name": name,
        "session": what,
        "code": codes.shown(record.code),
        "checked_in_at": record.checked_in_at,
    }


@router.get("/events/{event_id}/dashboard", response=EventDashboardOut, summary="现场看板")
def dashboard(request, event_id: int):
    event = selectors.event_or_404(request.user, event_id)
    board = selectors_checkin.dashboard(event)
    f = board.figures
    return {
        "checked_in": f.checked_in,
        "people_checked_in": f.people_checked_in,
        "walk_ins": f.walk_ins,
        "waiting": f.waiting,
        "stalls_total": board.stalls_total,
        "stalls_allocated": f.stalls_allocated,
        "stalls_occupied": f.stalls_occupied,
        "sessions": [
            {
                "id": s.pk,
                "name": s.name,
                "capacity": s.capacity,
                "confirmed": s.n_confirmed,
                "waiting": s.n_waiting,
                "checked_in": s.n_checked_in,
            }
            for s in board.sessions
        ],
        "recent": [{"name": r.name, "what": r.what, "at": r.at} for r in board.recent],
    }
