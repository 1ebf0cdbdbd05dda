"""报名时间 as offices write it, and the order an import places its rows in."""

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.documents.cells import CellError
from taizhang.events.rules.signup_import import in_signing_order, signed_at


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-09-01 08:30", datetime(2020, 9, 1, 8, 30)),
        ("2020/9/1 8:30:15", datetime(2020, 9, 1, 8, 30, 15)),
        ("2020年9月1日 8时30分", datetime(2020, 9, 1, 8, 30)),
        ("2020年9月1日8:30", datetime(2020, 9, 1, 8, 30)),
        ("2020-09-01T08:30:00", datetime(2020, 9, 1, 8, 30)),
        ("2020-09-01", datetime(2020, 9, 1)),
        (datetime(2020, 9, 1, 8, 30, 5, 123), datetime(2020, 9, 1, 8, 30, 5)),
        (44075.5, datetime(2020, 9, 1, 12, 0)),  # an Excel serial number
    ],
)
def test_a_sign_up_time_is_read_as_written(value, expected):
    assert signed_at(value) == expected


@pytest.mark.parametrize(
    "value, reason",
    [
        ("", "报名时间不能为空"),
        (None, "报名时间不能为空"),
        ("九月一日", "看不懂"),
        ("2020-02-30 08:00", "不存在"),
        ("2020-09-01 25:00", "不存在"),
        ("明天上午", "看不懂"),
    ],
)
def test_a_sign_up_time_that_cannot_be_read_says_why(value, reason):
    with pytest.raises(CellError, match=reason):
        signed_at(value)


rows = st.lists(
    st.tuples(st.integers(2, 500), st.datetimes(datetime(2020, 1, 1), datetime(2021, 1, 1))),
    unique_by=lambda pair: pair[0],
    max_size=40,
)


@given(rows)
def test_rows_are_placed_by_time_with_equal_times_in_the_file_s_order(pairs):
    order = in_signing_order(pairs)
    assert sorted(order) == sorted(row for row, _ in pairs)
    at = dict(pairs)
    assert all((at[a], a) < (at[b], b) for a, b in zip(order, order[1:], strict=False))
