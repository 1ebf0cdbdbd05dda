"""The policy as data: JSON round trip, the admin's mistakes in Chinese, amounts in capital numerals."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal import rules
from tests.renewal.scoping_compensation import EXAMPLE_POLICY, example_data

amounts = st.decimals(Decimal("0"), Decimal("99999"), places=2)
clauses = st.builds(rules.Clause, amounts, st.sampled_from(["第十七条", "第二十条", "第3条（二）"]))
deadlines = st.builds(rules.Deadline, st.dates(date(2019, 1, 1), date(2030, 12, 31)), amounts, st.just("第二十五条"))


@st.composite
def policies(draw):
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(rules.POLICY_STRUCTURES), st.sampled_from(rules.POLICY_CERTIFICATES)),
            min_size=1,
            unique=True,
        )
    )

    def awards():
        found = draw(st.lists(deadlines, max_size=3, unique_by=lambda d: d.by))
        found.sort(key=lambda d: d.by)
        # the first deadline met pays: earlier deadlines pay at least as much as later ones
        values = sorted((d.amount for d in found), reverse=True)
        return tuple(rules.Deadline(d.by, v, d.clause) for d, v in zip(found, values, strict=True))

    return rules.Policy(
        name=draw(st.text(min_size=1, max_size=20).filter(str.strip).map(str.strip)),
        unit_prices={k: draw(clauses) for k in keys},
        decoration_per_m2=draw(clauses),
        attachment_prices={
            k: draw(clauses) for k in draw(st.lists(st.sampled_from(["水井", "树木", "围墙"]), unique=True))
        },
        relocation_fee=draw(clauses),
        temporary_fee_per_month=draw(clauses),
        monetary_temporary_months=draw(st.integers(0, 24)),
        signing_awards=awards(),
        vacating_awards=awards(),
        area_per_person=draw(clauses),
        price_within_entitlement=draw(clauses),
        price_above_entitlement=draw(clauses),
        price_below_entitlement=draw(clauses),
    )


@given(policies())
def test_a_policy_survives_the_round_trip_through_json(policy):
    import json

    data = json.loads(json.dumps(rules.policy_to_data(policy)))
    assert rules.policy_errors(data) == []
    assert rules.policy_from_data(data) == policy


def test_the_docs_policy_is_stored_with_strings_and_iso_dates():
    data = example_data()
    assert data["decoration_per_m2"] == {"amount": "300", "clause": "第十九条"}
    assert data["signing_awards"][0] == {"by": "2020-08-31", "amount": "20000", "clause": "第二十五条"}
    assert rules.policy_from_data(data) == EXAMPLE_POLICY


def _with(**changes):
    return rules.policy_errors(example_data(**changes))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"decoration_per_m2": {"amount": "-1", "clause": "第十九条"}}, "装修补偿（元/m²）不能为负数"),
        ({"decoration_per_m2": {"amount": "300", "clause": ""}}, "装修补偿（元/m²）未注明政策条款"),
        ({"relocation_fee": None}, "搬迁费（元/次）未填写"),
        (
            {"temporary_fee_per_month": {"amount": "九百", "clause": "第二十二条"}},
            "临时安置费（元/月）：“九百”不是有效的数字",
        ),
        (
            {"temporary_fee_per_month": {"amount": "900.123", "clause": "第二十二条"}},
            "临时安置费（元/月）最多保留两位小数",
        ),
        ({"unit_prices": []}, "至少填写一种房屋结构的单价"),
        (
            {"unit_prices": [{"structure": "砖混", "certificate": "违建", "amount": "1", "clause": "第十七条"}]},
            "房屋单价（砖混、违建）：结构应为钢混/砖混/砖木/简易，证照应为有证/无证",
        ),
        (
            {"unit_prices": [{"structure": "砖混", "certificate": "有证", "amount": "-3200", "clause": "第十七条"}]},
            "房屋单价（砖混、有证）不能为负数",
        ),
        (
            {
                "attachment_prices": [
                    {"kind": "水井", "amount": "800", "clause": "第二十条"},
                    {"kind": "水井", "amount": "900", "clause": "第二十条"},
                ]
            },
            "附属物“水井”重复",
        ),
        (
            {
                "signing_awards": [
                    {"by": "2020-08-31", "amount": "20000", "clause": "第二十五条"},
                    {"by": "2020-08-31", "amount": "10000", "clause": "第二十五条"},
                ]
            },
            "签约奖励的期限 2020-08-31 重复",
        ),
        (
            {
                "signing_awards": [
                    {"by": "2020-08-31", "amount": "10000", "clause": "第二十五条"},
                    {"by": "2020-10-31", "amount": "20000", "clause": "第二十五条"},
                ]
            },
            "签约奖励：2020-08-31 前的奖励（10,000.00 元）不应低于 2020-10-31 前的奖励（20,000.00 元）",
        ),
        (
            {"vacating_awards": [{"by": "2020-13-01", "amount": "1", "clause": "第二十六条"}]},
            "腾空奖励的期限“2020-13-01”不是有效日期",
        ),
        (
            {"vacating_awards": [{"by": "2020-09-30", "amount": "10000", "clause": ""}]},
            "腾空奖励（2020-09-30 前）未注明政策条款",
        ),
        ({"monetary_temporary_months": -1}, "货币补偿计发临时安置费的月数“-1”应为不小于 0 的整数"),
        ({"price_above_entitlement": None}, "规定了人均安置面积，还须填写超出应安置面积购房价（元/m²）"),
    ],
)
def test_a_policys_mistakes_are_named_in_chinese(changes, message):
    assert message in _with(**changes)


def test_invalid_data_is_refused_with_every_message():
    with pytest.raises(ValueError, match="装修补偿（元/m²）不能为负数；搬迁费（元/次）未填写"):
        rules.policy_from_data(example_data(decoration_per_m2={"amount": "-1", "clause": "x"}, relocation_fee=None))


def test_a_monetary_only_policy_needs_no_entitlement():
    assert (
        _with(
            area_per_person=None,
            price_within_entitlement=None,
            price_above_entitlement=None,
            price_below_entitlement=None,
        )
        == []
    )


@pytest.mark.parametrize(
    "value, text",
    [
        ("444691.50", "肆拾肆万肆仟陆佰玖拾壹元伍角整"),
        ("205741.50", "贰拾万伍仟柒佰肆拾壹元伍角整"),
        ("0", "零元整"),
        ("0.05", "伍分"),
        ("10001.01", "壹万零壹元零壹分"),
        ("1000000", "壹佰万元整"),
        ("1010.10", "壹仟零壹拾元壹角整"),
        ("100500", "壹拾万零伍佰元整"),
        ("-24750", "负贰万肆仟柒佰伍拾元整"),
        ("120000050.30", "壹亿贰仟万零伍拾元叁角整"),
    ],
)
def test_amounts_in_capital_numerals(value, text):
    assert rules.capital_yuan(Decimal(value)) == text


def test_a_breakdown_survives_being_frozen():
    case = rules.Case(
        buildings=(
            rules.Building("正房", "砖混", "有证", Decimal("96.35")),
            rules.Building("棚", "简易", "违建", Decimal("9")),
        )
    )
    breakdown = rules.monetary(case, EXAMPLE_POLICY)
    again = rules.breakdown_from_data(rules.breakdown_to_data(breakdown))
    assert again == breakdown and again.total == breakdown.total


@pytest.mark.parametrize("vacated, award", [(date(2020, 9, 30), Decimal("10000.00")), (date(2020, 10, 1), None)])
def test_the_vacating_award_by_its_deadline(vacated, award):
    line = rules.vacating_award(EXAMPLE_POLICY, vacated)
    assert (line.amount if line else None) == award
