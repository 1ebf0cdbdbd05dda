"""The agreement's later steps, 腾空 (vacate) and 拆除 (demolish): what registering one binds, and whether a unit
admin may withdraw it. A step is withdrawn only while no later step stands on it: 拆除 first, then 腾空."""

from __future__ import annotations

from dataclasses import replace

from taizhang.renewal.rules.compensation import Breakdown

VACATE, DEMOLISH = "腾空", "拆除"
STEPS = (VACATE, DEMOLISH)
VACATING_AWARD = "腾空奖励"


def withdraw_refusal(step: str, *, signed: bool, vacated: bool, demolished: bool, voided: bool = False) -> str:
    """Why `step` of an agreement in that state may not be withdrawn; empty when it may."""
    if step not in STEPS:
        raise ValueError(f"不认识的步骤：{step}")
    if voided:
        return "协议已作废，不能撤回"
    if step == VACATE:
        if demolished:
            return "已登记拆除，须先撤回拆除，才能撤回腾空"
        if not vacated:
            return "该户尚未登记腾空，没有可撤回的腾空" if signed else "协议尚未签约，没有可撤回的腾空"
        return ""
    return "" if demolished else "该户尚未登记拆除，没有可撤回的拆除"


def without_vacating_award(breakdown: Breakdown) -> Breakdown:
    """The frozen breakdown as it was before 腾空: the vacating award that 腾空 added taken out again."""
    return replace(breakdown, lines=[line for line in breakdown.lines if line.item != VACATING_AWARD])
