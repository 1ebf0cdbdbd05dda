"""What the public pages read: a published event's programme with each session's places, a session of that event
taking sign-ups, and a sign-up through its private link. Nothing here reads a sign-up's person except by its token."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from taizhang.events import selectors, signups
from taizhang.events.models import Event, Session, SignUp
from taizhang.events.rules import public


@dataclass(frozen=True)
class PublicSession:
    session: Session
    places: str  # "余 12 个名额" / "名额已满，可报名候补（前面 3 人）"
    full: bool


def programme(event: Event) -> list[PublicSession]:
    """The event's sessions in programme order, those taking sign-ups with what is left of their places."""
    found = []
    for s in selectors.sessions_with_counts(event):
        team = s.signup == Session.Signup.TEAM
        full = s.capacity is not None and s.n_confirmed >= s.capacity
        text = public.places_text(s.capacity, s.n_confirmed, s.n_waiting, team=team) if s.takes_signups else ""
        found.append(PublicSession(s, text, full))
    return found


def signup_session_or_404(event: Event, session_id: int) -> PublicSession:
    """A session of this published event that takes sign-ups; any other id (another event's session) is a 404."""
    for item in programme(event):
        if item.session.pk == session_id and item.session.takes_signups:
            return item
    raise Http404("没有这个报名场次")


def signup_by_token_or_404(token: str) -> SignUp:
    """The sign-up a private link names: its token is the only key."""
    found = SignUp.objects.select_related("event", "event__unit", "session").filter(token=token).first()
    if found is None:
        raise Http404("链接无效")
    return found


@dataclass(frozen=True)
class HolderView:
    """What the private page shows of a sign-up."""

    state: str  # 已报名 / 候补第 N 位 / 已取消
    may_cancel: bool


def holder_view(signup: SignUp) -> HolderView:
    return HolderView(
        state=public.state_text(signup.state, signups.waiting_position(signup)),
        may_cancel=public.may_cancel(
            state=signup.state, checked_in=signup.checked_in_at is not None, finished=signup.event.finished
        ),
    )
