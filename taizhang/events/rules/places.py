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


def state_for_new(capacity: int | None, confirmed: int) -> str:
    """A new sign-up takes a free place, or waits when none is left (those already waiting signed up earlier)."""
    return CONFIRMED if capacity is None or confirmed < capacity else WAITING


def to_promote(capacity: int | None, confirmed: int, waiting: list[Entry]) -> list[int]:
    """The waiting sign-ups that take the places now free (after a cancellation or a larger capacity): the first in
    line, as many as there are free places."""
    line = [e.id for e in order(waiting)]
    if capacity is None:
        return line
    return line[: max(capacity - confirmed, 0)]


def to_demote(capacity: int, confirmed: list[Entry]) -> list[int]:
    """When a capacity is lowered below the places taken: the last to have signed up go back to the head of the
    waiting list (their sign-up time keeps them ahead of those who signed up after them)."""
    ordered = [e.id for e in order(confirmed)]
    return ordered[capacity:]
