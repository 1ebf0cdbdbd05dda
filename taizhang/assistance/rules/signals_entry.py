"""Entry signals: how and when visits reached the ledger. A visit entered days after it happened, many visits typed in
by one account within minutes, a visit changed after its month was closed. No Django here; times are aware datetimes
and the dates those of the unit's clock."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from taizhang.assistance.rules.signals import Signal, VisitFacts

LATE_ENTRY_DAYS = 3
BULK_COUNT = 5
BULK_MINUTES = 10
CLOSE_DAY = 5

# Visit.Source values: a visit typed into the form afterwards, and one read from the town's old ledgers.
TYPED = "form"
IMPORTED = "import"


def _one_each(visits: Iterable[VisitFacts]) -> list[VisitFacts]:
    return list({v.id: v for v in visits}.values())


def late_entries(visits: Iterable[VisitFacts], *, days: float = LATE_ENTRY_DAYS) -> list[Signal]:
    """Visits entered more than `days` after they ended. An imported ledger is late by nature and not asked."""
    signals = []
    for visit in _one_each(visits):
        delay = visit.recorded_at - visit.ended_at
        if visit.source != IMPORTED and delay > timedelta(days=days):
            signals.append(Signal("late_entry", (visit.id,), f"走访后 {delay.days} 天才录入"))
    return signals


@dataclass(frozen=True)
class Burst:
    """Visits one account typed in one after another, `count` or more within `minutes` of each other."""

    recorder_id: int
    visit_ids: tuple[int, ...]  # in the order they were entered
    first_at: datetime
    last_at: datetime


def bulk_entries(
    visits: Iterable[VisitFacts], *, count: float = BULK_COUNT, minutes: float = BULK_MINUTES
) -> list[Burst]:
    """Runs of visits typed in by one account where some `count` of them were entered within `minutes` (the first
    and the last of them at most `minutes` apart); overlapping runs make one burst. Only visits typed into the form
    count: a phone sending the visits it kept while offline is not bulk entry, nor is an import."""
    by_recorder: dict[int, list[VisitFacts]] = defaultdict(list)
    for visit in _one_each(visits):
        if visit.source == TYPED and visit.recorded_by_id is not None:
            by_recorder[visit.recorded_by_id].append(visit)
    window = timedelta(minutes=minutes)
    need = max(2, int(count))
    bursts = []
    for recorder, entered in by_recorder.items():
        entered.sort(key=lambda v: (v.recorded_at, v.id))
        spans: list[list[int]] = []
        first = 0
        for last in range(len(entered)):
            while entered[last].recorded_at - entered[first].recorded_at > window:
                first += 1
            if last - first + 1 >= need:
                if spans and first <= spans[-1][1]:
                    spans[-1][1] = last
                else:
                    spans.append([first, last])
        for start, end in spans:
            run = entered[start : end + 1]
            bursts.append(Burst(recorder, tuple(v.id for v in run), run[0].recorded_at, run[-1].recorded_at))
    return bursts


@dataclass(frozen=True)
class Edit:
    """A change to a visit, as the audit trail keeps it."""

    visit_id: int
    at: datetime
    by: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class LateEdit:
    visit_id: int
    closed_on: date  # the visit's month closed at the end of this day
    edits: tuple[Edit, ...]


def close_date(visit_day: date, close_day: float = CLOSE_DAY) -> date:
    """The day a visit's month closes: the `close_day` of the following month (its last day when shorter)."""
    year, month = (visit_day.year + 1, 1) if visit_day.month == 12 else (visit_day.year, visit_day.month + 1)
    return date(year, month, min(max(1, int(close_day)), calendar.monthrange(year, month)[1]))


def edits_after_close(
    visit_days: dict[int, date], edits: Iterable[Edit], *, close_day: float = CLOSE_DAY
) -> list[LateEdit]:
    """The visits changed after their month closed: an edit on the close day itself is in time, from the next day on
    it is late. `visit_days` maps each visit asked about to its date; `edits` carry the unit's local time."""
    late: dict[int, list[Edit]] = defaultdict(list)
    for edit in edits:
        day = visit_days.get(edit.visit_id)
        if day is not None and edit.at.date() > close_date(day, close_day):
            late[edit.visit_id].append(edit)
    return [
        LateEdit(visit_id, close_date(visit_days[visit_id], close_day), tuple(sorted(found, key=lambda e: e.at)))
        for visit_id, found in sorted(late.items())
    ]
