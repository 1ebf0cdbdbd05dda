"""The contract rules: years of a term, shares as townships write them, what a valid contract is, overlaps."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.people.rules import posts as rules

D = Decimal


@pytest.mark.parametrize(
    ("starts", "ends", "years"),
    [
        (date(2020, 1, 1), date(2022, 12, 31), 3),
        (date(2020, 1, 1), date(2023, 1, 1), 4),
        (date(2020, 1, 1), date(2020, 1, 1), 1),
        (date(2020, 7, 1), date(2021, 6, 30), 1),
        (date(2020, 2, 29), date(2021, 2, 27), 1),
        (date(2020, 2, 29), date(2021, 2, 28), 2),
        (date(2020, 1, 2), date(2020, 1, 1), 0),
    ],
)
def test_a_terms_years_start_on_each_anniversary(starts, ends, years):
    assert rules.term_years(starts, ends) == years


@pytest.mark.parametrize(
    ("text", "years", "shares"),
    [
        ("30%→35%→40%", 3, [D(30), D(35), D(40)]),
        ("30,35,40", 3, [D(30), D(35), D(40)]),
        ("30，35，40", None, [D(30), D(35), D(40)]),
        ("30％ -> 35％ -> 40％", None, [D(30), D(35), D(40)]),
        ("30 35.5", None, [D(30), D("35.5")]),
        ("30", 3, [D(30), D(30), D(30)]),
        ("30%", 1, [D(30)]),
        ("0", 2, [D(0), D(0)]),
    ],
)
def test_shares_are_read_as_townships_write_them(text, years, shares):
    assert rules.parse_shares(text, years) == shares


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "不能为空"),
        ("三十", "不是百分数"),
        ("30,abc", "“abc”不是百分数"),
        ("120", "0 到 100"),
        ("-5", "0 到 100"),
        ("30.123", "两位小数"),
        ("NaN", "0 到 100"),
        ("3" * 3000, "太长"),
    ],
)
def test_shares_that_cannot_be_read_are_refused_in_chinese(text, says):
    with pytest.raises(rules.ShareError) as caught:
        rules.parse_shares(text, 3)
    assert says in caught.value.message


def test_a_contract_needs_one_share_per_year_of_its_term_and_an_end_after_its_start():
    ok = dict(starts_on=date(2020, 1, 1), ends_on=date(2022, 12, 31), probation_months=3, monthly_pay=D(4000))
    assert rules.contract_problems(shares=[D(30), D(35), D(40)], **ok) == []
    assert "每年一个（共 3 个），现为 2 个" in rules.contract_problems(shares=[D(30), D(35)], **ok)[0]
    backwards = {**ok, "ends_on": date(2019, 12, 31)}
    assert rules.contract_problems(shares=[D(30)], **backwards) == ["聘期结束日期应晚于聘期开始日期"]
    assert "试用期" in rules.contract_problems(shares=[D(30)] * 3, **{**ok, "probation_months": 13})[0]
    assert "岗位工资" in rules.contract_problems(shares=[D(30)] * 3, **{**ok, "monthly_pay": D(0)})[0]


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
share = st.decimals(min_value=0, max_value=100, places=2)


@given(days, st.integers(min_value=0, max_value=4000))
def test_the_years_of_a_term_cover_it_exactly(starts, length):
    ends = starts + timedelta(days=length)
    years = rules.term_years(starts, ends)
    assert rules.anniversary(starts, years - 1) <= ends < rules.anniversary(starts, years)


@given(st.lists(share, min_size=1, max_size=10), st.sampled_from(["→", ",", "，", "、", " ", "%→"]))
def test_written_shares_read_back_as_they_were(shares, separator):
    text = separator.join(rules.share_str(s) for s in shares)
    assert rules.parse_shares(text) == shares


@given(share, st.integers(min_value=1, max_value=10))
def test_one_share_stands_for_every_year(value, years):
    assert rules.parse_shares(rules.share_str(value), years) == [value] * years


@given(days, days, days, days)
def test_overlap_is_symmetric_and_means_a_shared_day(a, b, c, d):
    a, b, c, d = *sorted((a, b)), *sorted((c, d))
    shared = max(a, c) <= min(b, d)
    assert rules.overlaps(a, b, c, d) == rules.overlaps(c, d, a, b) == shared


@given(days, days)
def test_an_ending_is_withdrawable_for_seven_days(ended, today):
    assert rules.may_withdraw_ending(ended, today) == (today <= ended + timedelta(days=7))
