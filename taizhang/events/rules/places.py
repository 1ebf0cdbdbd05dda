"""Places in a session with a capacity: who holds a place and who waits, in the order they signed up.

A session's places go to its live sign-ups (not cancelled) in the order of their sign-up time, ties by their
number; the rest wait in the same order. Because the order never changes, cancelling one place-holder moves the
first waiting person up, and only them: `allocate` before and after the cancellation differ by exactly that move.
A session without a capacity (None) has a place for everyone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

CONFIRMED = "confirmed"
WAITING = "waiting"
CANCELLED = "cancelled"
STATES = [(CONFIRMED, "已报名"), (WAITING, "候补"), (CANCELLED, "已取消")]
LABELS = dict(STATES)


@dataclass(frozen=True)
class Entry:
    """A live sign-up as the rule sees it: its number and when it was made."""

    id: int
    signed_at: datetime


@dataclass(frozen=True)
class Allocation:
    confirmed: tuple[int, ...]  # in sign-up order
    waiting: tuple[int, ...]  # in sign-up order: the first is the next to move up

    def state_of(self, entry_id: int) -> str:
        return CONFIRMED if entry_id in self.confirmed else WAITING

    def waiting_position(self, entry_id: int) -> int | None:
        """1 for the first in line."""
        return self.waiting.index(entry_id) + 1 if entry_id in self.waiting else None


def order(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.signed_at, e.id))


def allocate(capacity: int | None, entries: list[Entry]) -> Allocation:
    ordered = [e.id for e in order(entries)]
    if capacity is None:
        return Allocation(tuple(ordered), ())
    return Allocation(tuple(ordered[:capacity]), tuple(ordered[capacity:]))


def free_places(capacity: int | None, confirmed: int) -> int | None:
    return None if capacity is None else max(capacity - confirmed, 0)
