"""Scoped reads of an event's sign-ups: the office's list with its filters, a session's places and waiting line,
what a new capacity would move (worked out with rules.places, nothing written), and the phone as the reader may
read it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from taizhang.core.rules import mask_phone
from taizhang.events import policies
from taizhang.events.models import Event, Session, SignUp
from taizhang.events.rules import places
from taizhang.org.scoping import get_visible_or_404


def signup_list(
    event: Event,
    *,
    q: str = "",
    session: int | None = None,
    state: str = "",
    village: str = "",
    checked_in: str = "",
) -> QuerySet[SignUp]:
    """The event's sign-ups in the order they were made; `checked_in` "yes"/"no"."""
    found = SignUp.objects.filter(event=event).select_related("session")
    if q:
        found = found.filter(Q(name__icontains=q) | Q(phone__contains=q) | Q(team_name__icontains=q))
    if session:
        found = found.filter(session_id=session)
    if state:
        found = found.filter(state=state)
    if village:
        found = found.filter(village=village)
    if checked_in == "yes":
        found = found.filter(checked_in_at__isnull=False)
    elif checked_in == "no":
        found = found.filter(checked_in_at__isnull=True)
    return found.order_by("session__sort_order", "session_id", "signed_at", "id")


def villages(event: Event) -> list[str]:
    """The 村居 the event's sign-ups name, as filter choices."""
    return sorted(set(SignUp.objects.filter(event=event).exclude(village="").values_list("village", flat=True)))


def signup_or_404(user, signup_id: int) -> SignUp:
    return get_visible_or_404(SignUp.objects.select_related("session", "event", "event__unit"), user, pk=signup_id)


@dataclass
class Lines:
    """A session's sign-ups as its page shows them: the places in order, the waiting line, the cancelled."""

    confirmed: list[SignUp]
    waiting: list[SignUp]
    cancelled: list[SignUp]


def session_lines(session: Session) -> Lines:
    found = list(SignUp.objects.filter(session=session).order_by("signed_at", "id"))
    by_state = {state: [s for s in found if s.state == state] for state, _ in places.STATES}
    return Lines(by_state[places.CONFIRMED], by_state[places.WAITING], by_state[places.CANCELLED])


def capacity_preview(session: Session, capacity: int | None) -> tuple[list[SignUp], list[SignUp]]:
    """Who a new capacity would move: (up from the waiting list, back to it), as `signups.capacity_set` would."""
    lines = session_lines(session)
    confirmed = [s.as_entry() for s in lines.confirmed]
    back_ids = places.to_demote(capacity, confirmed) if capacity is not None else []
    still = len(confirmed) - len(back_ids)
    up_ids = places.to_promote(capacity, still, [s.as_entry() for s in lines.waiting])
    by_id = {s.pk: s for s in lines.confirmed + lines.waiting}
    return [by_id[pk] for pk in up_ids], [by_id[pk] for pk in back_ids]


def phone_reader(user, event: Event):
    """The phone as `user` may read it on `event`'s pages: whole, or masked."""
    if policies.reads_phones(user, event):
        return lambda phone: phone
    return mask_phone
