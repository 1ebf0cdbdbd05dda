"""Authenticity signals: hints that a visit ledger may not be what it says, for the unit admin to look into;
never a verdict. No Django here."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise


@dataclass(frozen=True)
class VisitFacts:
    """What the signals need of a visit."""

    id: int
    household_id: int
    helper_id: int
    started_at: datetime
    ended_at: datetime
    recorded_at: datetime
    text: str = ""
    start_position: tuple[float, float] | None = None
    end_position: tuple[float, float] | None = None
    community_id: int | None = None  # the 村居


@dataclass(frozen=True)
class Signal:
    kind: str
    visit_ids: tuple[int, ...]
    detail: str


COPIED_TEXT_MIN_LENGTH = 15


MIN_TRAVEL_MINUTES = 5


LATE_ENTRY_DAYS = 3


FAR_METRES = 500


def _normalised(text: str) -> str:
    return re.sub(r"[\s，。、,.;；:：!！?？]+", "", text or "")


def copied_texts(visits: Iterable[VisitFacts], *, min_length: int = COPIED_TEXT_MIN_LENGTH) -> list[Signal]:
    """The same note, word for word, in visits to different households."""
    by_text: dict[str, list[VisitFacts]] = defaultdict(list)
    for visit in visits:
        key = _normalised(visit.text)
        if len(key) >= min_length:
            by_text[key].append(visit)
    signals = []
    for group in by_text.values():
        households = {v.household_id for v in group}
        if len(households) > 1:
            preview = group[0].text.strip()[:30]
            signals.append(
                Signal(
                    "copied_text",
                    tuple(sorted(v.id for v in group)),
                    f"{len(households)} 户的走访记录内容完全相同：“{preview}…”",
                )
            )
    return signals


def back_to_back(visits: Iterable[VisitFacts], *, min_travel_minutes: int = MIN_TRAVEL_MINUTES) -> list[Signal]:
    """One helper's visits to different households with (almost) no time between them to get there."""
    by_helper: dict[int, list[VisitFacts]] = defaultdict(list)
    for visit in visits:
        by_helper[visit.helper_id].append(visit)
    signals = []
    for helper_visits in by_helper.values():
        helper_visits.sort(key=lambda v: v.started_at)
        for earlier, later in pairwise(helper_visits):
            gap = (later.started_at - earlier.ended_at).total_seconds() / 60
            if earlier.household_id != later.household_id and 0 <= gap < min_travel_minutes:
                signals.append(
                    Signal(
                        "back_to_back",
                        (earlier.id, later.id),
                        f"两次走访之间只隔 {gap:.0f} 分钟，不足 {min_travel_minutes} 分钟路程",
                    )
                )
    return signals


def late_entries(visits: Iterable[VisitFacts], *, days: int = LATE_ENTRY_DAYS) -> list[Signal]:
    """Visits entered long after they happened."""
    signals = []
    for visit in visits:
        delay = visit.recorded_at - visit.ended_at
        if delay > timedelta(days=days):
            signals.append(Signal("late_entry", (visit.id,), f"走访后 {delay.days} 天才录入"))
    return signals


def distance_metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def far_from_home(
    visits: Iterable[VisitFacts], homes: dict[int, tuple[float, float]], *, metres: float = FAR_METRES
) -> list[Signal]:
    """Visits started or ended (as the phone reported it) far from the household's recorded location."""
    signals = []
    for visit in visits:
        home = homes.get(visit.household_id)
        if home is None:
            continue
        for label, position in (("开始", visit.start_position), ("结束", visit.end_position)):
            if position is not None and (away := distance_metres(home, position)) > metres:
                signals.append(Signal("far_from_home", (visit.id,), f"{label}走访时距该户登记位置约 {away:,.0f} 米"))
                break
    return signals


# --- what the integrity signals (taizhang.assistance.integrity) return -----------------------------------------------


@dataclass(frozen=True)
class VisitSignal:
    """A hint about some visits: `kind` is the kind's short name ("similar_notes"), `day` the day it is about, `key`
    what keeps it the same signal when more visits join it (empty: the visits themselves)."""

    kind: str
    visit_ids: tuple[int, ...]
    day: date
    detail: str
    key: str = ""


@dataclass(frozen=True)
class Names:
    """How a signal's sentence names households (户编号 by assisted household id) and helpers. Times are read as they
    are given: the caller passes local times."""

    households: Mapping[int, str] = field(default_factory=dict)
    helpers: Mapping[int, str] = field(default_factory=dict)

    def visit(self, visit: VisitFacts) -> str:
        """“XS0012 3月5日 09:10”."""
        started = visit.started_at
        return (
            f"{self.households.get(visit.household_id, f'#{visit.household_id}')} {day_label(started)} {started:%H:%M}"
        )

    def visits(self, visits: Sequence[VisitFacts], *, limit: int = 6) -> str:
        """The visits in time order, the first `limit` of them named."""
        ordered = sorted(visits, key=lambda v: (v.started_at, v.id))
        named = "、".join(self.visit(v) for v in ordered[:limit])
        return named + (f" 等 {len(ordered)} 次" if len(ordered) > limit else "")

    def helper(self, helper_id: int) -> str:
        return self.helpers.get(helper_id, f"帮扶责任人#{helper_id}")


NO_NAMES = Names()


def day_label(day: date) -> str:
    return f"{day.month}月{day.day}日"
