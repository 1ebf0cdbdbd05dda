"""A policy version as data: stored as JSON (CompensationPolicy.data), amounts as strings (Decimals exactly as
written), dates ISO. The unit admin edits it as a form; these turn it into a `Policy` and back, and say what is wrong
with it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise

from taizhang.renewal.rules.amounts import FEN, _money
from taizhang.renewal.rules.compensation import Breakdown, Clause, Deadline, Line, Policy

POLICY_STRUCTURES = ("钢混", "砖混", "砖木", "简易")
POLICY_CERTIFICATES = ("有证", "无证")  # 违建 is never paid, so it has no price
# The single-clause items: (key, what residents read, required)
POLICY_ITEMS = (
    ("decoration_per_m2", "装修补偿（元/m²）", True),
    ("relocation_fee", "搬迁费（元/次）", True),
    ("temporary_fee_per_month", "临时安置费（元/月）", True),
    ("area_per_person", "人均安置面积（m²/人）", False),
    ("price_within_entitlement", "应安置面积内购房价（元/m²）", False),
    ("price_above_entitlement", "超出应安置面积购房价（元/m²）", False),
    ("price_below_entitlement", "未选足面积补偿价（元/m²）", False),
)
AWARD_KINDS = (("signing_awards", "签约奖励"), ("vacating_awards", "腾空奖励"))


def _clause_data(clause: Clause) -> dict:
    return {"amount": str(clause.amount), "clause": clause.clause}


def policy_to_data(policy: Policy) -> dict:
    """The JSON-able form of a policy (the inverse of `policy_from_data`)."""
    data = {
        "name": policy.name,
        "unit_prices": [
            {"structure": s, "certificate": c, **_clause_data(price)} for (s, c), price in policy.unit_prices.items()
        ],
        "attachment_prices": [
            {"kind": kind, **_clause_data(price)} for kind, price in policy.attachment_prices.items()
        ],
        "monetary_temporary_months": policy.monetary_temporary_months,
    }
    for key, _label, required in POLICY_ITEMS:
        value = getattr(policy, key)
        data[key] = None if not required and not value.clause and not value.amount else _clause_data(value)
    for key, _label in AWARD_KINDS:
        data[key] = [
            {"by": d.by.isoformat(), "amount": str(d.amount), "clause": d.clause} for d in getattr(policy, key)
        ]
    return data


def _amount(raw, what: str, errors: list[str]) -> Decimal | None:
    try:
        value = Decimal(str(raw).strip().replace(",", ""))
    except (ArithmeticError, ValueError, TypeError):
        errors.append(f"{what}：“{raw}”不是有效的数字")
        return None
    if not value.is_finite():
        errors.append(f"{what}：“{raw}”不是有效的数字")
        return None
    if value < 0:
        errors.append(f"{what}不能为负数")
        return None
    if value != value.quantize(FEN):
        errors.append(f"{what}最多保留两位小数")
        return None
    return value


def _clause(raw, what: str, errors: list[str], required: bool = True) -> Clause | None:
    if not isinstance(raw, dict) or raw.get("amount") in (None, ""):
        if required:
            errors.append(f"{what}未填写")
        return None
    amount = _amount(raw["amount"], what, errors)
    text = str(raw.get("clause") or "").strip()
    if not text:
        errors.append(f"{what}未注明政策条款")
    return Clause(amount, text) if amount is not None and text else None


def _deadline(raw, what: str, errors: list[str]) -> Deadline | None:
    try:
        by = date.fromisoformat(str(raw.get("by")))
    except (ValueError, TypeError, AttributeError):
        errors.append(f"{what}的期限“{raw.get('by') if isinstance(raw, dict) else raw}”不是有效日期")
        return None
    clause = _clause(raw, f"{what}（{by:%Y-%m-%d} 前）", errors)
    return Deadline(by, clause.amount, clause.clause) if clause else None


def _policy_parts(data) -> tuple[dict, list[str]]:
    errors: list[str] = []
    if not isinstance(data, dict):
        return {}, ["补偿标准的格式不正确"]
    parts: dict = {"name": str(data.get("name") or "").strip()}
    prices: dict[tuple[str, str], Clause] = {}
    for row in data.get("unit_prices") or []:
        key = (str(row.get("structure", "")), str(row.get("certificate", "")))
        what = f"房屋单价（{key[0]}、{key[1]}）"
        if key[0] not in POLICY_STRUCTURES or key[1] not in POLICY_CERTIFICATES:
            errors.append(f"{what}：结构应为{'/'.join(POLICY_STRUCTURES)}，证照应为{'/'.join(POLICY_CERTIFICATES)}")
            continue
        if key in prices:
            errors.append(f"{what}重复")
            continue
        clause = _clause(row, what, errors)
        if clause:
            prices[key] = clause
    if not prices and not any("房屋单价" in e for e in errors):
        errors.append("至少填写一种房屋结构的单价")
    parts["unit_prices"] = prices
    attachments: dict[str, Clause] = {}
    for row in data.get("attachment_prices") or []:
        kind = str(row.get("kind") or "").strip()
        if not kind:
            errors.append("附属物未填写名称")
            continue
        if kind in attachments:
            errors.append(f"附属物“{kind}”重复")
            continue
        clause = _clause(row, f"附属物（{kind}）单价", errors)
        if clause:
            attachments[kind] = clause
    parts["attachment_prices"] = attachments
    for key, label, required in POLICY_ITEMS:
        clause = _clause(data.get(key), label, errors, required)
        if clause:
            parts[key] = clause
    if parts.get("area_per_person") and parts["area_per_person"].amount > 0:
        for key, label, _ in POLICY_ITEMS[4:]:
            if key not in parts and not any(e.startswith(label) for e in errors):
                errors.append(f"规定了人均安置面积，还须填写{label}")
    months = data.get("monetary_temporary_months", 0)
    if not isinstance(months, int) or isinstance(months, bool) or months < 0:
        errors.append(f"货币补偿计发临时安置费的月数“{months}”应为不小于 0 的整数")
        months = 0
    parts["monetary_temporary_months"] = months
    for key, label in AWARD_KINDS:
        deadlines = [d for d in (_deadline(row, label, errors) for row in data.get(key) or []) if d]
        deadlines.sort(key=lambda d: d.by)
        for earlier, later in pairwise(deadlines):
            if earlier.by == later.by:
                errors.append(f"{label}的期限 {earlier.by:%Y-%m-%d} 重复")
            elif earlier.amount < later.amount:
                errors.append(
                    f"{label}：{earlier.by:%Y-%m-%d} 前的奖励（{_money(earlier.amount)} 元）"
                    f"不应低于 {later.by:%Y-%m-%d} 前的奖励（{_money(later.amount)} 元）"
                )
        parts[key] = tuple(deadlines)
    return parts, errors


def policy_errors(data) -> list[str]:
    """What is wrong with a policy's data, in words for the unit admin (empty when it can be published)."""
    return _policy_parts(data)[1]


def policy_from_data(data) -> Policy:
    """The `Policy` a version's data describes; ValueError (the Chinese messages joined) when it is not valid."""
    parts, errors = _policy_parts(data)
    if errors:
        raise ValueError("；".join(errors))
    return Policy(**parts)


def breakdown_to_data(breakdown: Breakdown) -> dict:
    """A breakdown as JSON (frozen into the agreement at signing)."""
    return {
        "option": breakdown.option,
        "total": str(breakdown.total),
        "lines": [
            {"item": x.item, "basis": x.basis, "amount": str(x.amount), "rule": x.rule, "clause": x.clause}
            for x in breakdown.lines
        ],
        "excluded": [[item, reason] for item, reason in breakdown.excluded],
    }


def breakdown_from_data(data: dict) -> Breakdown:
    return Breakdown(
        data["option"],
        [Line(x["item"], x["basis"], Decimal(x["amount"]), x["rule"], x["clause"]) for x in data["lines"]],
        [(item, reason) for item, reason in data.get("excluded", [])],
    )
