"""Planning's rules: where a checklist task stands on a day, and the budget's totals to the fen."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.events.rules import plan

TODAY = date(2020, 9, 10)


@pytest.mark.parametrize(
    ("due", "done", "state"),
    [
        (date(2020, 9, 9), None, plan.OVERDUE),
        (date(2020, 9, 10), None, plan.DUE_SOON),  # due today
        (date(2020, 9, 13), None, plan.DUE_SOON),  # three days ahead
        (date(2020, 9, 14), None, plan.OPEN),
        (date(2020, 9, 1), date(2020, 9, 2), plan.DONE),  # done late is still done
        (date(2020, 9, 30), date(2020, 9, 5), plan.DONE),
    ],
)
def test_a_task_s_state_follows_its_deadline_and_completion(due, done, state):
    assert plan.task_state(due, done, TODAY) == state


@given(st.integers(-30, 30), st.booleans())
def test_a_task_is_in_the_inbox_exactly_when_undone_and_due_within_three_days(offset, done):
    due = TODAY + timedelta(days=offset)
    expected = not done and offset <= plan.DUE_SOON_DAYS
    assert plan.in_inbox(due, TODAY if done else None, TODAY) is expected


@pytest.mark.parametrize(
    ("budgeted", "spent", "remaining", "over", "percent"),
    [
        ("8000", ["3000", "2500.50"], "2499.50", False, "68.8"),
        ("1000", ["600", "400.01"], "-0.01", True, "100.0"),
        ("0", ["12"], "-12.00", True, None),
        ("500", [], "500.00", False, "0.0"),
        ("100", ["33.335"], "66.66", False, "33.3"),  # half up to the fen
    ],
)
def test_a_line_s_totals(budgeted, spent, remaining, over, percent):
    totals = plan.line_totals(Decimal(budgeted), [Decimal(s) for s in spent])
    assert totals.remaining == Decimal(remaining)
    assert totals.over is over
    assert totals.spent_percent == (Decimal(percent) if percent else None)


amounts = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(amounts, st.lists(amounts, max_size=5)), max_size=8))
def test_the_overall_totals_add_up_the_lines(lines):
    totals = [plan.line_totals(b, spent) for b, spent in lines]
    whole = plan.overall(totals)
    assert whole.budgeted == sum((t.budgeted for t in totals), Decimal(0))
    assert whole.spent == sum((sum(s, Decimal(0)) for _, s in lines), Decimal(0))
    assert whole.remaining == whole.budgeted - whole.spent
    assert whole.over is (whole.spent > whole.budgeted)
