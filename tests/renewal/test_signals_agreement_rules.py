"""The agreement signal's rule: a signed agreement's amount that moved other than by 腾空 or its withdrawal."""

from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal.rules.signals_agreement import AmountEvent, SignedAgreement, amount_moves

AT = datetime(2020, 7, 1, 10, 0)


def event(n, days, status=None, amount=None, reason=""):
    return AmountEvent(
        n,
        AT + timedelta(days=days),
        "周主任（jy_admin）",
        status=status,
        amount=tuple(None if a is None else D(a) for a in amount) if amount else None,
        reason=reason,
    )


CHOSEN = event(1, 0, (None, "未签约"))
SIGNED = event(2, 1, ("未签约", "已签约"), (None, "400000.00"))
VACATED = event(3, 10, ("已签约", "已腾空"), ("400000.00", "410000.00"))
WITHDRAWN = event(4, 12, ("已腾空", "已签约"), ("410000.00", "400000.00"), "撤回腾空：登记错了")
RAISED = event(5, 20, None, ("400000.00", "460000.00"))
DEMOLISHED = event(6, 30, ("已腾空", "已拆除"))


def agreement(events, amount, total=None, written=date(2020, 8, 1)):
    return SignedAgreement(
        9, "协议 2020-0001（户 JY001）", D(amount), D(total) if total else None, written, tuple(events)
    )


@pytest.mark.parametrize(
    "events, amount, days",
    [
        ([CHOSEN, SIGNED], "400000.00", []),
        ([CHOSEN, SIGNED, VACATED, DEMOLISHED], "410000.00", []),  # the vacating award
        ([CHOSEN, SIGNED, VACATED, WITHDRAWN], "400000.00", []),  # and its withdrawal
        ([CHOSEN, SIGNED, RAISED], "460000.00", [date(2020, 7, 21)]),  # raised in the trail, no step
        ([CHOSEN, SIGNED], "460000.00", [date(2020, 8, 1)]),  # raised behind the trail
        ([CHOSEN, SIGNED, RAISED], "480000.00", [date(2020, 7, 21), date(2020, 8, 1)]),  # both
        # Before signing the amount is not frozen (and the trail has not recorded one): nothing to say.
        ([CHOSEN, event(7, 0, None, (None, "1.00")), SIGNED], "400000.00", []),
        ([CHOSEN], "0.00", []),
    ],
)
def test_amount_moves(events, amount, days):
    assert [h.day for h in amount_moves([agreement(events, amount)])] == days


def test_the_sentences_name_the_agreement_the_amounts_and_who():
    audited, behind = amount_moves([agreement([CHOSEN, SIGNED, RAISED], "480000.00", total="400000.00")])
    assert audited.detail == (
        "协议 2020-0001（户 JY001）签约后，周主任（jy_admin） 2020-07-21 10:00 将补偿金额由 400,000.00 元改为 "
        "460,000.00 元，不是腾空登记或撤回，也没有作废重签"
    )
    assert behind.detail == (
        "协议 2020-0001（户 JY001）现在的补偿金额 480,000.00 元与审计记录最后登记的 460,000.00 元不符：金额在审计记录"
        "之外被改动（该协议最后保存于 2020-08-01）；计算明细合计仍为 400,000.00 元"
    )
    assert audited.key != behind.key


@given(st.integers(min_value=-(10**5), max_value=10**5), st.booleans())
def test_shifting_every_time_by_the_same_amount_changes_nothing(minutes, raised):
    events = [CHOSEN, SIGNED, VACATED, *([RAISED] if raised else []), DEMOLISHED]
    shift = timedelta(minutes=minutes)
    moved = [
        AmountEvent(e.id, e.at + shift, e.actor, status=e.status, amount=e.amount, reason=e.reason) for e in events
    ]
    amount = "460000.00" if raised else "410000.00"
    before = amount_moves([agreement(events, amount)])
    after = amount_moves([agreement(moved, amount)])
    assert [h.ids for h in after] == [h.ids for h in before] == ([(9,)] if raised else [])
    assert [h.day for h in after] == [(e.at + shift).date() for e in events if e is RAISED]
