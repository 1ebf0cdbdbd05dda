"""Pure rules over plain values: no ORM, no clock (the caller passes today)."""

from __future__ import annotations

from datetime import date


def is_overdue(*, due_on: date, closed_on: date | None, today: date) -> bool:
    """Overdue from the day after the deadline until it is closed; a closed note is never overdue."""
    return closed_on is None and today > due_on


def deadline_ok(*, opened_on: date, due_on: date) -> bool:
    return due_on >= opened_on
