"""Renewal signals about agreements: a signed agreement's amount that moved other than by the steps that may move it.
No Django here.

Once signed, an agreement's amount is frozen: the only ways it moves are registering 腾空 by a deadline of the frozen
policy (its vacating award is added), withdrawing that 腾空 (the award is taken out), or voiding the agreement — audited
with its reason — and signing a new one. An amount raised any other way, in the audit trail or behind it, is what an
inspector wants to see.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from taizhang.renewal.rules.signals import Hint, day_text, moment_text, yuan_text

UNSIGNED, SIGNED, VACATED = "未签约", "已签约", "已腾空"
# Status changes (as the trail writes them) that may move a signed agreement's amount: 腾空 and its withdrawal.
AMOUNT_STEPS = {(SIGNED, VACATED), (VACATED, SIGNED)}


@dataclass(frozen=True)
class AmountEvent:
    """One audit entry of the agreement, as far as the amount goes."""

    id: int
    at: datetime  # local time
    actor: str
    status: tuple[str | None, str | None] | None = None  # 状态 [before, after] when it changed
    amount: tuple[Decimal | None, Decimal | None] | None = None  # 补偿金额 [before, after] when it changed
    reason: str = ""


@dataclass(frozen=True)
class SignedAgreement:
    id: int
    name: str  # "协议 2020-0001（户 JY001）"
    amount: Decimal | None  # what the agreement says now
    breakdown_total: Decimal | None  # the sum of its frozen breakdown's lines
    last_written: date  # the day the row was last saved
    events: tuple[AmountEvent, ...] = ()  # its audit trail, oldest first


def amount_moves(agreements: Iterable[SignedAgreement]) -> list[Hint]:
    """For each agreement signed in its audit trail: every audited change of the amount after signing that is not a
    腾空 step or its withdrawal (about the day of the change), and an amount that is not the one the trail last
    recorded (changed behind the trail; about the day the row was last saved)."""
    hints = []
    for agreement in agreements:
        signed, audited = False, None
        for event in agreement.events:
            if event.amount is not None:
                audited = event.amount[1]
            if event.status == (UNSIGNED, SIGNED):
                signed = True
                continue
            if not signed or event.amount is None or event.amount[0] == event.amount[1]:
                continue
            if event.status in AMOUNT_STEPS:
                continue
            before, after = event.amount
            hints.append(
                Hint(
                    (agreement.id,),
                    event.at.date(),
                    f"{agreement.name}签约后，{event.actor} {moment_text(event.at)} 将补偿金额由 {_money(before)}改为 "
                    f"{_money(after)}，不是腾空登记或撤回，也没有作废重签"
                    + (f"（原因：{event.reason}）" if event.reason else ""),
                    key=f"audited:{agreement.id}:{event.id}",
                )
            )
        if signed and agreement.amount != audited:
            text = (
                f"{agreement.name}现在的补偿金额 {_money(agreement.amount)}与审计记录最后登记的 {_money(audited)}"
                f"不符：金额在审计记录之外被改动（该协议最后保存于 {day_text(agreement.last_written)}）"
            )
            if agreement.breakdown_total is not None and agreement.breakdown_total != agreement.amount:
                text += f"；计算明细合计仍为 {_money(agreement.breakdown_total)}"
            hints.append(
                Hint((agreement.id,), agreement.last_written, text, key=f"unaudited:{agreement.id}:{agreement.amount}")
            )
    return hints


def _money(value: Decimal | None) -> str:
    return "（空）" if value is None else yuan_text(value)
