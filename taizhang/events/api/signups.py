"""An event's sign-ups (phones as the reader may read them), a session's waiting line, a sign-up made by staff."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema, Status

from taizhang.events import policies, selectors, signups
from taizhang.events import selectors_signups as found_signups
from taizhang.events.models import SignUp

router = Router(tags=["活动"])
LIMIT = 500


class EventSignupOut(Schema):
    id: int
    session_id: int
    session: str
    name: str
    phone: str
    team_name: str
    people: int
    village: str
    signed_at: datetime
    state: str
    source: str
    checked_in_at: datetime | None
    waiting_position: int | None = None


class EventSignupIn(Schema):
    session_id: int
    name: str
    phone: str
    village: str = ""
    team_name: str = ""
    members: str = ""


def _out(signup: SignUp, read, position: int | None = None) -> dict:
    return {
        "id": signup.pk,
        "session_id": signup.session_id,
        "session": signup.session.name,
        "name": signup.name,
        "phone": read(signup.phone),
        "team_name": signup.team_name,
        "people": signup.people,
        "village": signup.village,
        "signed_at": signup.signed_at,
        "state": signup.state,
        "source": signup.source,
        "checked_in_at": signup.checked_in_at,
        "waiting_position": position,
    }


@router.get("/events/{event_id}/signups", response=list[EventSignupOut], summary="活动的报名名单")
def signup_list(
    request,
    event_id: int,
    q: str = "",
    session: int | None = None,
    state: str = "",
    village: str = "",
    checked_in: str = "",
):
    event = selectors.event_or_404(request.user, event_id)
    read = found_signups.phone_reader(request.user, event)
    found = found_signups.signup_list(event, q=q, session=session, state=state, village=village, checked_in=checked_in)
    return [_out(s, read) for s in found[:LIMIT]]


@router.get("/sessions/{session_id}/waiting", response=list[EventSignupOut], summary="场次的候补名单（按顺序）")
def session_waiting(request, session_id: int):
    session = selectors.session_or_404(request.user, session_id)
    read = found_signups.phone_reader(request.user, session.event)
    waiting = found_signups.session_lines(session).waiting
    for signup in waiting:
        signup.session = session
    return [_out(s, read, n) for n, s in enumerate(waiting, start=1)]


@router.post("/events/{event_id}/signups", response={201: EventSignupOut}, summary="工作人员代为报名")
def signup_create(request, event_id: int, payload: EventSignupIn):
    event = selectors.event_or_404(request.user, event_id)
    if not policies.can_work(request.user, event):
        raise PermissionDenied("只有本活动的筹备人员和工作人员可以代为报名")
    session = event.sessions.filter(pk=payload.session_id).first()
    if session is None:
        raise ValidationError({"session": "本活动没有这个场次"})
    made = signups.signup_create(
        actor=request.user,
        session=session,
        name=payload.name,
        phone=payload.phone,
        source=SignUp.Source.STAFF,
        team_name=payload.team_name,
        members=payload.members,
        village=payload.village,
    )
    return Status(201, _out(made, found_signups.phone_reader(request.user, event), signups.waiting_position(made)))
