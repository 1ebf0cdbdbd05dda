"""The unit's events and their programmes."""

from __future__ import annotations

from datetime import date, time

from ninja import Router, Schema

from taizhang.events import selectors

router = Router(tags=["活动"])


class EventSessionOut(Schema):
    id: int
    name: str
    kind: str
    starts_at: time | None
    ends_at: time | None
    place: str
    signup: str
    capacity: int | None
    confirmed: int
    waiting: int
    checked_in: int


class EventItemOut(Schema):
    id: int
    unit: str
    name: str
    starts_on: date
    place: str
    published: bool
    finished: bool


class EventDetailOut(EventItemOut):
    sessions: list[EventSessionOut]


def _event(event) -> dict:
    return {
        "id": event.pk,
        "unit": event.unit.name,
        "name": event.name,
        "starts_on": event.starts_on,
        "place": event.place,
        "published": event.published,
        "finished": event.finished,
    }


@router.get("/events", response=list[EventItemOut], summary="活动列表")
def event_list(request, q: str = "", when: str = ""):
    return [_event(e) for e in selectors.event_list(request.user, q=q, when=when)[:200]]


@router.get("/events/{event_id}", response=EventDetailOut, summary="一个活动及其场次")
def event_detail(request, event_id: int):
    event = selectors.event_or_404(request.user, event_id)
    sessions = [
        {
            "id": s.pk,
            "name": s.name,
            "kind": s.kind,
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "place": s.place,
            "signup": s.signup,
            "capacity": s.capacity,
            "confirmed": s.n_confirmed,
            "waiting": s.n_waiting,
            "checked_in": s.n_checked_in,
        }
        for s in selectors.sessions_with_counts(event)
    ]
    return {**_event(event), "sessions": sessions}
