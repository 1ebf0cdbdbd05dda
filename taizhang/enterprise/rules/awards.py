"""优秀企业家奖励: the published criteria and their weights, reviewers' scores, the ranking and the pool's allocation.

Criteria are "名称 权重" with whole-number weights adding up to 100. Each reviewer scores each nomination on every
criterion (0–100, at most two decimals); a reviewer's score is Σ score × weight ÷ 100, and the nomination's score is
the mean over the reviewers who scored it completely, rounded half up to 0.01.

Ranking: by score, highest first; equal scores by the mean of the first criterion (exact, highest first), then by
the entrepreneur's name (in character order), then by the order the nominations were given — so the same scores
always give the same list.

Tiers are shares of the pool (our choice, published with the round): each tier has a number of places and a number
of shares per place (特等 1 名 × 3 份, 一等 3 名 × 2 份, 二等 6 名 × 1 份). The pool is split over all places by largest
remainder, to the fen (whole fen first, the fen left over one each to the largest fractions, equal fractions to the
better-ranked place), so the places add up to the pool exactly; places nobody fills (fewer nominations than places)
are not paid, so what is allocated never exceeds the pool.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

FEN = Decimal("0.01")
HUNDRED = Decimal(100)
DEFAULT_POOL = Decimal("10000000.00")
DEFAULT_CRITERIA_TEXT = "税收贡献 40\n增长 20\n研发创新 20\n就业 10\n社会责任 10"
DEFAULT_TIERS_TEXT = "特等奖 1 3\n一等奖 3 2\n二等奖 6 1"


class AwardRefused(ValueError):
    """Criteria, tiers or a score the round cannot take; the message is Chinese and names the reason."""


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: int


@dataclass(frozen=True)
class Tier:
    name: str
    places: int
    shares: int


def _lines(text: str) -> list[tuple[int, list[str]]]:
    return [(n, line.split()) for n, line in enumerate(str(text).splitlines(), start=1) if line.strip()]


def _whole(text: str, what: str, line: int) -> int:
    if not text.isdigit():
        raise AwardRefused(f"第{line}行：{what}“{text[:10]}”应为整数")
    return int(text)


def parse_criteria(text: str) -> list[Criterion]:
    """One criterion a line, "名称 权重" (税收贡献 40); refused unless the weights add up to 100."""
    criteria = []
    for line, parts in _lines(text):
        if len(parts) != 2:
            raise AwardRefused(f"第{line}行：请按“名称 权重”填写，如“税收贡献 40”")
        criteria.append(Criterion(parts[0][:20], _whole(parts[1], "权重", line)))
    problem = criteria_problem(criteria)
    if problem:
        raise AwardRefused(problem)
    return criteria


def criteria_problem(criteria: Sequence[Criterion]) -> str:
    if not criteria:
        return "请至少填写一项评审标准"
    names = [c.name for c in criteria]
    if len(set(names)) != len(names):
        return "评审标准的名称不能重复"
    if any(c.weight <= 0 for c in criteria):
        return "每项评审标准的权重应大于 0"
    total = sum(c.weight for c in criteria)
    if total != 100:
        return f"评审标准的权重合计应为 100，现在是 {total}"
    return ""


def criteria_text(criteria: Sequence[Criterion]) -> str:
    return "\n".join(f"{c.name} {c.weight}" for c in criteria)


def parse_tiers(text: str) -> list[Tier]:
    """One tier a line, "名称 名额 每名份数" (特等奖 1 3), best tier first."""
    tiers = []
    for line, parts in _lines(text):
        if len(parts) != 3:
            raise AwardRefused(f"第{line}行：请按“名称 名额 每名份数”填写，如“特等奖 1 3”")
        tier = Tier(parts[0][:20], _whole(parts[1], "名额", line), _whole(parts[2], "每名份数", line))
        if tier.places < 1 or tier.shares < 1:
            raise AwardRefused(f"第{line}行：名额和每名份数都至少为 1")
        tiers.append(tier)
    if not tiers:
        raise AwardRefused("请至少填写一个奖励等次")
    if len({t.name for t in tiers}) != len(tiers):
        raise AwardRefused("奖励等次的名称不能重复")
    return tiers


def tiers_text(tiers: Sequence[Tier]) -> str:
    return "\n".join(f"{t.name} {t.places} {t.shares}" for t in tiers)


def places(tiers: Sequence[Tier]) -> int:
    return sum(t.places for t in tiers)


def score_problem(value: Decimal) -> str:
    if not value.is_finite() or value < 0 or value > HUNDRED:
        return "评分应在 0 到 100 之间"
    if value != value.quantize(FEN):
        return "评分最多两位小数"
    return ""


def parse_score(text) -> Decimal | None:
    """A typed score: blank is None; anything else 0–100 with at most two decimals, or refused."""
    cleaned = str(text if text is not None else "").strip()
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise AwardRefused(f"“{cleaned[:20]}”不是分数") from None
    problem = score_problem(value)
    if problem:
        raise AwardRefused(problem)
    return value


def reviewer_score(values: Sequence[Decimal], weights: Sequence[int]) -> Fraction:
    """One reviewer's weighted score of one nomination, exact."""
    return sum((Fraction(v) * w for v, w in zip(values, weights, strict=True)), Fraction(0)) / 100


def half_up(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(FEN, rounding=ROUND_HALF_UP)


def nomination_score(sheets: Sequence[Sequence[Decimal | None]], weights: Sequence[int]) -> Decimal | None:
    """The mean of the reviewers' weighted scores over the complete sheets, half up to 0.01 (None: no sheet)."""
    complete = [s for s in sheets if len(s) == len(weights) and all(v is not None for v in s)]
    if not complete:
        return None
    return half_up(sum((reviewer_score(s, weights) for s in complete), Fraction(0)) / len(complete))


def first_criterion_mean(sheets: Sequence[Sequence[Decimal | None]], weights: Sequence[int]) -> Fraction:
    complete = [s for s in sheets if len(s) == len(weights) and all(v is not None for v in s)]
    if not complete:
        return Fraction(0)
    return sum((Fraction(s[0]) for s in complete), Fraction(0)) / len(complete)


@dataclass(frozen=True)
class Candidate:
    key: int
    name: str
    score: Decimal
    first: Fraction  # the mean of the first criterion, for ties


def ranking(candidates: Sequence[Candidate]) -> list[Candidate]:
    order = {c.key: i for i, c in enumerate(candidates)}
    return sorted(candidates, key=lambda c: (-c.score, -c.first, c.name, order[c.key]))


def place_amounts(pool: Decimal, tiers: Sequence[Tier]) -> list[tuple[str, Decimal]]:
    """Every place of every tier, best first, with its amount: the pool by shares, largest remainder, to the fen."""
    if pool < 0 or pool != pool.quantize(FEN):
        raise AwardRefused("奖励总额应为不小于 0 的金额，最多精确到分")
    slots = [(t.name, t.shares) for t in tiers for _ in range(t.places)]
    total = sum(shares for _, shares in slots)
    if total == 0:
        return []
    fen = int(pool / FEN)
    floors, remainders = zip(*(divmod(fen * shares, total) for _, shares in slots), strict=True)
    floors = list(floors)
    for i in sorted(range(len(slots)), key=lambda i: (-remainders[i], i))[: fen - sum(floors)]:
        floors[i] += 1
    return [(name, Decimal(f) * FEN) for (name, _), f in zip(slots, floors, strict=True)]


def allocate(pool: Decimal, tiers: Sequence[Tier], ranked: int) -> list[tuple[str, Decimal]]:
    """The tier and amount of each of the first `ranked` candidates in ranking order (at most every place)."""
    return place_amounts(pool, tiers)[: max(ranked, 0)]
