"""统一社会信用代码 (GB 32100-2015): 18 characters from 0–9 and the capitals without I, O, S, V, Z; the 18th is a
check character over the first 17 (weights 3^i mod 31). The check itself is python-stdnum's; this module says what
is wrong in words an office reads."""

from __future__ import annotations

from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
FORBIDDEN = frozenset("IOSVZ")
LENGTH = 18


def normalize(code: str) -> str:
    """Capitals, without spaces or dashes, full-width characters made half-width."""
    text = (code or "").translate({ord(c): ord(c) - 0xFEE0 for c in map(chr, range(0xFF01, 0xFF5F))})
    return "".join(text.split()).replace("-", "").upper()


def problem(code: str) -> str:
    """Why `code` is not a valid 统一社会信用代码, or "" when it is."""
    code = normalize(code)
    if not code:
        return "统一社会信用代码不能为空"
    if len(code) != LENGTH:
        return f"统一社会信用代码应为 18 位，这里是 {len(code)} 位"
    forbidden = sorted(set(code) & FORBIDDEN)
    if forbidden:
        return f"统一社会信用代码不使用字母 {'、'.join(forbidden)}（GB 32100 不用 I、O、S、V、Z）"
    strange = sorted(set(code) - set(ALPHABET))
    if strange:
        return f"统一社会信用代码含有不允许的字符 {'、'.join(strange)}"
    try:
        uscc.validate(code)
    except InvalidChecksum:
        return f"统一社会信用代码校验位错误：按前 17 位应为 {uscc.calc_check_digit(code[:17])}，这里是 {code[-1]}"
    except ValidationError:
        return "统一社会信用代码前 8 位（登记管理部门代码、机构类别代码、行政区划码）应为数字"
    return ""


def is_valid(code: str) -> bool:
    return not problem(code)


def with_check(first17: str) -> str:
    """The whole code for 17 characters (the demo and tests make codes this way)."""
    return first17 + uscc.calc_check_digit(first17)
