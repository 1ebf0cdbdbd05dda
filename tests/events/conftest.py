"""A harvest festival of the base case's 新市镇 (standing in for 崔寨街道) for the events module's tests: its programme
(the exhibition-sale, a performance, two picking slots of three places, a tug-of-war for three teams), a stall plan
of four stalls, and an event of 济阳街道 that 新市镇's users never see."""

from dataclasses import dataclass
from datetime import date, time

import pytest

from taizhang.events import events
from taizhang.events.models import Event, Session, Stall
from taizhang.org.models import User


@dataclass
class Festival:
    event: Event  # 2020年新市镇农民丰收节, 2020-09-19, published
    expo: Session  # 农产品展销 (no sign-up; the stalls)
    show: Session  # 群众演出专场 (no sign-up)
    morning: Session  # 采摘·上午场, three places
    noon: Session  # 采摘·中午场, three places
    tug: Session  # 拔河, three teams of up to 8
    stalls: list[Stall]  # A-01 … A-04
    admin: User  # world.xs_admin, who plans it


def make_festival(world, *, published: bool = True) -> Festival:
    event = events.event_create(
        actor=world.xs_admin,
        unit=world.xinshi,
        name="2020年新市镇农民丰收节",
        starts_on=date(2020, 9, 19),
        place="新市村荷塘",
        directions="220国道往东五公里",
        organiser="新市镇人民政府",
    )
    if published:
        events.event_publish(actor=world.xs_admin, event=event, published=True)

    def session(name, kind, start, end, signup=Session.Signup.NONE, capacity=None, **extra):
        return events.session_create(
            actor=world.xs_admin,
            event=event,
            name=name,
            kind=kind,
            starts_at=start,
            ends_at=end,
            signup=signup,
            capacity=capacity,
            **extra,
        )

    expo = session("农产品展销", Session.Kind.EXPO, time(9), time(16), place="展销区")
    show = session("群众演出专场", Session.Kind.SHOW, time(9, 30), time(11, 30), place="舞台")
    morning = session("采摘·上午场", Session.Kind.PICKING, time(9), time(10, 30), Session.Signup.PERSON, 3)
    noon = session("采摘·中午场", Session.Kind.PICKING, time(10, 30), time(12), Session.Signup.PERSON, 3)
    tug = session("拔河", Session.Kind.GAME, time(14), time(15), Session.Signup.TEAM, 3, team_size_max=8)
    stalls = [
        Stall.objects.create(unit=world.xinshi, event=event, number=f"A-0{n}", area="A区", row=1, column=n)
        for n in range(1, 5)
    ]
    return Festival(event, expo, show, morning, noon, tug, stalls, world.xs_admin)


@pytest.fixture
def festival(world) -> Festival:
    return make_festival(world)


@pytest.fixture
def jy_event(world) -> Event:
    """An event of 济阳街道: 新市镇's users never see it."""
    event = events.event_create(
        actor=world.jy_admin, unit=world.jiyang, name="济阳街道消夏晚会", starts_on=date(2020, 7, 1), place="广场"
    )
    events.session_create(
        actor=world.jy_admin,
        event=event,
        name="合唱",
        kind=Session.Kind.SHOW,
        signup=Session.Signup.PERSON,
        capacity=10,
    )
    return event


def festival_event(world) -> Event:
    """新市镇's festival, made on first use: the record the scoping walk's factories hang theirs on."""
    found = Event.objects.filter(unit=world.xinshi, name="2020年新市镇农民丰收节").first()
    return found or make_festival(world).event
