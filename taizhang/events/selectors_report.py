"""What the report reads: attendance per session and overall, the exhibition-sale's stalls and sales, the games'
results, the photos, and the brief's figures. A fixed number of queries whatever the event's size."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from taizhang.events.models import Closing, Event, EventPhoto, GameResult, Session, SignUp, VendorApplication
from taizhang.events.rules import brief as brief_rule
from taizhang.events.rules import places
from taizhang.org.scoping import get_visible_or_404

TAKEN = (VendorApplication.State.ALLOCATED, VendorApplication.State.CONFIRMED)
TOP_PRODUCTS = 5

CONFIRMED = Q(signups__state=places.CONFIRMED)
CHECKED_IN = Q(signups__checked_in_at__isnull=False)


@dataclass
class Attendance:
    """Sign-ups of one session, or of all of them (`session` None): sign-ups count teams for a team game."""

    session: Session | None
    confirmed: int = 0
    waiting: int = 0
    checked_in: int = 0
    no_shows: int = 0
    walk_ins: int = 0
    people: int = 0  # people of the confirmed sign-ups (teams with their members)
    people_checked_in: int = 0

    def add(self, other: Attendance) -> None:
        for name in ("confirmed", "waiting", "checked_in", "no_shows", "walk_ins", "people", "people_checked_in"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def is_team(self) -> bool:
        return self.session is not None and self.session.signup == Session.Signup.TEAM


@dataclass
class Sales:
    stalls: int = 0  # stalls taken (allocated or confirmed vendors)
    vendors_checked_in: int = 0
    reporting: int = 0
    total: Decimal = Decimal("0.00")
    top: list[VendorApplication] = field(default_factory=list)  # best sellers first


def _n(expr_filter: Q) -> Count:
    return Count("signups", filter=expr_filter)


def attendance(event: Event) -> tuple[list[Attendance], Attendance]:
    """One row per session taking sign-ups, in programme order, and the total (one query)."""
    sessions = (
        event.sessions.filter(~Q(signup=Session.Signup.NONE))
        .annotate(
            a_confirmed=_n(CONFIRMED),
            a_waiting=_n(Q(signups__state=places.WAITING)),
            a_checked_in=_n(CHECKED_IN),
            a_no_shows=_n(CONFIRMED & Q(signups__checked_in_at__isnull=True)),
            a_walk_ins=_n(Q(signups__source=SignUp.Source.WALK_IN) & ~Q(signups__state=places.CANCELLED)),
            a_people=Coalesce(Sum("signups__people", filter=CONFIRMED), 0),
            a_people_checked_in=Coalesce(Sum("signups__people", filter=CHECKED_IN), 0),
        )
        .order_by("sort_order", "starts_at", "id")
    )
    rows = [
        Attendance(
            s,
            s.a_confirmed,
            s.a_waiting,
            s.a_checked_in,
            s.a_no_shows,
            s.a_walk_ins,
            s.a_people,
            s.a_people_checked_in,
        )
        for s in sessions
    ]
    total = Attendance(None)
    for row in rows:
        total.add(row)
    return rows, total


def sales(event: Event) -> Sales:
    """Stalls taken, vendors checked in, and the sales the vendors reported (two queries)."""
    vendors = VendorApplication.objects.filter(event=event)
    sums = vendors.aggregate(
        stalls=Count("id", filter=Q(state__in=TAKEN, stall__isnull=False)),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        reporting=Count("id", filter=Q(sales__isnull=False)),
        total=Sum("sales"),
    )
    top = list(vendors.filter(sales__gt=0).select_related("stall").order_by(F("sales").desc(), "id")[:TOP_PRODUCTS])
    return Sales(sums["stalls"], sums["checked_in"], sums["reporting"], sums["total"] or Decimal("0.00"), top)


def reporting_vendors(event: Event) -> QuerySet[VendorApplication]:
    """The vendors whose sales a planner may enter: those given a stall, and any that reported."""
    return (
        VendorApplication.objects.filter(event=event)
        .filter(Q(state__in=TAKEN) | Q(sales__isnull=False))
        .select_related("stall")
        .order_by("stall__number", "id")
    )


def counted_crowd(total: Attendance, vendors: Sales) -> int:
    """What was counted on the day: people checked in (teams with their members, walk-ins too) and vendors."""
    return total.people_checked_in + vendors.vendors_checked_in


def games(event: Event) -> list[Session]:
    """The game sessions, each with `entries` (its results by place) (two queries)."""
    sessions = list(event.sessions.filter(kind=Session.Kind.GAME).order_by("sort_order", "starts_at", "id"))
    by_session: dict[int, list[GameResult]] = {}
    for result in GameResult.objects.filter(event=event).order_by("session_id", "place"):
        by_session.setdefault(result.session_id, []).append(result)
    for session in sessions:
        session.entries = by_session.get(session.pk, [])
    return sessions


def game_or_404(user, session_id: int) -> Session:
    return get_visible_or_404(
        Session.objects.select_related("event", "event__unit").filter(kind=Session.Kind.GAME), user, pk=session_id
    )


def entrant_choices(session: Session) -> list[str]:
    """Who may be placed: the session's checked-in sign-ups first, then its confirmed ones (team name or name)."""
    signups = session.signups.filter(Q(checked_in_at__isnull=False) | Q(state=places.CONFIRMED)).order_by(
        F("checked_in_at").asc(nulls_last=True), "signed_at", "id"
    )
    names = []
    for s in signups:
        name = s.team_name or s.name
        if name not in names:
            names.append(name)
    return names


def photos(event: Event) -> QuerySet[EventPhoto]:
    return EventPhoto.objects.filter(event=event, voided_at__isnull=True).order_by("uploaded_at", "id")


def photo_or_404(user, photo_id: int) -> EventPhoto:
    return get_visible_or_404(EventPhoto.objects.select_related("event"), user, pk=photo_id)


def closing(event: Event) -> Closing | None:
    return Closing.objects.filter(event=event).first()


@dataclass
class Report:
    event: Event
    closing: Closing | None
    rows: list[Attendance]
    total: Attendance
    sales: Sales
    vendors: list[VendorApplication]  # those given a stall or who reported sales
    games: list[Session]
    counted: int
    figures: brief_rule.BriefFigures
    generated: str  # the brief from the figures

    @property
    def brief(self) -> str:
        """The brief as edited, else as generated."""
        return (self.closing.brief if self.closing else "") or self.generated

    @property
    def crowd(self) -> int:
        return self.closing.crowd if self.closing else self.counted


def report(event: Event) -> Report:
    rows, total = attendance(event)
    vendor_sales = sales(event)
    played = games(event)
    kinds = dict(event.sessions.values("kind").annotate(n=Count("id")).values_list("kind", "n"))
    found_closing = closing(event)
    counted = counted_crowd(total, vendor_sales)
    figures = brief_rule.BriefFigures(
        day=event.starts_on,
        unit=event.unit.name,
        event=event.name,
        place=event.place,
        stalls=vendor_sales.stalls,
        crowd=found_closing.crowd if found_closing else counted,
        shows=kinds.get(Session.Kind.SHOW, 0),
        pickings=kinds.get(Session.Kind.PICKING, 0),
        games=kinds.get(Session.Kind.GAME, 0),
        winners=tuple(
            brief_rule.Winner(g.name, g.entries[0].entrant) for g in played if g.entries and g.entries[0].place == 1
        ),
        vendors_reporting=vendor_sales.reporting,
        sales=vendor_sales.total,
    )
    return Report(
        event,
        found_closing,
        rows,
        total,
        vendor_sales,
        list(reporting_vendors(event)),
        played,
        counted,
        figures,
        brief_rule.brief(figures),
    )
