"""A festival after the day, counted by hand: sign-ups in every state, walk-ins, teams, vendors with stalls and
sales. The figures the tests expect are written out next to the records that make them."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from taizhang.events.models import SignUp, VendorApplication
from taizhang.events.rules import places
from tests.events.conftest import Festival, make_festival

DAY = timezone.make_aware(datetime(2020, 9, 19, 9, 0))


@dataclass
class Counted:
    festival: Festival
    signups: dict[str, SignUp]
    vendors: dict[str, VendorApplication]


def _signup(festival, session, name, n, *, state=places.CONFIRMED, checked=False, people=1, team="", source=None):
    return SignUp.objects.create(
        unit_id=festival.event.unit_id,
        event=festival.event,
        session=session,
        name=name,
        phone=f"1380000{n:04d}",
        team_name=team,
        people=people,
        signed_at=DAY - timedelta(days=10, minutes=-n),
        state=state,
        source=source or SignUp.Source.PUBLIC,
        checked_in_at=DAY if checked else None,
    )


def _vendor(festival, holder, n, *, state, stall=None, checked=False, sales=None, produce="莲藕"):
    return VendorApplication.objects.create(
        unit_id=festival.event.unit_id,
        event=festival.event,
        holder=holder,
        phone=f"1390000{n:04d}",
        produce=produce,
        submitted_at=DAY - timedelta(days=20, minutes=-n),
        state=state,
        stall=stall,
        checked_in_at=DAY if checked else None,
        sales=sales,
    )


def make_counted(world) -> Counted:
    f = make_festival(world)
    s = {
        # 采摘·上午场: confirmed 4 (A, B, C, walk-in W), waiting 1, checked in 3, no-show 1, walk-in 1; people 4 / 3
        "A": _signup(f, f.morning, "张一", 1, checked=True),
        "B": _signup(f, f.morning, "张二", 2, checked=True),
        "C": _signup(f, f.morning, "张三", 3),
        "D": _signup(f, f.morning, "张四", 4, state=places.WAITING),
        "E": _signup(f, f.morning, "张五", 5, state=places.CANCELLED),
        "W": _signup(f, f.morning, "李现场", 6, checked=True, source=SignUp.Source.WALK_IN),
        # 采摘·中午场: one sign-up of two people, checked in
        "F": _signup(f, f.noon, "王六", 7, checked=True, people=2),
        # 拔河: teams of 8 and 6 checked in, one of 5 absent, one of 4 waiting; people 19 / 14
        "T1": _signup(f, f.tug, "赵队长", 8, checked=True, people=8, team="东辛村队"),
        "T2": _signup(f, f.tug, "钱队长", 9, checked=True, people=6, team="西辛村队"),
        "T3": _signup(f, f.tug, "孙队长", 10, people=5, team="南街队"),
        "T4": _signup(f, f.tug, "李队长", 11, people=4, team="北街队", state=places.WAITING),
    }
    st = VendorApplication.State
    v = {
        # stalls taken 3, vendors checked in 2, reporting 2, sales 2000.50
        "V1": _vendor(f, "周莲藕", 1, state=st.ALLOCATED, stall=f.stalls[0], checked=True, sales=Decimal("1200.50")),
        "V2": _vendor(
            f, "吴大米", 2, state=st.CONFIRMED, stall=f.stalls[1], checked=True, sales=Decimal("800"), produce="大米"
        ),
        "V3": _vendor(f, "郑西瓜", 3, state=st.CONFIRMED, stall=f.stalls[2], produce="西瓜"),
        "V4": _vendor(f, "王待审", 4, state=st.SUBMITTED),
    }
    return Counted(f, s, v)
