"""The determination signals' rules: identical facts typed for several households in a burst; a person 认定 twice."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal.rules.signals_people import Determined, counted_twice, determination_bursts
from tests.conftest import make_id

AT = datetime(2020, 6, 20, 9, 10)
MOVED_IN = date(2020, 5, 28)


def person(n, entry, minutes=0.0, *, account=7, registered_on=MOVED_IN, **kwargs):
    kwargs.setdefault("decided_on", AT.date())
    kwargs.setdefault("id_number", make_id(n))
    kwargs.setdefault("verdict", "认定")
    return Determined(
        n,
        entry,
        n,
        f"JY{entry:03d}",
        "老城区棚改",
        f"人{n}",
        entered_at=AT + timedelta(minutes=minutes),
        account_id=account,
        account="郑界定",
        registered_on=registered_on,
        **kwargs,
    )


def bursts(entries):
    return [h.ids for h in determination_bursts(entries, households=3, minutes=10)]


@pytest.mark.parametrize(
    "entries, flagged",
    [
        ([person(1, 1, 0), person(2, 2, 4), person(3, 3, 9)], [(1, 2, 3)]),
        ([person(1, 1, 0), person(2, 2, 4), person(3, 3, 10)], [(1, 2, 3)]),  # ten minutes exactly is within
        ([person(1, 1, 0), person(2, 2, 4), person(3, 3, 10.5)], []),
        ([person(1, 1, 0), person(2, 1, 1), person(3, 2, 2), person(4, 2, 3)], []),  # two households only
        ([person(n, 1, n) for n in range(1, 7)], []),  # a family sharing its move-in date is not a burst
        ([person(1, 1, 0), person(2, 2, 4), person(3, 3, 5, account=8)], []),  # two accounts
        ([person(1, 1, 0), person(2, 2, 4), person(3, 3, 5, registered_on=date(2020, 5, 27))], []),  # facts differ
        ([person(1, 1, 0), person(2, 2, 1), person(3, 3, 2, typed=False)], []),  # an imported ledger's row
        ([person(n, n, n, registered_on=None) for n in range(1, 6)], []),  # 迁入日期不明 asserts nothing
        # A burst that goes on: overlapping windows make one hint with every determination in them.
        ([person(n, n, 4 * n) for n in range(1, 7)], [(1, 2, 3, 4, 5, 6)]),
        # Two bursts an hour apart are two hints.
        (
            [person(1, 1, 0), person(2, 2, 1), person(3, 3, 2), person(4, 4, 60), person(5, 5, 61), person(6, 6, 62)],
            [(1, 2, 3), (4, 5, 6)],
        ),
        # Entries within ten minutes of their neighbours but never three households in ten minutes.
        ([person(n, n, 6 * n) for n in range(1, 6)], []),
    ],
)
def test_determination_bursts(entries, flagged):
    assert bursts(entries) == flagged


def test_a_burst_names_the_account_the_minutes_the_facts_and_the_persons():
    [hint] = determination_bursts(
        [person(1, 1, 0), person(2, 2, 3, left_on=None), person(3, 3, 6)], households=3, minutes=10
    )
    assert hint.day == AT.date()
    assert hint.detail == (
        "郑界定 2020-06-20 09:10 至 09:16 录入 3 户 3 人的人口界定，界定事实完全相同（迁入日期 2020-05-28，实际居住）："
        "JY001 人1、JY002 人2、JY003 人3"
    )


entry_times = st.lists(st.tuples(st.integers(1, 6), st.integers(0, 180)), min_size=1, max_size=25)


@given(entry_times, st.integers(min_value=-(10**6), max_value=10**6))
def test_shifting_every_entry_time_by_the_same_amount_changes_nothing(times, minutes):
    entries = [person(n, entry, m) for n, (entry, m) in enumerate(times, start=1)]
    shifted = [person(d.id, d.entry_id, m + minutes) for d, (_, m) in zip(entries, times, strict=True)]
    assert bursts(shifted) == bursts(entries)


@given(st.lists(st.integers(1, 6), min_size=1, max_size=12))
def test_households_entered_at_a_genuine_pace_never_flag(households):
    """One household every six minutes: never three households within ten minutes."""
    entries, minute = [], 0
    for n, entry in enumerate(households, start=1):
        minute += 6
        entries.append(person(n, 100 + n, minute))  # each a household of its own
        entries += [person(1000 * n + k, 100 + n, minute) for k in range(entry - 1)]  # its members at once
    assert bursts(entries) == []


def test_a_person_counted_in_two_households_is_named_with_the_number_masked():
    number = make_id(7)
    first = person(1, 1, id_number=number, decided_on=date(2020, 6, 5))
    second = person(2, 2, id_number=number.lower(), decided_on=date(2020, 7, 2))
    [hint] = counted_twice([second, first])
    assert hint.ids == (1, 2) and hint.day == date(2020, 7, 2)
    assert number not in hint.detail and number[6:14] not in hint.detail
    assert hint.detail == (
        f"身份证号 {number[:6]}{'*' * 12} 的人在 2 处均被认定：老城区棚改 户 JY001 人1（2020-06-05 认定）、"
        "老城区棚改 户 JY002 人2（2020-07-02 认定）；同一人只应在一户认定"
    )


@pytest.mark.parametrize(
    "entries, flagged",
    [
        ([person(1, 1, id_number="X"), person(2, 2, id_number="X", verdict="不认定")], []),
        ([person(1, 1, id_number="X"), person(2, 2, id_number="X", verdict="待定")], []),
        ([person(1, 1, id_number="X"), person(2, 1, id_number="X")], []),  # one household (never two current)
        ([person(1, 1, id_number=""), person(2, 2, id_number="")], []),  # no number is nobody in particular
        ([person(1, 1, id_number="X"), person(2, 2, id_number="Y")], []),
        ([person(1, 1, id_number="X"), person(2, 2, id_number="X"), person(3, 3, id_number="X")], [(1, 2, 3)]),
    ],
)
def test_counted_twice(entries, flagged):
    assert [h.ids for h in counted_twice(entries)] == flagged


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=-5000, max_value=5000))
def test_a_counted_twice_text_never_holds_the_whole_number_and_shifts_with_the_dates(seq, days):
    number = make_id(seq, date(1950, 1, 1) + timedelta(days=abs(days)))
    shift = timedelta(days=days)
    pair = [
        person(1, 1, id_number=number, decided_on=date(2020, 6, 5) + shift),
        person(2, 2, id_number=number, decided_on=date(2020, 7, 2) + shift),
    ]
    [hint] = counted_twice(pair)
    assert number not in hint.detail and hint.day == date(2020, 7, 2) + shift
