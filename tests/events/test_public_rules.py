"""What the public page says about places and whether sign-up is open, and what a private link's holder reads."""

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.events.rules import places, public

NOON = datetime(2020, 9, 10, 12, 0)


@pytest.mark.parametrize(
    ("capacity", "confirmed", "waiting", "team", "text"),
    [
        (None, 40, 0, False, "不限名额"),
        (60, 48, 0, False, "余 12 个名额"),
        (12, 11, 0, True, "余 1 个队伍名额"),
        (3, 3, 0, False, "名额已满，可报名候补"),
        (3, 3, 3, False, "名额已满，可报名候补（前面 3 人）"),
        (12, 12, 2, True, "名额已满，可报名候补（前面 2 队）"),
        (2, 3, 1, False, "名额已满，可报名候补（前面 1 人）"),  # a capacity lowered below the places taken
    ],
)
def test_places_as_residents_read_them(capacity, confirmed, waiting, team, text):
    assert public.places_text(capacity, confirmed, waiting, team=team) == text


@given(st.integers(min_value=1, max_value=500), st.integers(min_value=0, max_value=600), st.booleans())
def test_the_places_left_are_never_negative_and_a_full_session_offers_the_waiting_list(capacity, confirmed, team):
    text = public.places_text(capacity, confirmed, 0, team=team)
    assert text.startswith("名额已满") == (confirmed >= capacity)
    if confirmed < capacity:
        assert f"余 {capacity - confirmed} 个" in text


@pytest.mark.parametrize(
    ("published", "finished", "closes_at", "reason"),
    [
        (True, False, None, ""),
        (True, False, datetime(2020, 9, 18, 18, 0), ""),
        (True, False, datetime(2020, 9, 10, 11, 59), "报名已于 09月10日 11:59 截止"),
        (False, False, None, "本活动未开放报名"),
        (True, True, None, "本活动已结束，未开放报名"),
    ],
)
def test_when_sign_up_is_open(published, finished, closes_at, reason):
    assert public.closed_reason(published=published, finished=finished, closes_at=closes_at, now=NOON) == reason


@pytest.mark.parametrize(
    ("state", "position", "text"),
    [(places.CONFIRMED, None, "已报名"), (places.WAITING, 3, "候补第 3 位"), (places.CANCELLED, None, "已取消")],
)
def test_what_the_holder_reads(state, position, text):
    assert public.state_text(state, position) == text


@pytest.mark.parametrize(
    ("state", "checked_in", "finished", "may"),
    [
        (places.CONFIRMED, False, False, True),
        (places.WAITING, False, False, True),
        (places.CANCELLED, False, False, False),
        (places.CONFIRMED, True, False, False),
        (places.CONFIRMED, False, True, False),
    ],
)
def test_when_the_holder_may_cancel(state, checked_in, finished, may):
    assert public.may_cancel(state=state, checked_in=checked_in, finished=finished) is may
