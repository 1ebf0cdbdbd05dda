"""Authenticity signals: hints that a visit ledger may not be what it says, for the unit admin to look into;
never a verdict. No Django here."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
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
    source: str = ""  # Visit.Source: "phone", "form" (entered by hand), "import"
    recorded_by_id: int | None = None  # the account that entered it


@dataclass(frozen=True)
class Signal:
    kind: str
    visit_ids: tuple[int, ...]
    detail: str


COPIED_TEXT_MIN_LENGTH = 15


MIN_TRAVEL_MINUTES = 5


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


def distance_metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))
