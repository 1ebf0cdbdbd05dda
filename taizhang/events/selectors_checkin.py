"""Reads of the day of the event: a ticket through its private link, the live dashboard's figures, the last
check-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, Sum
from django.http import Http404

from taizhang.events.models import Event, Session, SignUp, Stall, VendorApplication
from taizhang.events.rules import checkin, places
from taizhang.events.selectors import sessions_with_counts


def signup_by_token_or_404(token: str) -> SignUp:
    found = SignUp.objects.select_related("event", "event__unit", "session").filter(token=token).first()
    if found is None:
        raise Http404("没有这个报名")
    return found


def vendor_by_token_or_404(token: str) -> VendorApplication:
    found = VendorApplication.objects.select_related("event", "event__unit", "stall").filter(token=token).first()
    if found is None:
        raise Http404("没有这个摊主")
    return found


@dataclass(frozen=True)
class Recent:
    name: str
    what: str  # the session's name, or 摊位 A-01
    at: datetime


@dataclass(frozen=True)
class Figures:
    checked_in: int  # sign-ups checked in
    people_checked_in: int  # the people they bring (a team counts its members)
    walk_ins: int
    waiting: int
    stalls_allocated: int
    stalls_occupied: int  # a vendor holding the stall has checked in


@dataclass(frozen=True)
class Dashboard:
    figures: Figures
    sessions: list[Session]  # taking sign-ups, with n_confirmed, n_waiting, n_checked_in
    stalls_total: int
    recent: list[Recent]  # the last ten check-ins, latest first


def figures(event: Event) -> Figures:
    """The day's counts in two queries (the event page's card, the dashboard)."""
    signups = event.signups.aggregate(
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        people=Sum("people", filter=Q(checked_in_at__isnull=False)),
        walk_ins=Count("pk", filter=Q(source=SignUp.Source.WALK_IN) & ~Q(state=places.CANCELLED)),
        waiting=Count("pk", filter=Q(state=places.WAITING)),
    )
    with_stall = Q(stall__isnull=False, state__in=checkin.VENDOR_WITH_STALL)
    stalls = event.vendors.aggregate(
        allocated=Count("pk", filter=with_stall),
        occupied=Count("pk", filter=with_stall & Q(checked_in_at__isnull=False)),
    )
    return Figures(
        checked_in=signups["checked_in"],
        people_checked_in=signups["people"] or 0,
        walk_ins=signups["walk_ins"],
        waiting=signups["waiting"],
        stalls_allocated=stalls["allocated"],
        stalls_occupied=stalls["occupied"],
    )


def recent(event: Event, n: int = 10) -> list[Recent]:
    """The last `n` check-ins of residents and vendors, latest first (names only)."""
    found = [
        Recent(s.team_name or s.name, s.session.name, s.checked_in_at)
        for s in event.signups.filter(checked_in_at__isnull=False)
        .select_related("session")
        .order_by("-checked_in_at", "-pk")[:n]
    ] + [
        Recent(v.holder, f"摊位 {v.stall.number}" if v.stall else "摊主", v.checked_in_at)
        for v in event.vendors.filter(checked_in_at__isnull=False)
        .select_related("stall")
        .order_by("-checked_in_at")[:n]
    ]
    found.sort(key=lambda r: r.at, reverse=True)
    return found[:n]


def dashboard(event: Event) -> Dashboard:
    return Dashboard(
        figures=figures(event),
        sessions=[s for s in sessions_with_counts(event) if s.takes_signups],
        stalls_total=Stall.objects.filter(event=event).count(),
        recent=recent(event),
    )
