"""竞聘上岗 as pure rules: an applicant's weighted total, the ranking of a post's applicants, the appointees proposed
by default, and how many posts one may apply for.

The ranking: by the weighted total (笔试 × w笔试 + 面试 × w面试 + 民主测评 × w民主测评, ÷ 100, rounded half up to
0.01) from high to low; equal totals are broken by the higher 笔试 score, then the higher 面试 score, then the higher
民主测评 score (totals are rounded, so they may tie with different scores), then the name in code-point order (then the username), so a ranking is always total and reproducible. Applicants missing a
component score are not ranked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

COMPONENTS = ("笔试", "面试", "民主测评")
DEFAULT_WEIGHTS = (Decimal(40), Decimal(40), Decimal(20))
CENT = Decimal("0.01")


def weights_problem(weights: Sequence[Decimal]) -> str:
    """ "" when the component weights are each 0–100 and total 100; else the Chinese reason."""
    if any(w < 0 or w > 100 for w in weights):
        return "各项权重应在 0 到 100 之间"
    if sum(weights) != 100:
        return f"笔试、面试、民主测评的权重合计应为 100，现为 {sum(weights):f}"
    return ""


def score_problem(score: Decimal) -> str:
    if not score.is_finite() or score < 0 or score > 100:
        return "成绩应在 0 到 100 之间"
    if score != score.quantize(CENT):
        return "成绩最多两位小数"
    return ""


def weighted_total(scores: Sequence[Decimal], weights: Sequence[Decimal]) -> Decimal:
    """Σ score × weight ÷ 100, rounded half up to 0.01."""
    total = sum((s * w for s, w in zip(scores, weights, strict=True)), Decimal(0)) / 100
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Candidate:
    key: object  # what the caller identifies the applicant by
    name: str
    username: str
    scores: tuple[Decimal | None, ...]  # 笔试, 面试, 民主测评


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    total: Decimal
    rank: int


def ranking(candidates: Sequence[Candidate], weights: Sequence[Decimal]) -> list[Ranked]:
    """The scored candidates in order, ranks 1, 2, 3 … (the tie-breaks make every rank distinct)."""
    scored = [c for c in candidates if all(s is not None for s in c.scores)]
    totals = {id(c): weighted_total(c.scores, weights) for c in scored}
    ordered = sorted(
        scored, key=lambda c: (-totals[id(c)], -c.scores[0], -c.scores[1], -c.scores[2], c.name, c.username)
    )
    return [Ranked(c, totals[id(c)], n) for n, c in enumerate(ordered, start=1)]


def proposed_by_default(ranked: Sequence[Ranked], openings: int, taken: set = frozenset()) -> list[Ranked]:
    """The top `openings` of a post's ranking, skipping those in `taken` (already proposed for another post)."""
    chosen = []
    for entry in ranked:
        if len(chosen) >= openings:
            break
        if entry.candidate.key not in taken:
            chosen.append(entry)
    return chosen


def applications_problem(count: int, max_posts: int) -> str:
    if count < 1:
        return "请至少选择一个岗位"
    if count > max_posts:
        return f"每人最多报名 {max_posts} 个岗位，您选择了 {count} 个"
    return ""
