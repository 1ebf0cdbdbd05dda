"""优绩优酬 rules: the base, the pool shared out by coefficients to the fen, and the committee's typed numbers."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.people.rules.pay import (
    DEFAULT_COEFFICIENTS,
    PayRefused,
    Share,
    allocate,
    base,
    exact_share,
    parse_amount,
    parse_coefficient,
    performance_share,
)

D = Decimal


@pytest.mark.parametrize(
    ("pay", "months", "share", "expected"),
    [
        ("4000", 3, "30", "3600.00"),
        ("5000", 3, "35", "5250.00"),
        ("8000", 12, "40", "38400.00"),
        ("3333.33", 1, "33.33", "1111.00"),  # 1110.9989 → half up to the fen
        ("4000", 3, "0", "0.00"),
    ],
)
def test_the_base_is_post_pay_times_months_times_the_share_to_the_fen(pay, months, share, expected):
    assert base(monthly_pay=D(pay), months=months, share_percent=D(share)) == D(expected)


@pytest.mark.parametrize(
    ("pool", "shares", "expected"),
    [
        # the worked table: equal bases, coefficients 1.2 / 1.0 / 0.8 / 0
        ("3000", [("1000", "1.2"), ("1000", "1.0"), ("1000", "0.8"), ("1000", "0")], ["1200", "1000", "800", "0"]),
        # 100.00 in three equal shares: 33.33 each and the fen left over to the first line (equal fractions)
        ("100", [("1", "1"), ("1", "1"), ("1", "1")], ["33.34", "33.33", "33.33"]),
        # the largest fraction wins the fen, whatever its order
        ("10", [("1", "1"), ("2", "1")], ["3.33", "6.67"]),
        ("0", [("1", "1"), ("2", "1")], ["0", "0"]),
        ("0.01", [("5", "1"), ("5", "1"), ("5", "1")], ["0.01", "0", "0"]),
    ],
)
def test_the_pool_is_shared_by_base_times_coefficient_and_adds_up(pool, shares, expected):
    amounts = allocate(D(pool), [Share(D(b), D(c)) for b, c in shares])
    assert amounts == [D(e) for e in expected]
    assert sum(amounts) == D(pool)


@pytest.mark.parametrize(
    ("pool", "shares"),
    [("100", [("1000", "0"), ("2000", "0")]), ("100", [("0", "1.2")]), ("100", []), ("-1", [("1", "1")])],
)
def test_a_pool_nobody_can_receive_or_a_negative_pool_is_refused_in_chinese(pool, shares):
    with pytest.raises(PayRefused, match="[\u4e00-\u9fff]"):
        allocate(D(pool), [Share(D(b), D(c)) for b, c in shares])


def test_a_zero_pool_for_nobody_eligible_pays_zero():
    assert allocate(D(0), [Share(D(1), D(0))]) == [D(0)]


@pytest.mark.parametrize(
    ("text", "expected"), [("120000", "120000"), ("1,200.50", "1200.50"), (" 0 ", "0"), ("99.9", "99.9")]
)
def test_an_amount_may_have_commas_and_up_to_two_decimals(text, expected):
    assert parse_amount(text) == D(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "不是金额"),
        ("-5", "负数"),
        ("1.234", "精确到分"),
        ("1" * 3000, "过大"),
        ("NaN", "不是金额"),
        ("1e5000", "过大"),
    ],
)
def test_a_malformed_amount_is_refused_in_chinese(text, message):
    with pytest.raises(PayRefused, match=message):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [("x", "不是数字"), ("11", "0 到 10"), ("-0.1", "0 到 10"), ("1.234", "两位"), ("inf", "不是数字")],
)
def test_a_malformed_coefficient_is_refused_naming_the_grade(text, message):
    with pytest.raises(PayRefused, match=message) as refused:
        parse_coefficient(text, grade="excellent")
    assert "优秀" in str(refused.value)


def test_the_default_coefficients_are_the_issues():
    assert {"excellent": D("1.2"), "pass": D("1"), "basic": D("0.8"), "fail": D("0")} == DEFAULT_COEFFICIENTS


def test_the_share_of_performance_pay_in_what_was_paid():
    assert performance_share(D(3600), D(8400)) == D("30.0")
    assert performance_share(D(0), D(0)) is None


# --- properties ---------------------------------------------------------------------------------------------

money = st.decimals(D("0"), D("99999.99"), places=2)
coefficients = st.sampled_from([D("0"), D("0.8"), D("1.0"), D("1.2"), D("0.01"), D("2.55")])
sheets = st.lists(st.builds(Share, money, coefficients), min_size=1, max_size=40).filter(
    lambda shares: any(s.base * s.coefficient > 0 for s in shares)
)


@given(money, sheets)
def test_the_sheet_adds_up_to_the_pool_to_the_fen_for_any_inputs(pool, shares):
    amounts = allocate(pool, shares)
    assert sum(amounts) == pool
    assert all(a >= 0 and a == a.quantize(D("0.01")) for a in amounts)


@given(money, sheets)
def test_each_amount_is_within_one_fen_of_the_exact_share(pool, shares):
    for i, amount in enumerate(allocate(pool, shares)):
        assert abs(Fraction(amount) - exact_share(pool, shares, i)) < Fraction(1, 100)


@given(money, sheets, st.data())
def test_raising_ones_coefficient_never_lowers_ones_amount(pool, shares, data):
    i = data.draw(st.integers(0, len(shares) - 1))
    higher = data.draw(st.decimals(shares[i].coefficient, D("10"), places=2))
    raised = [*shares[:i], Share(shares[i].base, higher), *shares[i + 1 :]]
    assert allocate(pool, raised)[i] >= allocate(pool, shares)[i]


@given(money, sheets)
def test_nobody_with_a_zero_coefficient_is_paid(pool, shares):
    for share, amount in zip(shares, allocate(pool, shares), strict=True):
        if share.coefficient == 0 or share.base == 0:
            assert amount == 0
