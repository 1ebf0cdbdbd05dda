"""The signal facility's own pure rules: months, the review's due day, precision from verdicts or their counts."""

from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.integrity import rules
from taizhang.integrity.models import TRUE_VERDICTS

VERDICTS = st.sampled_from(["", "normal", "problem", "rectify"])


@pytest.mark.parametrize(
    "text, first",
    [("2026-03", date(2026, 3, 1)), ("2026-3", date(2026, 3, 1)), (" 2026年12月 ", date(2026, 12, 1))],
)
def test_a_month_is_read_as_its_first_day(text, first):
    assert rules.parse_month(text) == first


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-03", "三月", ""])
def test_a_month_that_is_not_one_is_refused_with_the_expected_form(text):
    with pytest.raises(ValueError, match="应为 YYYY-MM"):
        rules.parse_month(text)


@pytest.mark.parametrize(
    "first, last",
    [
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2028, 2, 1), date(2028, 2, 29)),
        (date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_a_months_last_day(first, last):
    assert rules.month_end(first) == last


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)), st.integers(-240, 240))
def test_shifting_a_month_there_and_back_returns_to_it(day, months):
    first = day.replace(day=1)
    shifted = rules.month_shift(first, months)
    assert shifted.day == 1 and rules.month_shift(shifted, -months) == first
    assert (shifted.year - first.year) * 12 + shifted.month - first.month == months


def test_a_signal_is_due_a_week_after_it_was_found():
    assert rules.review_due(date(2026, 3, 28)) == date(2026, 4, 4)


@pytest.mark.parametrize(
    "verdicts, true, reviewed, text",
    [
        ([], 0, 0, "尚无核实"),
        (["", ""], 0, 0, "尚无核实"),
        (["normal", "problem", "rectify", ""], 2, 3, "67%（核实 3 条，属实 2 条）"),
        (["normal"], 0, 1, "0%（核实 1 条，属实 0 条）"),
    ],
)
def test_precision_is_the_share_of_reviewed_signals_found_true(verdicts, true, reviewed, text):
    found = rules.precision(verdicts, TRUE_VERDICTS)
    assert (found.true, found.reviewed, found.text()) == (true, reviewed, text)


@given(st.lists(VERDICTS, max_size=60))
def test_precision_from_counts_is_precision_from_the_verdicts(verdicts):
    assert rules.precision_counted(Counter(verdicts), TRUE_VERDICTS) == rules.precision(verdicts, TRUE_VERDICTS)
    found = rules.precision(verdicts, TRUE_VERDICTS)
    assert found.reviewed == sum(1 for v in verdicts if v) and 0 <= found.true <= found.reviewed
