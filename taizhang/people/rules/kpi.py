"""KPI scoring, the 360° review score, the final score and the grades: pure functions over Decimals.

Decisions the issue leaves open (docs/people-kpi.md lists them with a worked example):
- each indicator's score is rounded half up to 0.01 as it is shown, and the KPI score is the sum of the shown
  scores, so a staff member can add up their own page;
- 反向 with an actual of 0 (nothing consumed) scores the cap, the best possible ratio;
- 线性 and 反向 need a target above 0; actuals are never negative;
- an indicator without an actual scores 0 (the cycle page warns before 评定);
- a review type nobody rated gives its weight to the rated types in proportion (never divides by an absent
  weight); nobody rated at all → no review score, and the final score is the KPI score alone (the review weight
  spread onto the KPI the same way);
- 优秀 never exceeds the cap: when scores tie across the cap, none of the tied scores is 优秀 (the committee may
  calibrate one of them up, with a reason).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
DEFAULT_FLOOR = Decimal("0.6")
DEFAULT_CAP = Decimal("1.2")

LINEAR, REVERSE, THRESHOLD, DEDUCT = "linear", "reverse", "threshold", "deduct"
METHOD_KINDS = {LINEAR: "线性", REVERSE: "反向", THRESHOLD: "达标", DEDUCT: "扣分"}

SUPERIOR, PEER, CLIENT, SELF = "superior", "peer", "client", "self"
RATER_TYPES = {SUPERIOR: "上级", PEER: "同事", CLIENT: "服务对象", SELF: "本人"}

EXCELLENT, PASS, BASIC, FAIL = "excellent", "pass", "basic", "fail"


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# --- cycles ---------------------------------------------------------------------------------------------------

CYCLE_CODE = re.compile(r"(\d{4})(?:[Qq]([1-4])|-(\d{1,2}))?")


def parse_cycle(code: str) -> tuple[str, str, date, date]:
    """`2020Q3` → ("2020Q3", "quarter", 2020-07-01, 2020-09-30); `2020` a year; `2020-07` a month.
    Raises ValueError with the Chinese reason."""
    text = (code or "").strip()
    match = CYCLE_CODE.fullmatch(text)
    if not match or not 1990 <= int(match.group(1)) <= 2100:
        raise ValueError(f"周期“{text[:20]}”看不懂：请写成 2020Q3（季度）、2020（年度）或 2020-07（月度）")
    year = int(match.group(1))
    if match.group(2):
        quarter = int(match.group(2))
        first, last = 3 * quarter - 2, 3 * quarter
        return f"{year}Q{quarter}", "quarter", date(year, first, 1), _month_end(year, last)
    if match.group(3):
        month = int(match.group(3))
        if not 1 <= month <= 12:
            raise ValueError(f"周期“{text}”的月份应在 1 到 12 之间")
        return f"{year}-{month:02d}", "month", date(year, month, 1), _month_end(year, month)
    return str(year), "year", date(year, 1, 1), date(year, 12, 31)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# --- indicators -----------------------------------------------------------------------------------------------


def indicator_problem(
    *, kind: str, weight: Decimal, target: Decimal | None, actual: Decimal | None, floor: Decimal, cap: Decimal
) -> str:
    """Why an indicator cannot be scored as entered ("" when it can)."""
    if weight <= 0 or weight > HUNDRED:
        return "权重应大于 0、不超过 100"
    if actual is not None and actual < 0:
        return "实际值不能为负数"
    if target is None:
        return "" if kind == DEDUCT else "缺少目标值"
    if target < 0:
        return "目标值不能为负数"
    if kind in (LINEAR, REVERSE) and target == 0:
        return "线性、反向计分的目标值应大于 0"
    if kind in (LINEAR, REVERSE) and not (0 <= floor <= cap):
        return "下限应不小于 0、不大于上限"
    return ""


def ratio(*, kind: str, target: Decimal, actual: Decimal, floor: Decimal, cap: Decimal) -> Decimal:
    """线性: 实际 ÷ 目标; 反向: 目标 ÷ 实际 (an actual of 0 is the best: the cap); capped at 上限, 0 below 下限."""
    if kind == REVERSE and actual == 0:
        return cap
    raw = target / actual if kind == REVERSE else actual / target
    if raw < floor:
        return Decimal(0)
    return min(raw, cap)


def indicator_score(
    *,
    kind: str,
    weight: Decimal,
    target: Decimal | None,
    actual: Decimal | None,
    floor: Decimal = DEFAULT_FLOOR,
    cap: Decimal = DEFAULT_CAP,
    deduction: Decimal | None = None,
) -> Decimal:
    """One indicator's score, rounded half up to 0.01; no actual scores 0."""
    if actual is None:
        return Decimal("0.00")
    if kind in (LINEAR, REVERSE):
        return cents(weight * ratio(kind=kind, target=target, actual=actual, floor=floor, cap=cap))
    if kind == THRESHOLD:
        return cents(weight if actual >= target else Decimal(0))
    if kind == DEDUCT:
        return cents(max(weight - (deduction or Decimal(0)) * actual, Decimal(0)))
    raise ValueError(f"未知的计分方式：{kind}")


def kpi_score(scores) -> Decimal:
    return cents(sum(scores, Decimal(0)))


def weights_problem(weights) -> str:
    """A person's plan: the weights must total 100."""
    total = sum(weights, Decimal(0))
    return "" if total == HUNDRED else f"各指标权重合计应为 100，现为 {total.normalize():f}"


# --- reviews --------------------------------------------------------------------------------------------------


def mean(scores) -> Decimal | None:
    scores = list(scores)
    return sum(scores, Decimal(0)) / len(scores) if scores else None


def review_score(means: Mapping[str, Decimal | None], weights: Mapping[str, Decimal]) -> Decimal | None:
    """The weighted mean of the rater types' means over the types that were rated: an absent type's weight is spread
    over the present ones in proportion. None when no type with a weight was rated."""
    present = {kind: m for kind, m in means.items() if m is not None and weights.get(kind, 0) > 0}
    total_weight = sum((weights[kind] for kind in present), Decimal(0))
    if not total_weight:
        return None
    return cents(sum((weights[kind] * m for kind, m in present.items()), Decimal(0)) / total_weight)


# --- final score and grades -----------------------------------------------------------------------------------


def final_score(*, kpi: Decimal, review: Decimal | None, kpi_weight: Decimal, review_weight: Decimal) -> Decimal:
    """KPI × kpi_weight % + review × review_weight %, half up to 0.01; without a review score, the KPI score."""
    if review is None or kpi_weight + review_weight == 0:
        return cents(kpi)
    return cents((kpi * kpi_weight + review * review_weight) / (kpi_weight + review_weight))


def grade_by_lines(score: Decimal, *, basic_line: Decimal, pass_line: Decimal) -> str:
    if score < basic_line:
        return FAIL
    return BASIC if score < pass_line else PASS


def excellent_cap(assessed: int, share: Decimal) -> int:
    """At most `share` % of the assessed, rounded down."""
    return int((Decimal(assessed) * share / HUNDRED).to_integral_value(rounding=ROUND_DOWN))


def grades(
    finals: Mapping[object, Decimal],
    *,
    basic_line: Decimal,
    pass_line: Decimal,
    excellent_line: Decimal,
    excellent_share: Decimal,
) -> dict[object, str]:
    """Each person's grade: by the lines, then 优秀 for the highest final scores at or above the excellent line,
    at most the cap; scores tied across the cap all stay below 优秀."""
    result = {key: grade_by_lines(score, basic_line=basic_line, pass_line=pass_line) for key, score in finals.items()}
    cap = excellent_cap(len(finals), excellent_share)
    candidates = sorted(
        (score for key, score in finals.items() if score >= excellent_line and result[key] == PASS), reverse=True
    )
    if not cap or not candidates:
        return result
    # The lowest score that still makes it: the cap-th best, unless the next one ties with it.
    cutoff = candidates[min(cap, len(candidates)) - 1]
    tied_across = len(candidates) > cap and candidates[cap] == cutoff
    for key, score in finals.items():
        if result[key] == PASS and score >= excellent_line and (score > cutoff or not tied_across and score == cutoff):
            result[key] = EXCELLENT
    return result


def appeal_deadline(locked_on: date, days: int) -> date:
    """The last day a staff member may appeal: `days` days after the day the cycle was locked."""
    return locked_on + timedelta(days=days)


# --- targets --------------------------------------------------------------------------------------------------

TARGET_LEVELS = ["zone", "department", "post", "person"]  # 开发区 → 部门 → 岗位 → 个人


def target_parent_problem(level: str, parent_level: str | None) -> str:
    """A target cascades from a target of a higher level; the zone's own targets have none."""
    if level not in TARGET_LEVELS:
        return "层级只能是开发区、部门、岗位或个人"
    if level == "zone":
        return "" if parent_level is None else "开发区目标不能有上级目标"
    if parent_level is None:
        return "部门、岗位和个人目标须由上级目标分解而来，请选择上级目标"
    if TARGET_LEVELS.index(parent_level) >= TARGET_LEVELS.index(level):
        return "上级目标的层级须高于本目标"
    return ""
