from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.example_module.rules import deadline_ok, is_overdue

DUE = date(2026, 3, 9)
DAYS = st.dates(date(2000, 1, 1), date(2100, 12, 31))  # the ledger's plausible dates


@pytest.mark.parametrize(
    ("closed_on", "today", "overdue"),
    [
        (None, date(2026, 3, 9), False),  # the deadline day itself is still in time
        (None, date(2026, 3, 10), True),
        (date(2026, 3, 12), date(2026, 3, 20), False),  # closed late: no longer overdue
        (date(2026, 3, 1), date(2026, 3, 20), False),
    ],
)
def test_a_note_is_overdue_after_its_deadline_until_closed(closed_on, today, overdue):
    assert is_overdue(due_on=DUE, closed_on=closed_on, today=today) is overdue


@given(DAYS, DAYS, DAYS)
def test_a_closed_note_is_never_overdue(due_on, closed_on, today):
    assert not is_overdue(due_on=due_on, closed_on=closed_on, today=today)


@given(DAYS, st.integers(min_value=1, max_value=3650))
def test_an_open_note_is_overdue_exactly_after_its_deadline(due_on, days):
    assert is_overdue(due_on=due_on, closed_on=None, today=due_on + timedelta(days=days))
    assert not is_overdue(due_on=due_on, closed_on=None, today=due_on)


@given(DAYS, DAYS)
def test_the_deadline_may_not_precede_the_note(opened_on, due_on):
    assert deadline_ok(opened_on=opened_on, due_on=due_on) == (due_on >= opened_on)
