"""Who is checked in with a code on the day (rules.checkin): a table of the cases, and properties over any holder."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.events.rules import checkin, places
from taizhang.events.rules.checkin import SIGNUP, VENDOR, Holder, refusal, undo_refusal

DAY = date(2020, 9, 19)
AT = datetime(2020, 9, 19, 9, 12)


def holder(kind=SIGNUP, state=places.CONFIRMED, event_id=1, first=DAY, last=DAY, at=None, by=""):
    return Holder(kind, event_id, state, first, last, at, by)


CASES = [
    ("a confirmed sign-up on its day", holder(), DAY, None),
    ("an unknown code", None, DAY, "签到码不存在，请核对后重新输入"),
    ("a code of another event", holder(event_id=2), DAY, "该签到码不是本活动的"),
    (
        "a used code says when and by whom",
        holder(at=AT, by="张帮扶"),
        DAY,
        "该签到码已于 9月19日 09:12 签到，签到人：张帮扶，不能重复签到",
    ),
    ("a cancelled sign-up", holder(state=places.CANCELLED), DAY, "该报名已取消，签到码作废"),
    ("a sign-up still waiting", holder(state=places.WAITING), DAY, "候补中，未获得名额"),
    ("a session of another day", holder(), date(2020, 9, 18), "该签到码限 2020年9月19日 使用，不是今天"),
    ("a vendor with a confirmed stall", holder(VENDOR, "confirmed"), DAY, None),
    ("a vendor with a stall not yet confirmed", holder(VENDOR, "allocated"), DAY, None),
    ("a vendor still under review", holder(VENDOR, "submitted"), DAY, "该摊主没有分配摊位，不能签到"),
    ("a rejected vendor", holder(VENDOR, "rejected"), DAY, "该摊主没有分配摊位，不能签到"),
    ("a vendor on the second day of two", holder(VENDOR, "confirmed", last=date(2020, 9, 20)), date(2020, 9, 20), None),
    (
        "a vendor the day after a two-day fair",
        holder(VENDOR, "confirmed", last=date(2020, 9, 20)),
        date(2020, 9, 21),
        "该签到码限 2020年9月19日—2020年9月20日 使用，不是今天",
    ),
]


@pytest.mark.parametrize(("case", "found", "today", "expected"), CASES, ids=[c[0] for c in CASES])
def test_check_in_refusals(case, found, today, expected):
    assert refusal(found, event_id=1, today=today) == expected


def test_a_check_in_is_undone_only_when_made_and_with_a_reason():
    assert undo_refusal(holder(), reason="认错人") == "尚未签到，无需撤销"
    assert undo_refusal(holder(at=AT), reason="  ") == "请填写撤销签到的原因"
    assert undo_refusal(holder(at=AT), reason="认错人") is None


holders = st.builds(
    Holder,
    kind=st.sampled_from([SIGNUP, VENDOR]),
    event_id=st.integers(1, 3),
    state=st.sampled_from([places.CONFIRMED, places.WAITING, places.CANCELLED, "allocated", "submitted"]),
    first_day=st.dates(date(2020, 9, 17), date(2020, 9, 19)),
    last_day=st.dates(date(2020, 9, 19), date(2020, 9, 21)),
    checked_in_at=st.none() | st.datetimes(datetime(2020, 9, 17), datetime(2020, 9, 22)),
    checked_in_by=st.sampled_from(["", "王主任"]),
)


@given(holders, st.dates(date(2020, 9, 16), date(2020, 9, 22)))
def test_a_used_or_cancelled_code_is_always_refused(found, today):
    if found.checked_in_at is not None or (found.kind == SIGNUP and found.state == places.CANCELLED):
        assert refusal(found, event_id=found.event_id, today=today) is not None


@given(holders, st.dates(date(2020, 9, 16), date(2020, 9, 22)))
def test_only_a_place_holder_of_this_event_on_its_day_not_yet_in_is_accepted(found, today):
    accepted = refusal(found, event_id=1, today=today) is None
    holds_place = found.state == places.CONFIRMED if found.kind == SIGNUP else found.state in checkin.VENDOR_WITH_STALL
    assert accepted == (
        found.event_id == 1
        and found.checked_in_at is None
        and holds_place
        and found.first_day <= today <= found.last_day
    )


WALK_INS = [
    ("a free place on the day", 3, 2, DAY, None),
    ("no limit", None, 500, DAY, None),
    ("a full session", 3, 3, DAY, "该场次已满（容量 3，已报名 3），没有空余名额，不能现场登记"),
    ("over-full after a capacity cut", 2, 3, DAY, "该场次已满（容量 2，已报名 3），没有空余名额，不能现场登记"),
    ("the day before", 3, 0, date(2020, 9, 18), "该场次在 2020年9月19日，现场登记只限当天"),
]


@pytest.mark.parametrize(("case", "capacity", "confirmed", "today", "expected"), WALK_INS, ids=[c[0] for c in WALK_INS])
def test_walk_in_refusals(case, capacity, confirmed, today, expected):
    assert checkin.walk_in_refusal(capacity=capacity, confirmed=confirmed, day=DAY, today=today) == expected


@given(st.none() | st.integers(1, 50), st.integers(0, 60))
def test_a_walk_in_is_taken_exactly_while_a_place_is_free(capacity, confirmed):
    taken = checkin.walk_in_refusal(capacity=capacity, confirmed=confirmed, day=DAY, today=DAY) is None
    assert taken == (capacity is None or confirmed < capacity)
