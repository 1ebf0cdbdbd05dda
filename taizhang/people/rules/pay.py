"""优绩优酬: each person's performance-pay base for a cycle and the pool shared out by grade coefficients, to the fen.

base = 岗位工资 × months in the cycle × this year's performance-pay share, rounded half up to the fen.
The pool is Σ bases unless the committee sets another amount. Each person's amount is
pool × base × coefficient ÷ Σ(base × coefficient): everyone first gets the exact share rounded down to the fen, and
the fen left over go one each to the largest fractions left behind; equal fractions are served in the order the
lines are given (the pay sheet orders them by 用户名), so the same sheet always gives the same amounts and the
amounts add up to the pool exactly. When Σ(base × coefficient) is 0 (every base or coefficient 0) nobody can be paid
by performance and the pool is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

FEN = Decimal("0.01")
HUNDRED = Decimal(100)
MAX_COEFFICIENT = Decimal(10)

EXCELLENT, PASS, BASIC, FAIL = "excellent", "pass", "basic", "fail"
GRADE_LABELS = {EXCELLENT: "优秀", PASS: "合格", BASIC: "基本合格", FAIL: "不合格"}
DEFAULT_COEFFICIENTS = {EXCELLENT: Decimal("1.2"), PASS: Decimal("1.0"), BASIC: Decimal("0.8"), FAIL: Decimal("0")}


class PayRefused(ValueError):
    """A pool or coefficient the sheet cannot be computed with; the message is Chinese and names the reason."""


def base(*, monthly_pay: Decimal, months: int, share_percent: Decimal) -> Decimal:
    """岗位工资 × months × share (in %), to the fen, half up."""
    return (monthly_pay * months * share_percent / HUNDRED).quantize(FEN, rounding=ROUND_HALF_UP)


def parse_amount(text: str, *, label: str = "绩效薪酬总额") -> Decimal:
    """A money amount typed by the committee: digits with at most two decimals, not negative."""
    cleaned = str(text).strip().replace(",", "").replace("，", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise PayRefused(f"{label}“{str(text)[:20]}”不是金额，请填写数字，如 120000.00")
    if value < 0:
        raise PayRefused(f"{label}不能为负数")
    if value >= Decimal("1e12"):
        raise PayRefused(f"{label}过大")
    if value != value.quantize(FEN):
        raise PayRefused(f"{label}最多精确到分（两位小数）")
    return value


def parse_coefficient(text: str, *, grade: str) -> Decimal:
    """A grade's coefficient: 0 to 10 with at most two decimals."""
    label = f"“{GRADE_LABELS.get(grade, grade)}”的绩效系数"
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise PayRefused(f"{label}“{str(text)[:20]}”不是数字，请填写如 1.2")
    if value < 0 or value > MAX_COEFFICIENT:
        raise PayRefused(f"{label}应在 0 到 {MAX_COEFFICIENT} 之间")
    if value != value.quantize(FEN):
        raise PayRefused(f"{label}最多两位小数")
    return value


@dataclass(frozen=True)
class Share:
    base: Decimal
    coefficient: Decimal


def allocate(pool: Decimal, shares: Sequence[Share]) -> list[Decimal]:
    """Each share's amount of the pool, in order: proportional to base × coefficient, to the fen, largest remainders
    (ties in the given order), adding up to the pool exactly."""
    if pool < 0:
        raise PayRefused("绩效薪酬总额不能为负数")
    if pool != pool.quantize(FEN):
        raise PayRefused("绩效薪酬总额最多精确到分（两位小数）")
    if any(s.base < 0 or s.coefficient < 0 for s in shares):
        raise PayRefused("绩效基数和绩效系数不能为负数")
    weights = _integer_weights(shares)
    total = sum(weights)
    if total == 0:
        if not shares or pool > 0:
            raise PayRefused("没有可分配的人员：所有人的绩效基数与绩效系数之积均为0，绩效薪酬总额无法分配")
        return [Decimal(0) for _ in shares]
    fen = int(pool / FEN)
    # In whole numbers: fen × w ÷ total is `floors` fen and `remainders` ÷ total of a fen.
    floors, remainders = zip(*(divmod(fen * w, total) for w in weights), strict=True)
    floors = list(floors)
    left = fen - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-remainders[i], i))
    for i in order[:left]:
        floors[i] += 1
    return [Decimal(f) * FEN for f in floors]


def _places(values) -> int:
    return max((-v.as_tuple().exponent for v in values if v.as_tuple().exponent < 0), default=0)


def _integer_weights(shares: Sequence[Share]) -> list[int]:
    """base × coefficient for every share, all scaled by one power of ten to whole numbers (same proportions)."""
    base_scale = 10 ** _places(s.base for s in shares)
    coefficient_scale = 10 ** _places(s.coefficient for s in shares)
    return [int(s.base * base_scale) * int(s.coefficient * coefficient_scale) for s in shares]


def exact_share(pool: Decimal, shares: Sequence[Share], index: int) -> Fraction:
    """The unrounded amount of one share, in 元 (what `allocate` rounds)."""
    weights = [Fraction(s.base) * Fraction(s.coefficient) for s in shares]
    return Fraction(pool) * weights[index] / sum(weights, Fraction(0))


def performance_share(performance: Decimal, fixed: Decimal) -> Decimal | None:
    """Performance pay as a percentage of the total paid, to 0.1 %: the fixed part is 岗位工资 × months − base (the
    base is the part of the post pay held back for performance), the total is the fixed part + the amount paid."""
    total = performance + fixed
    if total <= 0:
        return None
    return (performance * HUNDRED / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
