"""The pipeline's rules: moving a stage, when a project is 停滞, the probability of reaching 投产 (fixed per stage, and
learned from the zone's own history), officers' credit shares, and whether 达效 is behind what the contract promised.
Pure: dates, amounts and counts come in as parameters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from taizhang.enterprise.rules.stages import CODES, INDEX, LABELS

# How long a project usually stays in a stage, in days (达效 is where it ends: never 停滞).
DEFAULT_USUAL_DAYS: dict[str, int | None] = {
    "lead": 60,
    "talks": 90,
    "signed": 60,
    "registered": 90,
    "land": 180,
    "started": 365,
    "producing": 365,
    "performing": None,
}
# The fixed probability (%) that a project at a stage reaches 投产 (Odoo's stage probabilities).
DEFAULT_PROBABILITY: dict[str, int] = {
    "lead": 10,
    "talks": 20,
    "signed": 50,
    "registered": 60,
    "land": 70,
    "started": 80,
    "producing": 90,
    "performing": 100,
}
# From 签约 on, a stage is reached on paper: the contract, the business licence, the land deal, the permits.
EVIDENCE_FROM = "signed"
WON = "producing"
HUNDRED = Decimal(100)


def evidence_required(stage: str) -> bool:
    return INDEX[stage] >= INDEX[EVIDENCE_FROM]


def path(stage: str, target: str) -> list[str]:
    """The stages a move from `stage` to `target` reaches, in order (the last is the target; the others are skipped)."""
    return list(CODES[INDEX[stage] + 1 : INDEX[target] + 1])


def move_problems(
    *, stage: str, stage_on: date, target: str, on: date | None, today: date, evidence: bool, dropped: bool = False
) -> list[str]:
    """Why a project at `stage` since `stage_on` cannot move to `target` on `on` (empty: it can)."""
    if dropped:
        return ["项目已终止，不能推进阶段；如属误操作，请先撤回终止"]
    problems = []
    if target not in INDEX:
        return [f"没有“{target}”这个阶段"]
    if INDEX[target] <= INDEX[stage]:
        problems.append(f"只能推进到“{LABELS[stage]}”之后的阶段")
    if on is None:
        problems.append("请填写到达日期")
    elif on < stage_on:
        problems.append(f"到达日期 {on} 早于上一阶段“{LABELS[stage]}”的日期 {stage_on}")
    elif on > today:
        problems.append(f"到达日期 {on} 晚于今天，不能预先登记")
    if not evidence and target in INDEX and evidence_required(target):
        problems.append(f"推进到“{LABELS[target]}”须上传佐证材料（合同、执照、土地或施工手续等）")
    return problems


def days_in_stage(stage_on: date, today: date) -> int:
    return (today - stage_on).days


def is_stuck(*, stage: str, stage_on: date, today: date, usual_days: Mapping[str, int | None], dropped: bool) -> bool:
    """停滞: longer in its stage than the stage's usual time; never a dropped project nor one at 达效."""
    usual = usual_days.get(stage)
    if dropped or usual is None:
        return False
    return days_in_stage(stage_on, today) > usual


@dataclass(frozen=True)
class Learned:
    """The learned probability of reaching 投产 from a stage: `won` of `n` decided projects, Laplace-smoothed."""

    won: int
    n: int

    @property
    def percent(self) -> Decimal:
        return (Decimal(self.won + 1) * HUNDRED / Decimal(self.n + 2)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def learned(rows: Iterable[tuple[str, bool, int]]) -> dict[str, Learned]:
    """For each stage, of the projects that reached it and have since reached 投产 or been dropped, the share that
    reached 投产: (won + 1) / (n + 2). `rows` are (the stage a project stands at, dropped, how many projects)."""
    won = dict.fromkeys(CODES, 0)
    decided = dict.fromkeys(CODES, 0)
    for stage, dropped, count in rows:
        success = INDEX[stage] >= INDEX[WON]
        if not (success or dropped):
            continue  # still under way: not decided yet
        for reached in CODES[: INDEX[stage] + 1]:
            decided[reached] += count
            won[reached] += count if success else 0
    return {code: Learned(won[code], decided[code]) for code in CODES}


def weighted(amount: Decimal | None, percent: Decimal | int) -> Decimal:
    """An amount (万元) weighted by a percentage, to four decimals half up; nothing for no amount."""
    if amount is None:
        return Decimal(0)
    return (amount * Decimal(percent) / HUNDRED).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def credit_problems(shares: Sequence[tuple[object, Decimal]]) -> list[str]:
    """Why a split of a project's credit among officers is refused: (who, share %), totalling exactly 100."""
    if not shares:
        return ["请至少填写一名招商人员"]
    problems = []
    who = [person for person, _ in shares]
    if len(set(who)) != len(who):
        problems.append("同一人只能填写一次")
    for person, share in shares:
        if share <= 0 or share > HUNDRED:
            problems.append(f"{person} 的占比 {share}% 须大于 0 且不超过 100")
        elif share != share.quantize(Decimal("0.01")):
            problems.append(f"{person} 的占比 {share}% 最多两位小数")
    total = sum((share for _, share in shares), Decimal(0))
    if total != HUNDRED:
        problems.append(f"占比合计须为 100%，现为 {total.normalize():f}%")
    return problems


@dataclass(frozen=True)
class Figure:
    year: int
    output: Decimal | None
    tax: Decimal | None


@dataclass(frozen=True)
class Promise:
    """The contract's promise: output and tax per 亩 by a year, on the project's land."""

    year: int | None
    output_per_mu: Decimal | None
    tax_per_mu: Decimal | None
    land_mu: Decimal | None

    @property
    def judged(self) -> bool:
        return bool(self.year and self.land_mu and (self.output_per_mu or self.tax_per_mu))


def per_mu(amount: Decimal | None, land: Decimal) -> Decimal | None:
    return None if amount is None else (amount / land).quantize(Decimal("0.01"), ROUND_HALF_UP)


def behind(promise: Promise, figures: Iterable[Figure]) -> list[str]:
    """Why 达效 is behind the promise (empty: it is not, or cannot be judged yet): the latest yearly figures of the
    promise year or later give 亩均产值 / 亩均税收 below what was promised."""
    if not promise.judged:
        return []
    due = [f for f in figures if f.year >= promise.year]
    if not due:
        return []
    latest = max(due, key=lambda f: f.year)
    reasons = []
    for label, promised, actual in (
        ("亩均产值", promise.output_per_mu, latest.output),
        ("亩均税收", promise.tax_per_mu, latest.tax),
    ):
        if not promised:
            continue
        actual_per_mu = per_mu(actual, promise.land_mu)
        if actual_per_mu is None or actual_per_mu < promised:
            shown = "无数据" if actual_per_mu is None else f"{actual_per_mu} 万元/亩"
            reasons.append(f"{latest.year} 年{label} {shown}，低于承诺的 {promised.normalize():f} 万元/亩")
    return reasons
