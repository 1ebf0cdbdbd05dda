"""Pure rules every app shares: the refusal of a user-entered value, text cleaning, phones, masking.

No Django here: plain values in, normalised values out, InvalidValue with a Chinese message otherwise.
"""

from __future__ import annotations

import re
from datetime import date


class InvalidValue(ValueError):
    """A user-entered value that fails a rule; .message is the Chinese text shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_FULL_WIDTH = {ord("０") + i: ord("0") + i for i in range(10)} | {
    ord("Ｘ"): ord("X"),
    ord("ｘ"): ord("x"),
    ord("－"): ord("-"),
    ord("＋"): ord("+"),
    ord("（"): ord("("),
    ord("）"): ord(")"),
}


def clean_text(raw: object) -> str:
    """A cell or field as text: full-width digits and signs made ASCII, ideographic spaces made plain, stripped."""
    return str(raw).translate(_FULL_WIDTH).replace("\u3000", " ").strip()


# --- 电话 -------------------------------------------------------------------------------------

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(0(?:10|2\d|[3-9]\d{2}))[-\s]?(\d{7,8})(?:(?:-|转|ext\.?|#)(\d{1,6}))?$")


def normalize_phone(raw: object) -> str:
    if type(raw) is str and len(raw) == 11 and raw.isascii() and raw.isdigit() and _MOBILE.match(raw):
        return raw  # the usual cell: a mobile number as it is stored
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if raw is None or not clean_text(raw):
        raise InvalidValue("联系电话不能为空")
    value = clean_text(raw)
    compact = re.sub(r"[\s\-()]", "", value)
    if compact.startswith("+86"):
        compact = compact[3:]
    elif compact.startswith("86") and len(compact) == 13:
        compact = compact[2:]
    if _MOBILE.match(compact):
        return compact
    landline = _LANDLINE.match(re.sub(r"^\((0\d{2,3})\)", r"\1-", value.replace(" ", "-", 1)))
    if landline:
        area, number, ext = landline.groups()
        return f"{area}-{number}" + (f"-{ext}" if ext else "")
    raise InvalidValue("联系电话格式不对：手机号应为以13–19开头的11位数字，固定电话需带区号（如 0531-88123456）")


# --- 身份证号 ---------------------------------------------------------------------------------

_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """The 18th character for 17 digits. The weights are 2**(17-i) mod 11, and 13 ≡ 2 (mod 11), so the weighted sum
    is 2 × (the digits read in base 13) mod 11: one int() instead of 17 multiplications (an import checks 150,000)."""
    return _CHECK[2 * int(first17, 13) % 11]


# --- 脱敏 -------------------------------------------------------------------------------------


def mask_id_number(id18: str) -> str:
    """370125************: the area code only. The birth date, sequence and check digits are all hidden, so that with
    what a masked role may also read (the area, the sex, the age in years — never the birth date) at least 1,000
    valid numbers remain possible (tests/core/test_personal.py counts them)."""
    if len(id18) < 10:
        return "*" * len(id18)
    return id18[:6] + "*" * (len(id18) - 6)


def age_on(birth: date, today: date) -> int:
    """Whole years lived on `today` (what a role that sees ID numbers masked reads instead of the birth date)."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def mask_bank_account(account: str) -> str:
    if len(account) <= 10:
        return "*" * max(len(account) - 4, 0) + account[-4:]
    return account[:6] + "*" * (len(account) - 10) + account[-4:]


def mask_phone(phone: str) -> str:
    """138****5678; 0531-****3456: the area code or the carrier's prefix and the last four digits stay."""
    head, _, number = phone.rpartition("-") if phone.count("-") == 1 else ("", "", phone)
    if len(number) <= 4:
        return phone[: len(phone) - len(number)] + "*" * len(number)
    keep = 0 if head else min(3, len(number) - 4)
    masked = number[:keep] + "*" * (len(number) - keep - 4) + number[-4:]
    return f"{head}-{masked}" if head else masked


# ID numbers and bank accounts inside free text (audit values, import cells, notes): a run of 12–30 digits (a phone has
# 11), or 17 and an X. Digits next to Chinese text have no word boundary, so a run is "no digit before or after".
NUMBER_IN_TEXT = re.compile(r"(?<![0-9*])(?:\d{17}[Xx]|\d{12,30})(?![0-9Xx])")


def mask_numbers_in(text: str, *, id_numbers: bool = True, accounts: bool = True) -> str:
    """The text with its ID numbers and bank accounts masked as their own rules mask them. Any 18-character run is
    masked as an ID number where ID numbers are masked (a mistyped one is still someone's); where they are read whole,
    only a run with a valid check digit counts as one, and every other run is an account."""

    def masked(match: re.Match) -> str:
        number = match.group()
        if len(number) == 18 and id_numbers:
            return mask_id_number(number.upper())
        if len(number) == 18 and id_check_digit(number[:17]) == number[17].upper():
            return number
        return mask_bank_account(number) if accounts else number

    return NUMBER_IN_TEXT.sub(masked, text) if id_numbers or accounts else text
