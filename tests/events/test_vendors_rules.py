"""The exhibition-sale's rules: stall numbering, the mobile number, the application's steps, the plan's colours,
sales to the fen."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.events.rules import vendors as rules


@pytest.mark.parametrize(
    ("prefix", "rows", "columns", "first_row", "first_number", "numbers", "last_place"),
    [
        ("A", 2, 10, 1, 1, ["A-01", "A-02", "A-10", "A-11", "A-20"], (2, 10)),
        ("B", 1, 3, 1, 1, ["B-01", "B-02", "B-03"], (1, 3)),
        ("A", 1, 5, 3, 21, ["A-21", "A-25"], (3, 5)),  # an area that already has 20 stalls on two rows
        ("C", 10, 12, 1, 1, ["C-001", "C-120"], (10, 12)),  # three digits when 120 stalls
        ("小吃", 1, 2, 1, 1, ["小吃-01", "小吃-02"], (1, 2)),
    ],
)
def test_stalls_are_numbered_along_each_row(prefix, rows, columns, first_row, first_number, numbers, last_place):
    spots = rules.stall_spots(prefix, rows, columns, first_row=first_row, first_number=first_number)
    made = [s.number for s in spots]
    assert len(spots) == rows * columns
    assert all(n in made for n in numbers) and made[0] == numbers[0] and made[-1] == numbers[-1]
    assert (spots[-1].row, spots[-1].column) == last_place


@pytest.mark.parametrize(("rows", "columns"), [(0, 5), (1, 0), (21, 1), (1, 41)])
def test_a_layout_outside_the_limits_is_refused(rows, columns):
    with pytest.raises(ValueError, match="行数应为"):
        rules.stall_spots("A", rows, columns)


@pytest.mark.parametrize(
    ("area", "prefix"), [("A区", "A"), (" B 区 ", "B"), ("小吃区", "小吃"), ("区", "区"), ("东", "东")]
)
def test_the_prefix_is_the_area_without_its_qu(area, prefix):
    assert rules.area_prefix(area) == prefix


@given(st.integers(1, 20), st.integers(1, 40), st.integers(1, 500))
def test_bulk_numbers_are_unique_and_each_place_of_the_grid_has_one_stall(rows, columns, first_number):
    spots = rules.stall_spots("A", rows, columns, first_number=first_number)
    assert len({s.number for s in spots}) == rows * columns
    assert {(s.row, s.column) for s in spots} == {(r, c) for r in range(1, rows + 1) for c in range(1, columns + 1)}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13912345678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("139-1234-5678", "13912345678"),
        ("+8613912345678", "13912345678"),
        ("１３９１２３４５６７８", "13912345678"),  # full-width digits from a Chinese keyboard
    ],
)
def test_a_mobile_number_is_stored_as_eleven_digits(typed, stored):
    assert rules.clean_mobile(typed) == stored


@pytest.mark.parametrize("typed", ["", "1391234567", "139123456789", "12912345678", "0531-88123456", "1391234567x"])
def test_anything_but_a_mainland_mobile_is_refused_with_a_clear_message(typed):
    with pytest.raises(ValueError, match="手机号"):
        rules.clean_mobile(typed)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_every_mainland_mobile_is_accepted_as_it_is(number):
    assert rules.clean_mobile(number) == number


STEP_TABLE = [
    ("submitted", "approve", "approved"),
    ("submitted", "reject", "rejected"),
    ("approved", "reject", "rejected"),
    ("rejected", "reopen", "submitted"),
    ("approved", "allocate", "allocated"),
    ("allocated", "allocate", "allocated"),  # moved
    ("confirmed", "allocate", "allocated"),  # moved: confirmed again
    ("allocated", "confirm", "confirmed"),
    ("allocated", "release", "approved"),
    ("confirmed", "release", "approved"),
    ("confirmed", "withdraw", "withdrawn"),
    ("submitted", "withdraw", "withdrawn"),
]


@pytest.mark.parametrize(("state", "step", "after"), STEP_TABLE)
def test_each_step_leads_to_its_state(state, step, after):
    assert rules.next_state(state, step) == after


@pytest.mark.parametrize(
    ("state", "step"),
    [
        ("submitted", "allocate"),  # not approved
        ("submitted", "confirm"),
        ("approved", "confirm"),  # no stall yet
        ("confirmed", "confirm"),
        ("rejected", "approve"),  # withdraw the rejection first
        ("withdrawn", "approve"),
        ("withdrawn", "withdraw"),
        ("confirmed", "reject"),
    ],
)
def test_a_step_the_state_does_not_allow_is_refused_naming_both(state, step):
    with pytest.raises(rules.StepRefused) as refused:
        rules.next_state(state, step)
    assert rules.STATE_LABELS[state] in str(refused.value) and rules.STEP_LABELS[step] in str(refused.value)


@given(st.lists(st.sampled_from(sorted(rules.STEPS)), max_size=30))
def test_a_vendor_holds_a_stall_only_after_allocation_and_withdrawn_is_final(steps):
    state, holds = rules.SUBMITTED, False
    for step in steps:
        try:
            after = rules.next_state(state, step)
        except rules.StepRefused:
            continue
        assert state != rules.WITHDRAWN
        holds = step == "allocate" or (holds and step == "confirm")
        state = after
        assert (state in rules.HOLDS_STALL) == holds
        assert set(rules.steps_from(state)) <= set(rules.STEPS)


@pytest.mark.parametrize(
    ("state", "checked_in", "status"),
    [
        (None, False, "free"),
        ("approved", False, "free"),
        ("allocated", False, "allocated"),
        ("confirmed", False, "confirmed"),
        ("confirmed", True, "checked_in"),
        ("allocated", True, "checked_in"),
    ],
)
def test_a_stall_s_colour_follows_its_vendor(state, checked_in, status):
    assert rules.stall_status(state, checked_in) == status


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("1280.5", "1280.50"), ("1,280.505", "1280.51"), ("0.005", "0.01"), ("300元", "300.00"), ("0", "0.00")],
)
def test_sales_are_kept_to_the_fen_half_up(typed, amount):
    assert rules.clean_sales(typed) == Decimal(amount)


@pytest.mark.parametrize("typed", ["", "abc", "-1", "10000001", "NaN", "Infinity"])
def test_sales_that_are_not_an_amount_are_refused(typed):
    with pytest.raises(ValueError, match="销售额"):
        rules.clean_sales(typed)
