"""When a renewal import batch may be undone: every record later work stands on is named, the others are not."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal import rules
from taizhang.renewal.rules.undo import SHOWN_REASONS


@pytest.mark.parametrize(
    "items, expected",
    [
        ([rules.ImportedMeasurement("院落 A01 2020-05-20 的测量")], []),
        (
            [rules.ImportedMeasurement("院落 A01 2020-05-20 的测量", ("JY001", "JY002"))],
            ["院落 A01 2020-05-20 的测量：户 JY001、JY002 已签约"],
        ),
        (
            [rules.ImportedMeasurement("厂房 F1 2020-05-22 的测量"), rules.ImportedMeasurement("院落 B", ("JY9",))],
            ["院落 B：户 JY9 已签约"],
        ),
    ],
)
def test_a_measurement_behind_a_signed_agreement_is_named(items, expected):
    assert rules.measurement_reasons(items) == expected


@pytest.mark.parametrize(
    "item, expected",
    [
        (rules.ImportedDetermination("张三（户 JY001）"), []),
        (rules.ImportedDetermination("张三（户 JY001）", signed=True), ["张三（户 JY001）该户已签约"]),
        (
            rules.ImportedDetermination("李梅（户 JY001）", posted_on=date(2020, 9, 1)),
            ["李梅（户 JY001）已于 2020-09-01 起公示"],
        ),
        (
            rules.ImportedDetermination("李梅（户 JY001）", redetermined=True),
            ["李梅（户 JY001）之后已在系统中重新界定"],
        ),
        (
            rules.ImportedDetermination("王五（户 JY101）", signed=True, posted_on=date(2020, 9, 1), redetermined=True),
            ["王五（户 JY101）该户已签约，已于 2020-09-01 起公示，之后已在系统中重新界定"],
        ),
    ],
)
def test_a_determination_signed_on_posted_or_redetermined_is_named_with_every_reason(item, expected):
    assert rules.determination_reasons([item]) == expected


@pytest.mark.parametrize(
    "sites, later, expected",
    [
        ({}, [], []),
        ({"JY001": 0}, [], []),
        ({"JY002": 1, "JY001": 2}, [], ["户 JY001 已登记院落 2 处", "户 JY002 已登记院落 1 处"]),
        ({}, ["人口界定 3 条", "协议 1 条"], ["这一批的户已有人口界定 3 条、协议 1 条"]),
    ],
)
def test_a_red_line_household_with_other_work_is_named(sites, later, expected):
    assert rules.entry_reasons(sites, later) == expected


def test_the_refusal_names_the_first_records_and_how_many_there_are():
    assert rules.undo_refusal([], "测量") == ""
    assert rules.undo_refusal(["甲", "乙"], "测量") == "这一批导入的测量已有后续工作，不能整批撤销：甲；乙。"
    many = [f"户 {n}" for n in range(SHOWN_REASONS + 2)]
    text = rules.undo_refusal(many, "户")
    assert text.endswith(f"；等共 {SHOWN_REASONS + 2} 处。") and f"户 {SHOWN_REASONS}" not in text


determinations = st.builds(
    rules.ImportedDetermination,
    label=st.text(min_size=1, max_size=8),
    signed=st.booleans(),
    posted_on=st.none() | st.dates(),
    redetermined=st.booleans(),
)


@given(st.lists(determinations, max_size=12))
def test_exactly_the_determinations_something_stands_on_are_named(items):
    reasons = rules.determination_reasons(items)
    blocked = [d for d in items if d.signed or d.posted_on or d.redetermined]
    assert len(reasons) == len(blocked)
    assert all(r.startswith(d.label) for r, d in zip(reasons, blocked, strict=True))
    assert bool(rules.undo_refusal(reasons, "人口界定")) == bool(blocked)


@given(st.lists(st.tuples(st.text(min_size=1, max_size=6), st.lists(st.text(min_size=1, max_size=4), max_size=3))))
def test_a_measurement_is_named_exactly_when_an_owner_has_signed(pairs):
    items = [rules.ImportedMeasurement(label, tuple(signed)) for label, signed in pairs]
    assert len(rules.measurement_reasons(items)) == sum(1 for _, signed in pairs if signed)
