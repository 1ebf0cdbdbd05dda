"""The signing rule: a household signs only once measured, 已界定, and its 公示 is settled."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal import rules

ENDS = date(2020, 9, 10)


@pytest.mark.parametrize(
    "measured, determined, window_ends_on, open_objections, signed_on, expected",
    [
        (True, True, None, 0, ENDS, []),  # never posted
        (True, True, ENDS, 0, ENDS + timedelta(days=1), []),  # the day after the window
        (True, True, ENDS, 0, ENDS, ["公示期未满（至2020-09-10）"]),  # the last day still counts
        (True, True, ENDS, 1, ENDS + timedelta(days=1), ["有未答复的异议"]),
        (True, True, ENDS, 2, ENDS - timedelta(days=3), ["公示期未满（至2020-09-10）", "有未答复的异议"]),
        (False, True, None, 0, ENDS, [rules.NOT_MEASURED]),
        (True, False, None, 0, ENDS, [rules.NOT_DETERMINED]),
        (
            False,
            False,
            ENDS,
            1,
            ENDS,
            [rules.NOT_MEASURED, rules.NOT_DETERMINED, "公示期未满（至2020-09-10）", "有未答复的异议"],
        ),
    ],
)
def test_the_signing_rule(measured, determined, window_ends_on, open_objections, signed_on, expected):
    assert (
        rules.signing_refusals(
            measured=measured,
            determined=determined,
            window_ends_on=window_ends_on,
            open_objections=open_objections,
            signed_on=signed_on,
        )
        == expected
    )


def test_each_check_is_named_and_passes_without_a_reason():
    checks = rules.signing_checks(
        measured=True, determined=False, window_ends_on=None, open_objections=0, signed_on=ENDS
    )
    assert [c.label for c in checks] == ["已测量", "已界定", "公示期已满", "无未答复的异议", "公示为最新界定结果"]
    assert [c.passed for c in checks] == [True, False, True, True, True]


@given(
    measured=st.booleans(),
    determined=st.booleans(),
    window_ends_on=st.none() | st.dates(date(2019, 1, 1), date(2030, 12, 31)),
    open_objections=st.integers(0, 5),
    signed_on=st.dates(date(2019, 1, 1), date(2030, 12, 31)),
    outdated=st.booleans(),
)
def test_a_household_may_sign_exactly_when_every_check_passes(
    measured, determined, window_ends_on, open_objections, signed_on, outdated
):
    refusals = rules.signing_refusals(
        measured=measured,
        determined=determined,
        window_ends_on=window_ends_on,
        open_objections=open_objections,
        signed_on=signed_on,
        outdated=outdated,
    )
    window_closed = window_ends_on is None or signed_on > window_ends_on
    assert (refusals == []) == (measured and determined and window_closed and open_objections == 0 and not outdated)
    assert len(refusals) == sum(
        [not measured, not determined, not window_closed, open_objections > 0, outdated]
    )  # one reason per failed check
    checks = rules.signing_checks(
        measured=measured,
        determined=determined,
        window_ends_on=window_ends_on,
        open_objections=open_objections,
        signed_on=signed_on,
        outdated=outdated,
    )
    assert [c.reason for c in checks if not c.passed] == refusals


def test_a_publicity_out_of_date_refuses_signing_with_the_reason():
    refusals = rules.signing_refusals(
        measured=True,
        determined=True,
        window_ends_on=ENDS,
        open_objections=0,
        signed_on=ENDS + timedelta(days=1),
        outdated=True,
    )
    assert refusals == ["公示后人口界定有变更，须重新公示"]
