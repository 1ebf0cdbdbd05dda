"""The current time, from one place that tests can fix.

Services, selectors, views, forms and commands ask `clock.now()` / `clock.today()` instead of
`django.utils.timezone`; rules never ask at all (they take the date as a parameter). Tests fix the
moment with `clock.frozen(at)` or the `clock` fixture, and move it with `set()` / `advance()`.

The fixed clock is a module global rather than a thread-local on purpose: the live server of the
browser tests answers from another thread and must see the same moment.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone


class FixedClock:
    """A clock that stays where it is put."""

    def __init__(self, at: datetime | date) -> None:
        self.set(at)

    def set(self, at: datetime | date) -> None:
        """Moves to `at`: an aware datetime, a naive one (read in the current time zone), or a date (its local noon)."""
        if not isinstance(at, datetime):
            at = datetime.combine(at, time(12))  # noon: hours away from either midnight
        self.at = (at if timezone.is_aware(at) else timezone.make_aware(at)).astimezone(UTC)

    def advance(self, delta: timedelta | None = None, **parts: float) -> None:
        """Moves forward by `delta` or by timedelta's keywords (`advance(days=3)`)."""
        self.at += delta if delta is not None else timedelta(**parts)

    def now(self) -> datetime:
        return self.at

    def today(self) -> date:
        return timezone.localdate(self.at)


_fixed: FixedClock | None = None


def now() -> datetime:
    """The current moment, aware (in UTC, as `timezone.now()`)."""
    return _fixed.now() if _fixed is not None else timezone.now()


def today() -> date:
    """Today's date where the district is (settings.TIME_ZONE), not in UTC."""
    return timezone.localdate(now())


@contextmanager
def frozen(at: datetime | date) -> Iterator[FixedClock]:
    """Fixes `now()` and `today()` at `at` inside the block; the clock it yields can be moved."""
    global _fixed
    outer, _fixed = _fixed, FixedClock(at)
    try:
        yield _fixed
    finally:
        _fixed = outer
