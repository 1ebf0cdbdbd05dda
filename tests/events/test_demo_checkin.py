"""The demo's day of the festival: most confirmed sign-ups and every vendor with a stall checked in on 9月19日
between 08:10 and 14:30 by the event's gate staff, a few no-shows, walk-ins where a slot has room; nothing on next
year's festival; running it twice changes nothing."""

from datetime import date, time

from django.utils import timezone

from taizhang.events import demo_checkin, events
from taizhang.events.models import Session, SignUp, StaffAssignment
from tests.events.conftest import make_festival
from tests.events.fixtures_checkin import signup, vendor


def _state(*evs):
    return [
        (
            sorted(e.signups.values_list("name", "checked_in_at", "checked_in_by", "source")),
            sorted(e.vendors.values_list("holder", "checked_in_at")),
        )
        for e in evs
    ]


def test_the_demo_checks_the_past_festival_in_and_running_it_twice_changes_nothing(world):
    past = make_festival(world)
    afternoon = events.session_create(
        actor=world.xs_admin,
        event=past.event,
        name="采摘·下午场",
        kind=Session.Kind.PICKING,
        starts_at=time(14),
        signup=Session.Signup.PERSON,
        capacity=100,
    )
    for n in range(50):
        signup((past.morning, past.noon, past.tug, afternoon)[n % 4], f"居民{n}")
    holder = vendor(past.event, stall=past.stalls[0])
    upcoming = events.event_create(
        actor=world.xs_admin, unit=world.xinshi, name="明年", starts_on=date(2021, 9, 18), place="荷塘"
    )
    later = signup(events.session_create(actor=world.xs_admin, event=upcoming, name="采摘", signup="person"))
    StaffAssignment.objects.create(unit=world.xinshi, event=past.event, user=world.xs_worker, duty="入口签到")
    StaffAssignment.objects.create(unit=world.xinshi, event=past.event, user=world.xs_group_leader, duty="展销区")

    demo_checkin.build(past=past.event, upcoming=upcoming, seed=2020, today=date(2021, 3, 1))
    first = _state(past.event, upcoming)
    demo_checkin.build(past=past.event, upcoming=upcoming, seed=2020, today=date(2021, 3, 1))
    assert _state(past.event, upcoming) == first

    booked = past.event.signups.exclude(source=SignUp.Source.WALK_IN)
    shown = booked.filter(checked_in_at__isnull=False).count()
    assert 40 <= shown < 50  # most came, a few did not
    checked = past.event.signups.filter(checked_in_at__isnull=False)
    assert set(checked.values_list("checked_in_by", flat=True)) == {world.xs_worker.pk}  # the gate's staff
    for at in checked.values_list("checked_in_at", flat=True):
        local = timezone.localtime(at)
        assert local.date() == date(2020, 9, 19) and time(8, 10) <= local.time() <= time(14, 30)
    holder.refresh_from_db()
    assert holder.checked_in_at is not None
    walk_ins = past.event.signups.filter(source=SignUp.Source.WALK_IN)
    assert walk_ins.count() == walk_ins.filter(session=afternoon).count() == 5  # the full slots turned people away
    later.refresh_from_db()
    assert later.checked_in_at is None
