"""The foundation's rules: places and the waiting list, check-in codes, a programme's items."""

from datetime import datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.events.rules import codes, places, programme
from taizhang.events.rules.places import Entry

T0 = datetime(2020, 9, 1, 8, 0)


def entries(*minutes):
    return [Entry(n, T0 + timedelta(minutes=m)) for n, m in enumerate(minutes, start=1)]


@pytest.mark.parametrize(
    ("capacity", "minutes", "confirmed", "waiting"),
    [
        (3, (0, 1, 2), (1, 2, 3), ()),
        (2, (0, 1, 2), (1, 2), (3,)),
        (2, (5, 1, 3), (2, 3), (1,)),  # by sign-up time, not by number
        (1, (0, 0, 0), (1,), (2, 3)),  # same minute: by number
        (0, (0, 1), (), (1, 2)),
        (None, (3, 2, 1), (3, 2, 1), ()),  # no capacity: everyone, in order
    ],
)
def test_places_go_in_the_order_of_signing_up(capacity, minutes, confirmed, waiting):
    found = places.allocate(capacity, entries(*minutes))
    assert found.confirmed == confirmed
    assert found.waiting == waiting


def test_the_first_waiting_person_is_first_in_line():
    found = places.allocate(1, entries(0, 1, 2))
    assert found.waiting_position(2) == 1
    assert found.waiting_position(3) == 2
    assert found.waiting_position(1) is None
    assert found.state_of(1) == places.CONFIRMED and found.state_of(3) == places.WAITING


minutes = st.lists(st.integers(min_value=0, max_value=600), min_size=0, max_size=30)
capacities = st.one_of(st.none(), st.integers(min_value=0, max_value=20))


@given(capacities, minutes)
def test_never_more_places_than_the_capacity_and_nobody_lost(capacity, times):
    found = places.allocate(capacity, entries(*times))
    assert capacity is None or len(found.confirmed) <= capacity
    assert sorted(found.confirmed + found.waiting) == list(range(1, len(times) + 1))
    if capacity is not None and len(times) > capacity:
        assert len(found.confirmed) == capacity  # nobody waits while a place is free


@given(st.integers(min_value=1, max_value=10), minutes, st.data())
def test_a_cancellation_moves_exactly_the_first_waiting_person_up(capacity, times, data):
    live = entries(*times)
    before = places.allocate(capacity, live)
    if not before.confirmed:
        return
    gone = data.draw(st.sampled_from(before.confirmed))
    after = places.allocate(capacity, [e for e in live if e.id != gone])
    moved = set(after.confirmed) - set(before.confirmed)
    assert moved == ({before.waiting[0]} if before.waiting else set())
    assert after.waiting == before.waiting[1:]


@given(st.integers(min_value=0, max_value=10), minutes, st.integers(min_value=-1000, max_value=1000))
def test_shifting_every_sign_up_by_the_same_time_changes_nothing(capacity, times, shift):
    live = entries(*times)
    moved = [Entry(e.id, e.signed_at + timedelta(minutes=shift)) for e in live]
    assert places.allocate(capacity, live) == places.allocate(capacity, moved)


@pytest.mark.parametrize(("capacity", "confirmed", "free"), [(None, 5, None), (3, 1, 2), (3, 3, 0), (3, 4, 0)])
def test_free_places(capacity, confirmed, free):
    assert places.free_places(capacity, confirmed) == free


@given(st.integers(min_value=0, max_value=1000))
def test_a_new_code_is_well_formed_and_reads_back_as_printed(_):
    code = codes.new_code()
    assert codes.is_well_formed(code)
    assert codes.normalise(codes.shown(code).lower()) == code
    assert codes.normalise(" " + codes.shown(code) + " ") == code


@pytest.mark.parametrize("typed", ["", "ABCD", "ABCD-EFG0", "ABCDEFGHJ", "O0O0O0O0", "1234567L"])
def test_a_code_with_a_confusable_or_missing_character_is_not_well_formed(typed):
    assert not codes.is_well_formed(codes.normalise(typed))


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"name": " "}, "name"),
        ({"starts_at": time(10), "ends_at": time(9)}, "ends_at"),
        ({"starts_at": time(10), "ends_at": time(10)}, "ends_at"),
        ({"signup": "person", "capacity": 0}, "capacity"),
        ({"signup": "none", "capacity": 5}, "capacity"),
    ],
)
def test_a_session_names_the_field_that_is_wrong(fields, problem):
    base = {"name": "采摘", "starts_at": time(9), "ends_at": time(10), "signup": "person", "capacity": 3}
    assert problem in programme.session_problems(**(base | fields))


def test_a_good_session_has_no_problems():
    assert (
        programme.session_problems(name="采摘", starts_at=time(9), ends_at=time(10), signup="person", capacity=3) == {}
    )


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("采摘上午场:60", ("采摘上午场", 60)),
        ("拔河：12", ("拔河", 12)),
        ("群众演出", ("群众演出", None)),
        ("趣味运动会:两人三足:20", ("趣味运动会:两人三足", 20)),
    ],
)
def test_the_command_s_session_argument(text, parsed):
    assert programme.parse_session_arg(text) == parsed


@pytest.mark.parametrize("text", [":60", "采摘:0", "采摘:六十", "采摘:-1"])
def test_a_bad_session_argument_says_what_is_wrong(text):
    with pytest.raises(ValueError, match="场次"):
        programme.parse_session_arg(text)
