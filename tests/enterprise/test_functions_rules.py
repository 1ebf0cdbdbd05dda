from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.enterprise.rules import functions as rules
from taizhang.enterprise.rules.functions import STREET, ZONE


@pytest.mark.parametrize(
    "state, target, side, refused",
    [
        ("handed", "taken", STREET, ""),
        ("taken", "running", STREET, ""),
        ("handed", "taken", ZONE, "由承接街道确认"),
        ("handed", "running", STREET, "还未“承接”"),
        ("running", "taken", STREET, "已是“运行”"),
        ("taken", "taken", STREET, "已是“承接”"),
        ("handed", "handed", ZONE, "已是“移交”"),
        ("taken", "gone", STREET, "没有这个状态"),
    ],
)
def test_a_function_moves_one_state_forward_by_the_side_that_owns_the_move(state, target, side, refused):
    problem = rules.move_problem(state, target, side=side)
    assert (refused in problem) if refused else problem == ""


@pytest.mark.parametrize(
    "state, side, allowed",
    [
        ("handed", ZONE, True),
        ("handed", STREET, False),
        ("taken", STREET, True),
        ("taken", ZONE, False),
        ("running", STREET, True),
        ("running", ZONE, False),
    ],
)
def test_each_side_withdraws_only_its_own_moves(state, side, allowed):
    assert (rules.withdraw_problem(state, side=side) == "") is allowed


def test_the_states_go_handed_taken_running():
    assert [rules.after(code) for code in rules.CODES] == ["taken", "running", None]
    assert [rules.before(code) for code in rules.CODES] == [None, "handed", "taken"]


@pytest.mark.parametrize(
    "deadline, closed_on, overdue",
    [
        (date(2020, 9, 14), None, True),
        (date(2020, 9, 15), None, False),  # due today is not yet late
        (date(2020, 9, 16), None, False),
        (date(2020, 9, 1), date(2020, 9, 10), False),  # closed
    ],
)
def test_a_note_is_overdue_past_its_deadline_until_closed(deadline, closed_on, overdue):
    assert rules.is_overdue(deadline, closed_on, date(2020, 9, 15)) is overdue


@pytest.mark.parametrize(
    "on, previous, refused",
    [
        (date(2020, 9, 15), date(2020, 7, 1), ""),
        (date(2020, 7, 1), date(2020, 7, 1), ""),
        (date(2020, 6, 30), date(2020, 7, 1), "不能早于上一环节"),
        (date(2020, 9, 16), None, "不能晚于今天"),
    ],
)
def test_a_moves_date_is_neither_in_the_future_nor_before_the_previous_move(on, previous, refused):
    problem = rules.date_problem(on, previous=previous, today=date(2020, 9, 15))
    assert (refused in problem) if refused else problem == ""


states = st.sampled_from(rules.CODES)


@given(states)
def test_withdrawing_a_move_undoes_it(state):
    back = rules.before(state)
    assert back is None or rules.after(back) == state


@given(states, states, st.sampled_from([ZONE, STREET]))
def test_only_the_next_state_is_ever_allowed(state, target, side):
    if rules.move_problem(state, target, side=side) == "":
        assert rules.INDEX[target] == rules.INDEX[state] + 1 and rules.MOVED_BY[target] == side


@given(st.dates(), st.integers(-400, 400), st.none() | st.dates())
def test_a_closed_note_is_never_overdue_and_an_open_one_is_exactly_when_past_due(today, days, closed_on):
    deadline = today + timedelta(days=days) if date.min + timedelta(400) < today < date.max - timedelta(400) else today
    assert rules.is_overdue(deadline, closed_on, today) is (closed_on is None and deadline < today)
