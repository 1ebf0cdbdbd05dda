"""增量分享 and the portfolio's figures: tables of cases and properties."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.enterprise.rules import portfolio, sharing
from taizhang.enterprise.rules.portfolio import Holding

D = Decimal


@pytest.mark.parametrize(
    ("revenue", "base", "share", "increment", "zone", "district", "shortfall"),
    [
        ("1700.5", "1500", "60", "200.5", "120.3", "80.2", "0"),
        ("1500", "1500", "60", "0", "0", "0", "0"),  # no growth, nothing shared
        ("1400", "1500", "60", "0", "0", "0", "100"),  # below the base: a shortfall, never a negative share
        ("1000.0001", "1000", "50", "0.0001", "0.0001", "0", "0"),  # half of 1 yuan rounds up to the zone
        ("1000.0003", "1000", "50", "0.0003", "0.0002", "0.0001", "0"),
        ("1000.0001", "1000", "49.99", "0.0001", "0", "0.0001", "0"),  # below half: the district's
        ("2000", "1000", "100", "1000", "1000", "0", "0"),
        ("2000", "1000", "0", "1000", "0", "1000", "0"),
        ("1234.56785", "0", "33.33", "1234.5679", "411.4815", "823.0864", "0"),  # revenue itself to 0.0001 half up
    ],
)
def test_the_split_of_a_year(revenue, base, share, increment, zone, district, shortfall):
    found = sharing.split(revenue=D(revenue), base=D(base), share_percent=D(share))
    assert (found.increment, found.zone, found.district, found.shortfall) == tuple(
        D(x) for x in (increment, zone, district, shortfall)
    )


@pytest.mark.parametrize(
    ("share", "message"), [("100.01", "0%—100%"), ("-1", "0%—100%"), ("60.005", "两位小数"), ("NaN", "0%—100%")]
)
def test_a_share_outside_0_to_100_or_too_fine_is_refused(share, message):
    with pytest.raises(sharing.SharingRefused, match=message):
        sharing.split(revenue=D(1), base=D(0), share_percent=D(share))


def test_negative_amounts_are_refused():
    with pytest.raises(sharing.SharingRefused, match="负数"):
        sharing.split(revenue=D(-1), base=D(0), share_percent=D(50))


@pytest.mark.parametrize(
    ("amount", "base_year_revenue", "expected"),
    [("800", "900", "800"), (None, "900.12345", "900.1235"), (None, None, None), ("0", None, "0")],
)
def test_the_base_is_the_set_amount_else_the_base_years_revenue(amount, base_year_revenue, expected):
    found = sharing.base_from(amount and D(amount), base_year_revenue and D(base_year_revenue))
    assert found == (expected and D(expected))


@pytest.mark.parametrize(
    ("year", "effective", "expected"),
    [(2019, [2019, 2022], 2019), (2021, [2019, 2022], 2019), (2022, [2019, 2022], 2022), (2018, [2019], None)],
)
def test_the_rule_in_force_is_the_latest_that_took_effect(year, effective, expected):
    assert sharing.rule_for(year, effective) == expected


@pytest.mark.parametrize(("text", "expected"), [("60", "60"), ("60%", "60"), (" 33.5 ％", "33.5")])
def test_a_percent_as_typed(text, expected):
    assert sharing.parse_percent(text) == D(expected)


wan = st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False)
percent = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(revenue=wan, base=wan, share=percent)
def test_the_two_parts_add_up_to_the_increment_exactly(revenue, base, share):
    found = sharing.split(revenue=revenue, base=base, share_percent=share)
    assert found.zone + found.district == found.increment
    assert found.increment == max(revenue - base, 0) and found.shortfall == max(base - revenue, 0)
    assert 0 <= found.zone <= found.increment and found.district >= 0
    assert abs(found.zone - found.increment * share / 100) <= D("0.00005")
    parts = (found.increment, found.zone, found.district, found.shortfall)
    assert all(x.as_tuple().exponent == -4 for x in parts)  # always shown to 0.0001 万元


@given(revenue=wan, base=wan, low=percent, high=percent)
def test_a_larger_share_never_leaves_the_zone_less(revenue, base, low, high):
    low, high = sorted((low, high))
    assert (
        sharing.split(revenue=revenue, base=base, share_percent=low).zone
        <= sharing.split(revenue=revenue, base=base, share_percent=high).zone
    )


# --- the portfolio ----------------------------------------------------------------------------------------------


def test_the_portfolio_values_held_stakes_at_the_latest_valuation_or_cost_and_exits_at_their_proceeds():
    holdings = [
        Holding(invested=D(1000), latest_value=D(1800), group="食品饮料"),
        Holding(invested=D(2000), group="智能制造"),  # never valued: at cost
        Holding(invested=D(500), latest_value=D(900), proceeds=D(675), group="食品饮料"),  # exited
    ]
    found = portfolio.figures(holdings)
    assert (found.stakes, found.held) == (3, 2)
    assert (found.invested, found.current_value, found.realised) == (D(3500), D(3800), D(675))
    assert found.tvpi == D("1.28")  # 4475 ÷ 3500 = 1.2786
    assert found.dpi == D("0.19")
    assert found.gain == D(975)
    by_chain = dict(portfolio.by_group(holdings))
    assert list(by_chain) == ["食品饮料", "智能制造"]
    assert by_chain["食品饮料"].tvpi == D("1.65")  # (1800 + 675) ÷ 1500
    assert by_chain["智能制造"].tvpi == D("1.00")


@pytest.mark.parametrize(
    ("value", "invested", "expected"),
    [("1", "3", "0.33"), ("2", "3", "0.67"), ("1.005", "1", "1.01"), ("0", "5", "0.00"), ("5", "0", None)],
)
def test_a_multiple_is_to_two_decimals_half_up_and_none_without_investment(value, invested, expected):
    assert portfolio.multiple(D(value), D(invested)) == (expected and D(expected))


def test_the_latest_valuation_is_by_date_and_the_later_entry_of_a_day_wins():
    valuations = [(date(2021, 3, 1), D(5)), (date(2020, 3, 1), D(9)), (date(2021, 3, 1), D(6))]
    assert portfolio.latest(valuations) == D(6)
    assert portfolio.latest(valuations, until=date(2020, 12, 31)) == D(9)
    assert portfolio.latest([]) is None


holding = st.builds(
    Holding,
    invested=st.decimals(min_value="0.0001", max_value=10**6, places=4),
    latest_value=st.none() | st.decimals(min_value=0, max_value=10**7, places=4),
    proceeds=st.none() | st.decimals(min_value=0, max_value=10**7, places=4),
    group=st.sampled_from(["甲", "乙", "丙"]),
)


@given(st.lists(holding, max_size=12))
def test_the_groups_add_up_to_the_whole_portfolio(holdings):
    whole = portfolio.figures(holdings)
    parts = [f for _, f in portfolio.by_group(holdings)]
    for name in ("stakes", "held", "invested", "current_value", "realised"):
        assert sum((getattr(f, name) for f in parts), type(getattr(whole, name))(0)) == getattr(whole, name)
    if whole.invested:
        assert abs(whole.tvpi - whole.total_value / whole.invested) <= D("0.005")
