"""What 腾空 and 拆除 leave withdrawable: a step only while no later step stands on it."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal import rules

V, D = rules.VACATE, rules.DEMOLISH


@pytest.mark.parametrize(
    "step, signed, vacated, demolished, voided, refusal",
    [
        (V, True, True, False, False, ""),
        (V, True, True, True, False, "已登记拆除，须先撤回拆除，才能撤回腾空"),
        (V, True, False, False, False, "该户尚未登记腾空，没有可撤回的腾空"),
        (V, False, False, False, False, "协议尚未签约，没有可撤回的腾空"),
        (D, True, True, True, False, ""),
        (D, True, True, False, False, "该户尚未登记拆除，没有可撤回的拆除"),
        (V, True, True, False, True, "协议已作废，不能撤回"),
    ],
)
def test_what_may_be_withdrawn(step, signed, vacated, demolished, voided, refusal):
    assert rules.withdraw_refusal(step, signed=signed, vacated=vacated, demolished=demolished, voided=voided) == refusal


def test_an_unknown_step_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.withdraw_refusal("签约", signed=True, vacated=False, demolished=False)


@given(st.booleans(), st.booleans())
def test_vacating_is_never_withdrawable_while_the_demolition_stands(signed, vacated):
    assert rules.withdraw_refusal(V, signed=signed, vacated=vacated, demolished=True)


@given(st.lists(st.sampled_from(["房屋补偿", "装修补偿", "签约奖励", "腾空奖励"]), max_size=6))
def test_taking_the_vacating_award_out_leaves_every_other_line(items):
    lines = [rules.Line(item, "", Decimal(i + 1), "", "") for i, item in enumerate(items)]
    kept = rules.without_vacating_award(rules.Breakdown("货币补偿", lines)).lines
    assert kept == [line for line in lines if line.item != "腾空奖励"]


def test_withdrawing_the_award_restores_the_signed_total():
    signed = rules.Breakdown("货币补偿", [rules.Line("房屋补偿", "", Decimal("100.00"), "", "")])
    award = rules.Line("腾空奖励", date(2020, 9, 25).isoformat(), Decimal("10000.00"), "", "")
    vacated = rules.Breakdown("货币补偿", [*signed.lines, award])
    assert rules.without_vacating_award(vacated).total == signed.total
