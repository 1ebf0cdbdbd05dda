"""Working days on the official calendar and the 帮办 clocks: tables around 2020's and 2026's holidays and make-up
days, and properties."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from taizhang.enterprise.rules import approvals as rules
from taizhang.enterprise.rules.workdays import (
    CalendarNotCovered,
    add_workdays,
    is_workday,
    last_covered_year,
    workdays_between,
)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2020, 10, 1), False),  # 国庆节、中秋节
        (date(2020, 10, 8), False),
        (date(2020, 9, 27), True),  # Sunday made a working day (调休)
        (date(2020, 10, 10), True),  # Saturday made a working day
        (date(2020, 10, 9), True),
        (date(2020, 1, 24), False),  # 春节
        (date(2020, 1, 31), False),  # the 2020 Spring Festival holiday was extended
        (date(2026, 2, 14), True),  # 2026 春节 make-up Saturday
        (date(2026, 2, 16), False),  # 2026 春节 (除夕)
        (date(2026, 2, 23), False),
        (date(2026, 2, 28), True),  # make-up Saturday after 春节
        (date(2026, 5, 1), False),  # 劳动节
        (date(2026, 5, 9), True),  # make-up Saturday
        (date(2026, 10, 1), False),  # 国庆节
        (date(2026, 10, 7), False),
        (date(2026, 10, 8), True),
        (date(2026, 9, 20), True),  # make-up Sunday
        (date(2026, 10, 10), True),  # make-up Saturday
        (date(2026, 12, 2), True),
        (date(2026, 12, 5), False),  # an ordinary Saturday
    ],
)
def test_working_days_follow_the_official_calendar(day, working):
    assert is_workday(day) is working


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (date(2020, 9, 30), 5, date(2020, 10, 14)),  # 10-1..8 off, 10-9 and the make-up 10-10 count
        (date(2020, 9, 30), 1, date(2020, 10, 9)),
        (date(2020, 9, 25), 1, date(2020, 9, 27)),  # the make-up Sunday is the next working day
        (date(2020, 1, 22), 3, date(2020, 2, 4)),  # over the extended Spring Festival
        (date(2020, 4, 30), 1, date(2020, 5, 6)),  # 5-1..5 off
        (date(2026, 2, 13), 1, date(2026, 2, 14)),
        (date(2026, 2, 13), 2, date(2026, 2, 24)),
        (date(2026, 9, 30), 5, date(2026, 10, 13)),  # 10-1..7 off; 10-8, 10-9, the make-up 10-10, 10-12, 10-13
        (date(2026, 9, 18), 1, date(2026, 9, 20)),  # the make-up Sunday before 国庆
        (date(2026, 12, 2), 5, date(2026, 12, 9)),
    ],
)
def test_the_due_date_is_the_nth_working_day_after_the_start(start, n, due):
    assert add_workdays(start, n) == due
    assert workdays_between(start, due) == n


def test_a_year_past_the_calendar_is_refused_naming_the_year():
    year = last_covered_year() + 1
    with pytest.raises(CalendarNotCovered) as refused:
        add_workdays(date(year - 1, 12, 20), 15)
    assert f"{year} 年" in refused.value.messages[0] and "尚未收录" in refused.value.messages[0]
    assert isinstance(refused.value, ValidationError)
    with pytest.raises(CalendarNotCovered):
        is_workday(date(year, 3, 2))


def test_zero_or_negative_working_days_are_refused():
    with pytest.raises(ValidationError):
        add_workdays(date(2020, 9, 30), 0)


covered = st.dates(min_value=date(2005, 1, 1), max_value=date(last_covered_year(), 9, 30))


@given(covered, st.integers(min_value=1, max_value=40))
def test_the_due_date_is_a_working_day_counted_back_to_n(start, n):
    due = add_workdays(start, n)
    assert is_workday(due) and due > start
    assert workdays_between(start, due) == n
    assert workdays_between(due, start) == -n


@given(covered, st.integers(min_value=1, max_value=30))
def test_the_due_date_moves_on_with_n(start, n):
    assert add_workdays(start, n) < add_workdays(start, n + 1)
    assert add_workdays(start, n) <= add_workdays(start + timedelta(days=1), n)


# --- the 1515 clocks ---------------------------------------------------------------------------------------------


def test_the_default_rule_is_1515():
    assert rules.DEFAULT_RULE.code == "1515"


@pytest.mark.parametrize(
    ("submitted", "complexity", "statutory", "contact", "service", "legal", "due"),
    [
        (
            date(2020, 9, 30),
            rules.SIMPLE,
            20,
            date(2020, 10, 9),
            date(2020, 10, 14),
            date(2020, 11, 4),
            date(2020, 10, 14),
        ),
        (
            date(2020, 9, 30),
            rules.COMPLEX,
            20,
            date(2020, 10, 9),
            date(2020, 10, 28),
            date(2020, 11, 4),
            date(2020, 10, 28),
        ),
        (
            date(2020, 9, 30),
            rules.COMPLEX,
            3,
            date(2020, 10, 9),
            date(2020, 10, 28),
            date(2020, 10, 12),
            date(2020, 10, 12),
        ),
        (
            date(2026, 9, 30),
            rules.SIMPLE,
            7,
            date(2026, 10, 8),
            date(2026, 10, 13),
            date(2026, 10, 15),
            date(2026, 10, 13),
        ),
    ],
)
def test_each_clock_of_an_item(submitted, complexity, statutory, contact, service, legal, due):
    found = rules.clocks(submitted, rule=rules.DEFAULT_RULE, complexity=complexity, statutory_days=statutory)
    assert (found.contact_due, found.service_due, found.statutory_due, found.due) == (contact, service, legal, due)


def test_the_rule_in_force_is_the_latest_effective_one():
    strict = rules.ServiceRule(1, 3, 10)
    history = [(date(2021, 1, 1), strict), (date(2020, 1, 1), rules.ServiceRule(2, 5, 20))]
    assert rules.rule_in_force(history, date(2019, 12, 31)) == rules.DEFAULT_RULE
    assert rules.rule_in_force(history, date(2020, 6, 1)).code == "2520"
    assert rules.rule_in_force(history, date(2021, 1, 1)) == strict


@pytest.mark.parametrize(
    ("status", "contact_due", "first_contact", "due", "watch"),
    [
        (rules.IN_PROGRESS, date(2020, 10, 9), None, date(2020, 10, 14), date(2020, 10, 9)),
        (rules.IN_PROGRESS, date(2020, 10, 9), date(2020, 10, 9), date(2020, 10, 14), date(2020, 10, 14)),
        (rules.DONE, date(2020, 10, 9), None, date(2020, 10, 14), None),
        (rules.PENDING, None, None, None, None),
        (rules.RETURNED, date(2020, 10, 9), None, date(2020, 10, 14), None),
    ],
)
def test_an_item_is_watched_from_its_first_unmet_clock(status, contact_due, first_contact, due, watch):
    found = rules.watch_on(status=status, contact_due=contact_due, first_contact_on=first_contact, due_on=due)
    assert found == watch
    assert rules.is_overdue(found, date(2020, 10, 15)) is (found is not None)
    assert not rules.is_overdue(found, date(2020, 10, 9))


@given(st.dates(), st.integers(min_value=-30, max_value=30))
def test_done_on_time_means_by_the_due_date(due, shift):
    assert rules.on_time(due + timedelta(days=shift), due) is (shift <= 0)
