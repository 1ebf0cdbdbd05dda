"""Pure rules of the household registry: ID numbers (GB 11643), bank cards, pinyin initials.

No Django here: plain values in, normalised values out, InvalidValue with a Chinese message otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from taizhang.core.rules import InvalidValue, clean_text, id_check_digit

_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


def _excel_number_message(label: str) -> str:
    return f"{label}被 Excel 存成了数字，后几位已丢失；请把该列设置为“文本”格式后重新填写"


def _is_excel_number(raw: object) -> bool:
    return (isinstance(raw, (int, float)) and not isinstance(raw, bool)) or bool(_SCIENTIFIC.match(clean_text(raw)))


# --- 身份证号 ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _address_codes():
    from stdnum import numdb

    return numdb.get("cn/loc")


@lru_cache(maxsize=8192)
def address_code_name(code: str) -> str | None:
    """'370125' → '山东省济阳县' when the code is in some edition of GB/T 2260, else None.

    The code is the place of first registration, so it may predate or outlive its county:
    any edition counts, whatever the birth year (unlike stdnum's cn.ric.validate)."""
    parts = _address_codes().info(code)
    if len(parts) < 2 or not parts[0][1] or not parts[1][1]:
        return None
    province = parts[0][1].get("province", "")
    # The table lists every name a code has had ("[1989-2018]济阳县", "南头区办事处,[1990-]南山区"): show the latest.
    county = re.sub(r"\[[^\]]*\]", "", parts[1][1].get("county", "").split(",")[-1])
    return province + (county if county != province else "")


def normalize_id_number(raw: object, *, today: date) -> str:
    if type(raw) is str and len(raw) == 18 and raw.isascii() and raw[:17].isdigit():
        # The usual cell, and a valid number: answered with as few steps as can be (an import checks 150,000).
        value = raw.upper() if raw[17] == "x" else raw
        birth = _birth_date(value[6:14])
        if (
            value[17] == id_check_digit(value[:17])
            and birth is not None
            and _EARLIEST <= birth <= today
            and address_code_name(value[:6]) is not None
        ):
            return value
    else:
        value = _normalize_id_text(raw)
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise InvalidValue("身份证号只能由数字和末位的 X 组成")
    expected = id_check_digit(value[:17])
    if value[17] != expected:
        if value.endswith("000"):
            raise InvalidValue(_excel_number_message("身份证号"))
        raise InvalidValue(f"身份证号校验位错误（按前17位应为 {expected}），请核对")
    try:
        birth = id_birth_date(value)
    except ValueError:
        raise InvalidValue(f"身份证号中的出生日期 {value[6:10]}-{value[10:12]}-{value[12:14]} 不存在")
    if birth > today:
        raise InvalidValue(f"身份证号中的出生日期 {birth:%Y-%m-%d} 晚于今天")
    if birth.year < 1900:
        raise InvalidValue(f"身份证号中的出生日期 {birth:%Y-%m-%d} 早于1900年")
    if address_code_name(value[:6]) is None:
        raise InvalidValue(f"身份证号前6位地址码 {value[:6]} 不在任何版本的行政区划代码（GB/T 2260）中")
    return value


def _normalize_id_text(raw: object) -> str:
    """Cleaned 18 characters (15-digit numbers converted), or InvalidValue."""
    if raw is None or (isinstance(raw, str) and not clean_text(raw)):
        raise InvalidValue("身份证号不能为空")
    if _is_excel_number(raw):
        raise InvalidValue(_excel_number_message("身份证号"))
    value = clean_text(raw).replace(" ", "").upper()
    if len(value) == 15 and value.isdigit():
        value = value[:6] + "19" + value[6:]
        value += id_check_digit(value)
    if len(value) != 18:
        raise InvalidValue(f"身份证号应为18位，实际为{len(value)}位")
    return value


def id_birth_date(id18: str) -> date:
    birth = _birth_date(id18[6:14])
    if birth is None:
        raise ValueError(f"no such day: {id18[6:14]}")
    return birth


_EARLIEST = date(1900, 1, 1)


@lru_cache(maxsize=1 << 16)
def _birth_date(yyyymmdd: str) -> date | None:
    """The date of 8 ASCII digits, None when there is no such day (a town's persons share some 30,000 birthdays)."""
    try:
        return date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        return None


def id_gender(id18: str) -> str:
    return "男" if int(id18[16]) % 2 else "女"


def id_reversed(id18: str) -> str:
    return id18[::-1]


def compose_id_number(area_code: str, birth: date, seq: int) -> str:
    """A valid ID: the 3-digit order code `seq` (0–999) is odd for men."""
    first17 = f"{area_code}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_digit(first17)


# --- 银行账号 ---------------------------------------------------------------------------------


_DOUBLED = str.maketrans("0123456789", "0246813579")  # a digit doubled, its two digits added (7 → 14 → 5)


def luhn_valid(digits: str) -> bool:
    if digits.isascii():  # every second digit from the right doubled, all added up
        total = sum(map(int, digits[-1::-2])) + sum(map(int, digits[-2::-2].translate(_DOUBLED)))
        return total % 10 == 0
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def luhn_check_digit(partial: str) -> str:
    for digit in "0123456789":
        if luhn_valid(partial + digit):
            return digit
    raise AssertionError("unreachable")


def normalize_bank_account(raw: object) -> str:
    if type(raw) is str and raw.isascii() and raw.isdigit() and 12 <= len(raw) <= 19 and luhn_valid(raw):
        return raw  # the usual cell: nothing to clean
    if raw is None or not clean_text(raw):
        raise InvalidValue("银行账号不能为空")
    if _is_excel_number(raw):
        raise InvalidValue(_excel_number_message("银行账号"))
    value = re.sub(r"[\s\-]", "", clean_text(raw))
    if not value.isdigit() or not 12 <= len(value) <= 19:
        raise InvalidValue(f"银行账号应为12至19位数字（现为“{value}”）")
    if not luhn_valid(value):
        raise InvalidValue("银行卡号校验失败（Luhn），请核对是否抄错")
    return value


# --- 拼音首字母 -------------------------------------------------------------------------------


# The initials of the CJK Unified Ideographs block (U+4E00–U+9FFF, every character of a name but the rarest), one
# letter each, "-" for none: read in a millisecond where pypinyin's tables take 0.2–0.4 s to load, at every import.
# Derived from pypinyin by common_initials(); a test checks that the file is what it derives.
COMMON_INITIALS = Path(__file__).with_name("pinyin_initials.txt")
_COMMON_FIRST, _COMMON_LAST = 0x4E00, 0x9FFF


@cache
def _initial(char: str) -> str:
    if char.isascii():
        return char.lower() if char.isalpha() else ""
    code = ord(char)
    if _COMMON_FIRST <= code <= _COMMON_LAST:
        return _common_initials()[code - _COMMON_FIRST].replace("-", "")
    return _reading_initial(code)


@cache
def _common_initials() -> str:
    return COMMON_INITIALS.read_text(encoding="ascii")


def _reading_initial(code: int) -> str:
    # pypinyin's table of each character's readings ("zhāng,zhǎng", the usual one first), without the phrase
    # dictionary that `import pypinyin` also loads: for a single character, lazy_pinyin answers from this table.
    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(code)
    return unicodedata.normalize("NFD", readings[0])[0] if readings else ""


def common_initials() -> str:
    """What COMMON_INITIALS holds."""
    return "".join(_reading_initial(code) or "-" for code in range(_COMMON_FIRST, _COMMON_LAST + 1))


def pinyin_initials(name: str) -> str:
    """'张三' → 'zs', for search by initials. Per-character cache: 150,000 names per import."""
    return "".join(map(_initial, name))
