"""Scoped reads of events and their programmes that pages, API, figures and to-dos share."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from taizhang.events.models import Event, Session
from taizhang.events.rules import places
from taizhang.org.scoping import get_visible_or_404


def event_list(user, *, q: str = "", when: str = "") -> QuerySet[Event]:
    """The events in scope, latest first; `when`: "upcoming" (not finished) or "past" (finished)."""
    found = Event.objects.visible_to(user).select_related("unit")
    if q:
        found = found.filter(Q(name__icontains=q) | Q(place__icontains=q))
    if when == "upcoming":
        found = found.filter(finished=False)
    elif when == "past":
        found = found.filter(finished=True)
    return found.order_by("-starts_on", "name")


def event_or_404(user, event_id: int) -> Event:
    return get_visible_or_404(Event.objects.select_related("unit"), user, pk=event_id)


def session_or_404(user, session_id: int) -> Session:
    return get_visible_or_404(Session.objects.select_related("event", "event__unit", "lead"), user, pk=session_id)


def sessions_with_counts(event: Event) -> QuerySet[Session]:
    """The event's programme, each session with its confirmed, waiting and checked-in counts (one query)."""
    return (
        event.sessions.select_related("lead")
        .annotate(
            n_confirmed=Count("signups", filter=Q(signups__state=places.CONFIRMED)),
            n_waiting=Count("signups", filter=Q(signups__state=places.WAITING)),
            n_checked_in=Count("signups", filter=Q(signups__checked_in_at__isnull=False)),
        )
        .order_by("sort_order", "starts_at", "id")
    )


def published_or_404(public_key: str) -> Event:
    """The event a public page names by its key, while its page is published; anything else is a 404."""
    event = Event.objects.select_related("unit").filter(public_key=public_key, published=True).first()
    if event is None:
        raise Http404("没有这个活动页面")
    return event
