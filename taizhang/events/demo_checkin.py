"""The day of the demo's 2020 festival (9月19日): most confirmed sign-ups and the vendors with a stall checked in
between 08:10 and 14:30 by the event's assigned staff (or 崔寨街道's admin), a few no-shows, and about fifteen
walk-ins at the picking slots; next year's festival has no check-in yet. Through the services, at the moment each
check-in happens; an event with a check-in already is left alone, so re-running changes nothing."""

from __future__ import annotations

import contextlib
import random
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from taizhang.core import clock
from taizhang.events import checkin, policies
from taizhang.events.models import Event, Session
from taizhang.events.rules import places
from taizhang.org.models import User

FIRST, LAST = time(8, 10), time(14, 30)
NO_SHOW = 0.08  # the share of confirmed sign-ups who do not come
WALK_INS = 15
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗侯崔韩"
GIVEN = "秀英桂兰玉梅建国志强春生秋菊德福庆祥红霞丽娟海燕立新"


def _at(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _clamped(day: date, moment: datetime) -> datetime:
    return min(max(moment, _at(day, FIRST)), _at(day, LAST))


def _stewards(event: Event) -> list[User]:
    """Who checks people in: the staff on the gate (a duty of 签到), else any assigned staff, else the admin."""
    assignments = [
        a for a in event.assignments.select_related("user").order_by("pk") if policies.can_work(a.user, event)
    ]
    on_gate = [a.user for a in assignments if "签到" in a.duty]
    admin = User.objects.filter(username="cz_admin", unit_id=event.unit_id).first()
    return on_gate or [a.user for a in assignments] or ([admin] if admin else [])


def _check_in(event: Event, code: str, steward: User, at: datetime) -> None:
    # A code the rule refuses (a sign-up of another day, say) is simply not checked in.
    with clock.frozen(at), contextlib.suppress(ValidationError):
        checkin.check_in(actor=steward, event=event, code=code)


def _session_start(event: Event, session: Session) -> datetime:
    return _at(session.day or event.starts_on, session.starts_at or time(9))


def build(*, past: Event, upcoming: Event, seed: int, today: date) -> None:
    del upcoming, today  # next year's festival has nothing checked in yet
    has_check_in = (
        past.signups.filter(checked_in_at__isnull=False).exists()
        or past.vendors.filter(checked_in_at__isnull=False).exists()
    )
    stewards = _stewards(past)
    if has_check_in or not stewards:
        return
    rng = random.Random(f"{seed}-checkin")
    day = past.starts_on
    for vendor in past.vendors.filter(stall__isnull=False).order_by("pk"):
        moment = _at(day, FIRST) + timedelta(minutes=rng.randint(0, 40))
        _check_in(past, vendor.code, rng.choice(stewards), moment)
    confirmed = past.signups.filter(state=places.CONFIRMED).select_related("session").order_by("signed_at", "pk")
    for signup in confirmed:
        if rng.random() < NO_SHOW:
            continue
        moment = _session_start(past, signup.session) - timedelta(
            minutes=rng.randint(5, 50), seconds=rng.randint(0, 59)
        )
        _check_in(past, signup.code, rng.choice(stewards), _clamped(day, moment))
    _walk_ins(past, stewards, rng)


def _walk_ins(event: Event, stewards: list[User], rng: random.Random) -> None:
    picking = list(event.sessions.filter(kind=Session.Kind.PICKING).order_by("sort_order", "pk"))
    if not picking:
        return
    for n in range(WALK_INS):
        session = picking[n % len(picking)]
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", rng.choice(GIVEN)))
        phone = "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))
        moment = _clamped(event.starts_on, _session_start(event, session) + timedelta(minutes=rng.randint(0, 40)))
        with clock.frozen(moment):
            try:
                checkin.walk_in(
                    actor=rng.choice(stewards),
                    session=session,
                    name=name,
                    phone=phone,
                    people=rng.choice((1, 1, 2, 3)),
                )
            except ValidationError:
                continue  # the slot is full: the person was turned away
