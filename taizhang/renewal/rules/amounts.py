"""Amounts as the ledger keeps and prints them: money to the fen, areas to 0.01 m², both half up; money as
printed (1,234.50) and in capitals (壹仟贰佰叁拾肆元伍角整) for the agreements."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")


def yuan(value) -> Decimal:
    """Money rounded to the fen, half up (the way a cashier rounds)."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def m2(value) -> Decimal:
    """An area in m² to 2 decimals, half up."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def money_text(value: Decimal) -> str:
    """1,234.50 — how amounts are printed."""
    return _money(yuan(value))


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def _four_digits(n: int) -> str:
    text, zero = "", False
    for position in range(3, -1, -1):
        digit = n // 10**position % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += _DIGITS[digit] + _SMALL_UNITS[position]
    return text


def capital_yuan(value: Decimal) -> str:
    """人民币大写 as on a cheque: 444,691.50 → 肆拾肆万肆仟陆佰玖拾壹元伍角整; a negative amount is 负…."""
    amount = yuan(value)
    sign = "负" if amount < 0 else ""
    fen_total = int(abs(amount) * 100)
    whole, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    groups = []
    while whole:
        groups.append(whole % 10000)
        whole //= 10000
    text, need_zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(text)
            continue
        if text and (need_zero or group < 1000):
            text += "零"
        text += _four_digits(group) + _BIG_UNITS[index]
        need_zero = False
    text = (text + "元") if text else ""
    if jiao == 0 and fen == 0:
        return sign + (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    else:
        text += "整"
    return sign + text
