"""Authenticity signals: hints that a visit ledger may not be what it says, for the unit admin to look into;
never a verdict. No Django here."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime


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
    source: str = ""  # Visit.Source: "phone", "form" (entered by hand), "import"
    recorded_by_id: int | None = None  # the account that entered it


@dataclass(frozen=True)
class Signal:
    kind: str
    visit_ids: tuple[int, ...]
    detail: str


def distance_metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


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
