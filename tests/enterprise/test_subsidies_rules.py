"""The subsidy rules: conditions and formulas as data, checked when saved and evaluated to the fen."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.enterprise.rules import eligibility as rules
from taizhang.enterprise.rules.eligibility import Facts, RuleError


def facts(tags=(), active=True, park="食品饮料城", **numbers):
    return Facts(
        tags=frozenset(tags), numbers={k: Decimal(str(v)) for k, v in numbers.items()}, park=park, active=active
    )


RD_CLAUSE = (
    [{"field": "prev_rd", "op": ">=", "value": "500"}],
    {"kind": "rate", "of": "prev_rd", "rate": "10", "cap": "1000000"},
)
TOPUP = ([{"field": "four_new", "op": "=", "value": "是"}], {"kind": "topup", "rate": "30"})


@pytest.mark.parametrize(
    "clause, the_facts, eligible, amount",
    [
        (RD_CLAUSE, facts(prev_rd=600), True, "600000.00"),  # 600 万元 × 10 %
        (RD_CLAUSE, facts(prev_rd=2000), True, "1000000"),  # capped at 100 万元
        (RD_CLAUSE, facts(prev_rd=499.99), False, "0"),
        (RD_CLAUSE, facts(), False, "0"),  # no figure: not eligible
        (RD_CLAUSE, facts(prev_rd=600, active=False), False, "0"),  # left the zone
        (TOPUP, facts(["tag_new_model"], city_subsidy="333333.33"), True, "100000.00"),  # 99999.999 → half up
        (TOPUP, facts(["tag_new_model"], city_subsidy="0.05"), True, "0.02"),  # 0.015 → 0.02
        (TOPUP, facts(["tag_high_tech"], city_subsidy="100000"), False, "0"),  # not 四新
        (TOPUP, facts(["tag_new_technology"]), False, "0"),  # no city subsidy
        (
            ([{"field": "park", "op": "in", "value": "智能制造城、食品饮料城"}], {"kind": "fixed", "amount": "200000"}),
            facts(),
            True,
            "200000",
        ),
        (
            (
                [{"field": "tax_per_mu", "op": ">=", "value": "30"}],
                {
                    "kind": "tiers",
                    "of": "tax_per_mu",
                    "tiers": [{"from": "30", "amount": "100000"}, {"from": "50", "amount": "300000"}],
                },
            ),
            facts(tax_per_mu=55),
            True,
            "300000",
        ),
    ],
)
def test_a_clause_evaluates_to_eligibility_and_an_amount_in_yuan_to_the_fen(clause, the_facts, eligible, amount):
    conditions, formula = rules.check_clause("第三条", *clause)
    outcome = rules.evaluate((conditions, formula), the_facts)
    assert outcome.eligible is eligible
    assert outcome.amount == Decimal(amount)
    assert outcome.reasons


@pytest.mark.parametrize(
    "conditions, formula, message",
    [
        (
            [{"field": "利润", "op": ">=", "value": "1"}],
            {"kind": "fixed", "amount": "1"},
            "科技创新十条第三条第1个条件：字段“利润”不认识",
        ),
        (
            [{"field": "上年研发投入", "op": "≥", "value": "五百"}],
            {"kind": "fixed", "amount": "1"},
            "第1个条件：“上年研发投入”的数值“五百”不是数字",
        ),
        ([{"field": "四新", "op": ">=", "value": "1"}], {"kind": "fixed", "amount": "1"}, "标签“四新”只能写"),
        ([], {"kind": "fixed", "amount": "1.005"}, "科技创新十条第三条的金额计算：定额金额最多精确到分"),
        ([], {"kind": "rate", "of": "prev_rd", "rate": "120"}, "比例应在 0—100% 之间"),
        (
            [],
            {
                "kind": "tiers",
                "of": "tax_per_mu",
                "tiers": [{"from": "50", "amount": "1"}, {"from": "30", "amount": "2"}],
            },
            "第2档的起点应大于上一档",
        ),
        ([], {"kind": "topup", "rate": "30"}, "市级补贴配套只给四新企业"),
        ([], {"kind": "magic"}, "金额计算方式应为"),
    ],
)
def test_a_bad_clause_is_refused_naming_the_clause_and_the_bad_part(conditions, formula, message):
    with pytest.raises(RuleError) as refused:
        rules.check_clause("科技创新十条第三条", conditions, formula)
    assert message in str(refused.value)


def test_conditions_are_typed_one_a_line_with_labels_and_symbols():
    typed = rules.parse_conditions("上年研发投入 ≥ 500\n四新=是\n\n园区 属于 食品饮料城、智能制造城")
    checked, _ = rules.check_clause("第一条", typed, {"kind": "fixed", "amount": "10"})
    assert checked == [
        {"field": "prev_rd", "op": ">=", "value": "500"},
        {"field": "four_new", "op": "=", "value": "是"},
        {"field": "park", "op": "in", "value": "食品饮料城、智能制造城"},
    ]
    assert [rules.condition_text(c) for c in checked][0] == "上年研发投入 ≥ 500"
    with pytest.raises(RuleError, match="第1行"):
        rules.parse_conditions("研发投入很多")


def test_facts_derive_growth_intensity_tax_per_mu_and_years_settled():
    found = rules.facts_of(
        tags=frozenset(),
        year={"revenue": Decimal(12000), "tax": Decimal(600), "rd": Decimal(600)},
        prev={"revenue": Decimal(10000)},
        land_mu=Decimal(20),
        settled_on=date(2015, 5, 1),
        policy_year=2020,
    )
    assert found.numbers["revenue_growth"] == Decimal("20.00")
    assert found.numbers["rd_intensity"] == Decimal("5.00")
    assert found.numbers["tax_per_mu"] == Decimal("30.00")
    assert found.numbers["years_settled"] == 5
    assert found.numbers["prev_tax"] is None


@pytest.mark.parametrize(
    "paid_on, left_on, years, due",
    [
        (date(2020, 6, 1), date(2022, 5, 31), 2, True),
        (date(2020, 6, 1), date(2022, 6, 1), 2, False),
        (date(2020, 6, 1), date(2020, 5, 1), 2, False),  # left before the payment
        (date(2020, 6, 1), None, 2, False),
        (date(2020, 2, 29), date(2023, 2, 28), 3, True),
        (date(2020, 6, 1), date(2021, 1, 1), None, False),
    ],
)
def test_a_clawback_is_due_when_the_enterprise_left_within_the_years(paid_on, left_on, years, due):
    assert rules.clawback_due(paid_on=paid_on, left_on=left_on, years=years) is due


money = st.decimals(min_value=0, max_value=Decimal("1e9"), places=2)


@given(money)
def test_the_four_new_top_up_is_thirty_percent_to_the_fen_half_up(city):
    outcome = rules.evaluate(rules.check_clause("配套", *TOPUP), facts(["tag_new_industry"], city_subsidy=city))
    fen, remainder = divmod(int(city * 100) * 30, 100)  # in integer fen
    expected = Decimal(fen + (1 if remainder >= 50 else 0)) / 100
    assert outcome.amount == expected
    assert outcome.eligible is (expected > 0)


@given(
    st.decimals(min_value=0, max_value=Decimal("1e7"), places=4),
    st.decimals(min_value=Decimal("0.01"), max_value=100, places=2),
    money,
)
def test_a_rate_amount_never_exceeds_its_cap_and_has_at_most_two_decimals(figure, rate, cap):
    formula = {"kind": "rate", "of": "rd", "rate": str(rate), "cap": str(cap)}
    outcome = rules.evaluate(rules.check_clause("比例", [], formula), facts(rd=figure))
    assert outcome.amount <= cap
    assert outcome.amount == outcome.amount.quantize(Decimal("0.01"))


@given(st.decimals(min_value=-1000, max_value=1000, places=2), st.decimals(min_value=-1000, max_value=1000, places=2))
def test_a_number_condition_holds_exactly_when_the_comparison_does(actual, limit):
    for op, holds in ((">=", actual >= limit), ("<=", actual <= limit), ("<", actual < limit), ("=", actual == limit)):
        checked = rules.check_clause(
            "条", [{"field": "tax", "op": op, "value": str(limit)}], {"kind": "fixed", "amount": "1"}
        )
        assert rules.evaluate(checked, facts(tax=actual)).eligible is holds
