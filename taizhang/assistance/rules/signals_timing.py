"""Visit signals about when visits happened: schedules a person could not keep (impossible_travel, overfull_day),
durations that sit just above the rule's minimum (minimum_cluster), and visits at hours or on days nobody visits
(odd_hours). No Django here; every time is read as given, so callers pass local times.

The least time from one household to the next is `overhead + distance / speed`, the distance between the households'
recorded positions (a household without one: where the phone was at the visit). Between two 村居 with a position
missing it is the unit's `village_minutes`; within one 村居 without positions, or at the same household, nothing is
claimed."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import pairwise

import chinese_calendar

from taizhang.assistance.rules.signals import NO_NAMES, Names, VisitFacts, VisitSignal, day_label, distance_metres
from taizhang.assistance.rules.visits import Month, VisitRule, rule_on, visit_minutes

Position = tuple[float, float]


@dataclass(frozen=True)
class Road:
    """How travel between two households is estimated (the impossible_travel kind's parameters)."""

    speed_kmh: float = 20
    overhead_minutes: float = 3
    village_minutes: float = 10


@dataclass(frozen=True)
class Travel:
    minutes: float | None  # the least time on the road; None: nothing can be said
    metres: float | None = None  # the distance, when both positions are known


def travel(earlier: VisitFacts, later: VisitFacts, homes: Mapping[int, Position], road: Road) -> Travel:
    """The least time from the earlier visit's household to the later one's (a speed of 0 judges by 村居 only)."""
    if earlier.household_id == later.household_id:
        return Travel(None)
    here = homes.get(earlier.household_id) or earlier.end_position or earlier.start_position
    there = homes.get(later.household_id) or later.start_position or later.end_position
    if here and there and road.speed_kmh > 0:
        metres = distance_metres(here, there)
        return Travel(road.overhead_minutes + metres / (road.speed_kmh * 1000 / 60), metres)
    if earlier.community_id and later.community_id and earlier.community_id != later.community_id:
        return Travel(road.village_minutes)
    return Travel(None)


def _gap_minutes(earlier: VisitFacts, later: VisitFacts) -> float:
    return (later.started_at - earlier.ended_at).total_seconds() / 60


def _by(visits: Iterable[VisitFacts], key) -> dict:
    groups: dict = defaultdict(dict)
    for visit in visits:
        groups[key(visit)][visit.id] = visit
    return {k: sorted(v.values(), key=lambda v: (v.started_at, v.id)) for k, v in groups.items()}


def impossible_travel(
    visits: Iterable[VisitFacts], homes: Mapping[int, Position], road: Road = Road(), *, names: Names = NO_NAMES
) -> list[VisitSignal]:
    """One helper's consecutive visits to two households with less time between them than the road takes (or that
    overlap). A pair two helpers made together is one signal."""
    seen, signals = set(), []
    for helper_visits in _by(visits, lambda v: v.helper_id).values():
        for earlier, later in pairwise(helper_visits):
            if earlier.household_id == later.household_id or (earlier.id, later.id) in seen:
                continue
            road_time, gap = travel(earlier, later, homes, road), _gap_minutes(earlier, later)
            if gap >= 0 and (road_time.minutes is None or gap >= road_time.minutes):
                continue
            seen.add((earlier.id, later.id))
            signals.append(
                VisitSignal(
                    "impossible_travel",
                    (earlier.id, later.id),
                    later.started_at.date(),
                    f"{names.visit(earlier)} 与 {names.visit(later)}：{_travel_text(earlier, later, road_time, gap)}",
                )
            )
    return sorted(signals, key=lambda s: (s.day, s.visit_ids))


def _travel_text(earlier: VisitFacts, later: VisitFacts, road_time: Travel, gap: float) -> str:
    parts = []
    if road_time.metres is not None:
        parts.append(f"两户相距约 {distance_text(road_time.metres)}，路上至少需 {_up(road_time.minutes)} 分钟")
    elif road_time.minutes is not None:
        parts.append(f"两户不在同一村居，缺少位置，按村居之间路上至少 {_up(road_time.minutes)} 分钟计")
    ended, started = _clock(earlier.ended_at, later.started_at), f"{later.started_at:%H:%M}"
    if gap < 0:
        parts.append(f"而前一次 {ended} 才结束，后一次 {started} 已开始，两次走访重叠 {_up(-gap)} 分钟")
    else:
        parts.append(f"而前一次 {ended} 结束、后一次 {started} 开始，只隔 {math.floor(gap)} 分钟")
    return "，".join(parts)


def _clock(moment: datetime, beside: datetime) -> str:
    """HH:MM, with the day when it is not the other moment's day."""
    return f"{moment:%H:%M}" if moment.date() == beside.date() else f"{day_label(moment)} {moment:%H:%M}"


def _up(minutes: float) -> int:
    return math.ceil(round(minutes, 6))


def _number(value: float) -> str:
    return f"{value:g}"


def distance_text(metres: float) -> str:
    return f"{metres / 1000:.1f} 公里" if metres >= 1000 else f"{round(metres, -1):.0f} 米"


def overfull_day(
    visits: Iterable[VisitFacts],
    homes: Mapping[int, Position],
    road: Road = Road(),
    *,
    working_minutes: float,
    names: Names = NO_NAMES,
) -> list[VisitSignal]:
    """A helper's day whose visit minutes plus the least travel between consecutive households exceed the working
    day (two visits or more)."""
    signals = []
    for (helper_id, day), day_visits in sorted(_by(visits, lambda v: (v.helper_id, v.started_at.date())).items()):
        if len(day_visits) < 2:
            continue
        visiting = sum((v.ended_at - v.started_at).total_seconds() / 60 for v in day_visits)
        on_road = sum(travel(a, b, homes, road).minutes or 0 for a, b in pairwise(day_visits))
        if visiting + on_road <= working_minutes:
            continue
        households = len({v.household_id for v in day_visits})
        road_text = f"户间路上至少 {_up(on_road)} 分钟，合计 {_up(visiting + on_road)} 分钟，" if on_road else ""
        signals.append(
            VisitSignal(
                "overfull_day",
                tuple(v.id for v in day_visits),
                day,
                f"{names.helper(helper_id)} {day_label(day)}走访 {len(day_visits)} 次（{households} 户，"
                f"{day_visits[0].started_at:%H:%M} 至 {_clock(max(v.ended_at for v in day_visits), day_visits[0].started_at)}），"
                f"走访共 {round(visiting)} 分钟，{road_text}超过一天 {_number(working_minutes)} 分钟的工作时长："
                f"{names.visits(day_visits)}",
                key=f"{helper_id}:{day.isoformat()}",
            )
        )
    return signals


def minimum_cluster(
    visits: Iterable[VisitFacts],
    rules: Sequence[VisitRule],
    *,
    margin_minutes: float,
    share: float,
    min_visits: int,
    names: Names = NO_NAMES,
) -> list[VisitSignal]:
    """A helper's month in which at least `share` (0–1) of the visits (and `min_visits` visits or more) lasted from the
    minimum in force on their day to `margin_minutes` more: the distribution, not one visit."""
    signals = []
    for (helper_id, month), month_visits in sorted(
        _by(visits, lambda v: (v.helper_id, Month.of(v.started_at))).items()
    ):
        if len(month_visits) < max(min_visits, 1):
            continue
        near = [
            (v, minimum)
            for v in month_visits
            if (minimum := rule_on(rules, v.started_at.date()).min_minutes)
            <= visit_minutes(v.started_at, v.ended_at)
            <= minimum + margin_minutes
        ]
        if not near or len(near) < share * len(month_visits):
            continue
        minimums = sorted({minimum for _, minimum in near})
        if len(minimums) == 1:
            band = (
                f"时长在 {minimums[0]}–{_number(minimums[0] + margin_minutes)} 分钟，紧贴规定的最少 {minimums[0]} 分钟"
            )
        else:
            band = f"时长只比当日规定的最少时长（{'、'.join(map(str, minimums))} 分钟）多 {_number(margin_minutes)} 分钟以内"
        near_visits = [v for v, _ in near]
        signals.append(
            VisitSignal(
                "minimum_cluster",
                tuple(sorted(v.id for v in near_visits)),
                near_visits[-1].started_at.date(),
                f"{names.helper(helper_id)} {month.month}月的 {len(month_visits)} 次走访中有 {len(near)} 次"
                f"（{len(near) / len(month_visits):.0%}）{band}：{names.visits(near_visits, limit=3)}",
                key=f"{helper_id}:{month}",
            )
        )
    return signals


DAY_MINUTES = 24 * 60


def in_night(started: datetime, ended: datetime, night_from: time, night_until: time) -> bool:
    """Whether the visit [started, ended) shares any time with a night [night_from, night_until) — the night running
    into the next day when it starts later than it ends. So a visit starting at 21:00 is at night and one ending at
    21:00 is not; one starting at 06:30 is not and one ending at 06:30 is. Equal bounds mean no night."""
    if night_from == night_until:
        return False
    # Minutes from the midnight that begins the visit's first day; the nights begin at night_from on each day.
    begins = started.hour * 60 + started.minute + started.second / 60 + started.microsecond / 60e6
    ends = begins + (ended - started).total_seconds() / 60
    first, last = _minutes(night_from), _minutes(night_until)
    length = (last - first) % DAY_MINUTES
    day = -DAY_MINUTES
    while day <= ends:
        if day + first < ends and begins < day + first + length:
            return True
        day += DAY_MINUTES
    return False


def _minutes(moment: time) -> float:
    return moment.hour * 60 + moment.minute + moment.second / 60


def night_text(night_from: time, night_until: time) -> str:
    next_day = "次日 " if night_from > night_until else ""
    return f"{night_from:%H:%M} 至{next_day}{night_until:%H:%M}"


HOLIDAY_NAMES = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}
UNIT_HOLIDAY = "单位规定的休息日"


def holiday_names(days: Iterable[date], unit_days: Iterable[date] = ()) -> dict[date, str]:
    """The holidays among the days, by name: the State Council's public holidays (“国庆节”) for the years
    chinese_calendar covers, and the unit's own days off. Weekends are not holidays here, and make-up working days
    (调休) are working days."""
    days = set(days)
    found = dict.fromkeys(days & set(unit_days), UNIT_HOLIDAY)
    for day in days:
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:  # a year not published yet
            continue
        if on_holiday and name:
            found[day] = HOLIDAY_NAMES.get(name, name)
    return found


def odd_hours(
    visits: Iterable[VisitFacts],
    *,
    night_from: time,
    night_until: time,
    holidays: Mapping[date, str],
    names: Names = NO_NAMES,
) -> list[VisitSignal]:
    """Visits at night (in_night) or started on a holiday (`holidays`: day → its name)."""
    signals = []
    for visit in {v.id: v for v in visits}.values():
        night = in_night(visit.started_at, visit.ended_at, night_from, night_until)
        holiday = holidays.get(visit.started_at.date())
        if not night and not holiday:
            continue
        span = f"{visit.started_at:%H:%M}–{_clock(visit.ended_at, visit.started_at)}"
        if night:
            detail = f"{names.visit(visit)} 的走访（{span}）在夜间（{night_text(night_from, night_until)}）"
            detail += f"，当天是{holiday}" if holiday else ""
        else:
            detail = f"{names.visit(visit)} 的走访（{span}）在{holiday}"
        signals.append(VisitSignal("odd_hours", (visit.id,), visit.started_at.date(), detail))
    return sorted(signals, key=lambda s: (s.day, s.visit_ids))
