"""Contracts' terms as pure rules: the years of a term, the performance-pay shares written as a township writes them
("30%→35%→40%", "30,35,40", or one number for every year), what a valid contract is, which contracts overlap and
which end soon."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

ENDING_DAYS = 90  # "90天内到期"
WITHDRAW_DAYS = 7  # an ending (解聘) may be withdrawn for this many days after it was recorded
MAX_TERM_YEARS = 10
_SEPARATORS = re.compile(r"\s*(?:→|->|—>|,|，|、|/|；|;|\s)\s*")


class ShareError(ValueError):
    """A performance-pay share that cannot be read; `message` is what the user reads."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def anniversary(day: date, years: int) -> date:
    """`day` moved on by whole years (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_years(starts_on: date, ends_on: date) -> int:
    """How many years of the term a contract has: the years starting on the start date's anniversaries on or before
    the end date (2020-01-01 to 2022-12-31: three; to 2023-01-01: four). 0 when it ends before it starts."""
    if ends_on < starts_on:
        return 0
    years = 0
    while anniversary(starts_on, years) <= ends_on:
        years += 1
    return years


def parse_shares(text: str, years: int | None = None) -> list[Decimal]:
    """The shares written in a cell or a form, in percent, one per year; a single number stands for every one of
    `years` years. Raises ShareError with a Chinese message."""
    text = (text or "").strip().replace("％", "%")
    if not text:
        raise ShareError("绩效薪酬占比不能为空")
    if len(text) > 100:
        raise ShareError("绩效薪酬占比太长：每年一个百分数，如 30%→35%→40%")
    shares = []
    for part in _SEPARATORS.split(text):
        if not part:
            continue
        number = part.rstrip("%").strip()
        try:
            share = Decimal(number)
        except InvalidOperation:
            raise ShareError(f"“{part}”不是百分数：每年一个，如 30%→35%→40% 或 30,35,40") from None
        if not share.is_finite() or share < 0 or share > 100:
            raise ShareError(f"绩效薪酬占比应在 0 到 100 之间，“{part}”不在此范围")
        if share != share.quantize(Decimal("0.01")):
            raise ShareError(f"绩效薪酬占比最多两位小数：“{part}”")
        shares.append(share)
    if not shares:
        raise ShareError("绩效薪酬占比不能为空")
    if years is not None and len(shares) == 1 and years > 1:
        shares = shares * years
    return shares


def share_str(share) -> str:
    """A share as stored and shown: "30", "35.5" (no trailing zeros)."""
    text = f"{Decimal(str(share)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def shares_text(shares) -> str:
    return "→".join(f"{share_str(s)}%" for s in shares)


def contract_problems(
    *, starts_on: date, ends_on: date, shares: list[Decimal], probation_months: int, monthly_pay: Decimal
) -> list[str]:
    """What is wrong with a contract's terms (empty: nothing), in Chinese."""
    problems = []
    if ends_on <= starts_on:
        problems.append("聘期结束日期应晚于聘期开始日期")
        return problems
    years = term_years(starts_on, ends_on)
    if years > MAX_TERM_YEARS:
        problems.append(f"聘期不能超过 {MAX_TERM_YEARS} 年")
    if len(shares) != years:
        problems.append(f"聘期共 {years} 年，绩效薪酬占比应每年一个（共 {years} 个），现为 {len(shares)} 个")
    if any(s < 0 or s > 100 for s in shares):
        problems.append("绩效薪酬占比应在 0 到 100 之间")
    months = (ends_on.year - starts_on.year) * 12 + ends_on.month - starts_on.month + 1
    if probation_months < 0 or probation_months > 12 or probation_months >= months:
        problems.append("试用期应为 0 到 12 个月，且短于聘期")
    if monthly_pay <= 0:
        problems.append("岗位工资应大于 0")
    return problems


def overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    """Two terms (both ends included) share at least one day."""
    return a_start <= b_end and b_start <= a_end


def ending_soon(ends_on: date, today: date, days: int = ENDING_DAYS) -> bool:
    """Ends today or within the next `days` days."""
    return today <= ends_on <= today + timedelta(days=days)


def may_withdraw_ending(ended_on: date, today: date) -> bool:
    """An ending may be withdrawn (with a reason) until WITHDRAW_DAYS days after it was recorded."""
    return today <= ended_on + timedelta(days=WITHDRAW_DAYS)


def renewal_start(ends_on: date) -> date:
    """A renewal's term starts the day after the old one ends."""
    return ends_on + timedelta(days=1)
