"""Preparing an event: where a checklist task stands on a day, and the budget's totals (budgeted, spent, remaining,
over budget), to the fen."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

DUE_SOON_DAYS = 3  # a task enters its owner's inbox this many days before its deadline

DONE, OVERDUE, DUE_SOON, OPEN = "done", "overdue", "due_soon", "open"
TASK_STATES = {DONE: "已完成", OVERDUE: "已逾期", DUE_SOON: "即将到期", OPEN: "进行中"}
FEN = Decimal("0.01")


def task_state(due_on: date, done_on: date | None, today: date) -> str:
    if done_on is not None:
        return DONE
    if due_on < today:
        return OVERDUE
    if due_on <= today + timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return OPEN


def in_inbox(due_on: date, done_on: date | None, today: date) -> bool:
    """Overdue or due within DUE_SOON_DAYS, not done: the owner's to-do."""
    return task_state(due_on, done_on, today) in (OVERDUE, DUE_SOON)


def yuan(amount) -> Decimal:
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Totals:
    budgeted: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budgeted - self.spent

    @property
    def over(self) -> bool:
        return self.spent > self.budgeted

    @property
    def spent_percent(self) -> Decimal | None:
        """Spent as a percentage of the budget, to one decimal (None for a line budgeted at nothing)."""
        if not self.budgeted:
            return None
        return (self.spent * 100 / self.budgeted).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def line_totals(budgeted, spendings: Iterable) -> Totals:
    """A line's totals from its amount budgeted and the amounts of its spending that stands (voided left out)."""
    return Totals(yuan(budgeted), yuan(sum((yuan(s) for s in spendings), Decimal(0))))


def overall(lines: Iterable[Totals]) -> Totals:
    lines = list(lines)
    return Totals(sum((t.budgeted for t in lines), Decimal(0)), sum((t.spent for t in lines), Decimal(0)))
