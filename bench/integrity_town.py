"""A town's genuine visits for bench/integrity.py, as plain values (no Django): villages a few km apart, households
with positions, helpers with their own households, and each month's visits as a careful helper makes them —
working hours with lunch, enough time to get from one house to the next, notes written about that household,
photos taken there, the phone's position near the door, entered at the time or 补录 a day or two later."""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import chinese_calendar
from integrity_notes import HouseholdFacts, genuine_values
from PIL import Image, ImageDraw, ImageEnhance

CENTRE = (36.65, 117.0)  # the town hall
METRES_PER_DEGREE = 111_320
SPEED_KMH = 15  # a careful helper's pace between houses (the signal assumes 20 km/h)


def offset(origin: tuple[float, float], north_m: float, east_m: float) -> tuple[float, float]:
    lat, lng = origin
    return (
        lat + north_m / METRES_PER_DEGREE,
        lng + east_m / (METRES_PER_DEGREE * math.cos(math.radians(lat))),
    )


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    north = (b[0] - a[0]) * METRES_PER_DEGREE
    east = (b[1] - a[1]) * METRES_PER_DEGREE * math.cos(math.radians(a[0]))
    return math.hypot(north, east)


@dataclass
class Home:
    no: str
    village: int
    position: tuple[float, float]  # where the house really is
    recorded: tuple[float, float] | None  # what the town recorded (None for some)
    facts: HouseholdFacts


@dataclass
class Helper:
    username: str
    name: str
    homes: list[int] = field(default_factory=list)
    opening: str = ""
    # A plant helper's habits, set before the months are made (bench/integrity_plants.py): how long they stay,
    # what they write (rng → minutes; rng, household facts, month → visit values).
    minutes: Callable[[random.Random], int] | None = None
    values: Callable[[random.Random, HouseholdFacts, int], dict] | None = None


@dataclass
class Plan:
    """One visit to write: which household, who, when, what was written, where the phone was, how it was entered."""

    key: int
    home: int
    helper: int
    start: datetime  # naive local time
    minutes: int
    values: dict
    start_position: tuple[float, float] | None = None
    end_position: tuple[float, float] | None = None
    photos: list[bytes] = field(default_factory=list)
    source: str = "phone"
    entered: datetime | None = None
    recorded_by: int | None = None  # a helper index; None = the unit admin
    edits: list[tuple[datetime, dict]] = field(default_factory=list)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)


@dataclass
class Town:
    villages: list[tuple[str, tuple[float, float]]]
    homes: list[Home]
    helpers: list[Helper]
    holidays: frozenset[date]  # the unit's own days off, beside the public holidays
    plans: list[Plan] = field(default_factory=list)
    busy: dict[tuple[int, date], list[Plan]] = field(default_factory=dict)  # (helper, day) → visits
    keys: int = 0

    def add(self, plan: Plan) -> Plan:
        self.plans.append(plan)
        self.busy.setdefault((plan.helper, plan.start.date()), []).append(plan)
        return plan

    def next_key(self) -> int:
        self.keys += 1
        return self.keys

    def travel_minutes(self, a: int, b: int) -> float:
        """A careful helper's time from house a to house b (the road is longer than the straight line)."""
        return 4 + metres(self.homes[a].position, self.homes[b].position) * 1.3 / 1000 / SPEED_KMH * 60


def town(seed: int, *, households: int, helpers: int, code: str, villages: int = 15) -> Town:
    """Villages on a 5-wide grid about 2.5 km apart; household n lives in village (n - 1) % villages (as the
    registry's demo rows place them); each helper has about 20 households in one village or two neighbours."""
    rng = random.Random(seed)
    centres = []
    for v in range(villages):
        row, column = divmod(v, 5)
        centres.append(
            (
                f"第{v + 1}村",
                offset(CENTRE, (row - 1) * 2600 + rng.uniform(-500, 500), (column - 2) * 2400 + rng.uniform(-500, 500)),
            )
        )
    homes = []
    for n in range(1, households + 1):
        village = (n - 1) % villages
        position = offset(centres[village][1], rng.gauss(0, 220), rng.gauss(0, 260))
        recorded = position if rng.random() > 0.08 else None
        homes.append(Home(f"{code}{n:05d}", village, position, recorded, HouseholdFacts.draw(rng)))
    people = [Helper(f"{code.lower()}h{i:03d}", f"帮扶{i:03d}", opening=rng.choice(OPENINGS)) for i in range(helpers)]
    by_village = [[i for i, h in enumerate(homes) if h.village == v] for v in range(villages)]
    for v, members in enumerate(by_village):
        # The village's households go to the helpers of that village in streets (by position), so a helper's
        # households are near each other; a third of the helpers also take a street of the next village.
        members.sort(key=lambda i: (homes[i].position[1], homes[i].position[0]))
        own = [i for i in range(helpers) if i % villages == v] or [v % helpers]
        chunk = math.ceil(len(members) / len(own))
        for k, helper in enumerate(own):
            people[helper].homes.extend(members[k * chunk : (k + 1) * chunk])
    for helper in people[::3]:
        if len(helper.homes) > 8:
            moved = helper.homes[-4:]
            del helper.homes[-4:]
            neighbour = people[(people.index(helper) + 1) % helpers]
            neighbour.homes.extend(moved)
    return Town(centres, homes, people, frozenset())


OPENINGS = ["", "入户走访。", "今天上门，", "到户了解情况，", "按计划走访，", "", "上门看望，"]


def working_days(first: date, last: date, holidays: frozenset[date]) -> list[date]:
    days = []
    day = first
    while day <= last:
        if chinese_calendar.is_workday(day) and day not in holidays:
            days.append(day)
        day += timedelta(days=1)
    return days


def genuine_month(t: Town, rng: random.Random, first: date, last: date, helpers: range | None = None) -> None:
    """Each household visited twice (some once, some three times), on the helper's field days, in a day's route
    with enough time between houses."""
    days = working_days(first, last, t.holidays)
    saturdays = [
        d
        for d in (first + timedelta(days=i) for i in range((last - first).days + 1))
        if d.weekday() == 5 and chinese_calendar.get_holiday_detail(d)[1] is None and d not in t.holidays
    ]
    for index in helpers if helpers is not None else range(len(t.helpers)):
        helper = t.helpers[index]
        field_days = sorted(rng.sample(days, min(len(days), rng.randint(9, 13))))
        if rng.random() < 0.15:
            field_days = sorted({*field_days, rng.choice(saturdays)})
        halves = (
            [d for d in field_days if d.day <= 15] or field_days,
            [d for d in field_days if d.day > 15] or field_days,
        )
        schedule: dict[date, list[int]] = {}
        for home in helper.homes:
            times = rng.choice((1, 2, 2, 2, 2, 2, 2, 3))
            for j in range(times):
                pool = halves[j % 2]
                choices = [d for d in pool if home not in schedule.get(d, []) and len(schedule.get(d, [])) < 5]
                day = rng.choice(choices or pool)
                schedule.setdefault(day, []).append(home)
        for day, visited in sorted(schedule.items()):
            _day_route(t, rng, index, day, sorted(set(visited)))


def duration(rng: random.Random) -> int:
    """Log-normal around 55 minutes, 35–120; now and then a long one, or a short one at a house nobody was home."""
    roll = rng.random()
    if roll < 0.03:
        return rng.randint(12, 28)
    if roll < 0.05:
        return rng.randint(121, 170)
    return max(35, min(120, round(math.exp(rng.gauss(math.log(55), 0.33)))))


def _day_route(t: Town, rng: random.Random, helper: int, day: date, visited: list[int]) -> None:
    route = [visited.pop(rng.randrange(len(visited)))]
    while visited:
        nearest = min(visited, key=lambda h: metres(t.homes[route[-1]].position, t.homes[h].position))
        route.append(nearest)
        visited.remove(nearest)
    evening = rng.random() < 0.08  # the household is only home after work
    clock = datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randint(8 * 60 + 10, 9 * 60 + 40))
    if rng.random() < 0.3:
        clock += timedelta(hours=5)  # an afternoon round
    previous = None
    for home in route:
        if previous is not None:
            need = t.travel_minutes(previous, home)
            if t.homes[previous].village != t.homes[home].village:
                need = max(need, 16)
            clock += timedelta(minutes=need * 1.2 + 2 + rng.uniform(0, 20))
        minutes = (t.helpers[helper].minutes or duration)(rng)
        if clock.hour * 60 + clock.minute + minutes > 11 * 60 + 50 and clock.hour < 13:
            clock = clock.replace(hour=13, minute=0) + timedelta(minutes=rng.randint(20, 80))  # lunch
        ends = clock.hour * 60 + clock.minute + minutes
        if ends > 18 * 60 + 30 and (not evening or ends > 20 * 60 + 15):
            break
        t.add(genuine_plan(t, rng, helper, home, clock.replace(second=0, microsecond=0), minutes))
        clock += timedelta(minutes=minutes)
        previous = home


def genuine_plan(t: Town, rng: random.Random, helper: int, home: int, start: datetime, minutes: int) -> Plan:
    source = "phone" if rng.random() < 0.82 else "form"
    if source == "phone":  # the phone stamps the second it was opened; a form has whole minutes
        start += timedelta(seconds=rng.randint(0, 59))
    facts, writes = t.homes[home].facts, t.helpers[helper].values
    values = writes(rng, facts, start.month) if writes else genuine_values(rng, facts, t.helpers[helper].opening)
    plan = Plan(t.next_key(), home, helper, start, minutes, values, recorded_by=helper, source=source)
    end = plan.end
    if source == "phone":
        plan.entered = end + timedelta(seconds=rng.randint(5, 240))
        if rng.random() > 0.1:  # a tenth: the phone gave no position
            spread = 45 if rng.random() < 0.05 else 9  # now and then a poor fix under trees or indoors
            house = t.homes[home].position
            plan.start_position = offset(house, rng.gauss(0, spread), rng.gauss(0, spread))
            plan.end_position = offset(house, rng.gauss(0, spread), rng.gauss(0, spread))
        if rng.random() < 0.3:
            plan.photos = [photo(rng) for _ in range(rng.choice((1, 1, 2)))]
    else:  # 补录 the same evening or a day or two later, from the office
        later = timedelta(hours=rng.uniform(3, 60))
        plan.entered = end + later
    return plan


def outbox_bursts(t: Town, rng: random.Random, share: float = 0.04) -> None:
    """A phone without signal in the field sends its queue when it finds one: a helper's day of phone visits
    reaches the server within a minute or two (not bulk entry by a person)."""
    days = [plans for plans in t.busy.values() if len(plans) >= 3 and all(p.source == "phone" for p in plans)]
    for plans in rng.sample(days, int(len(days) * share)):
        sent = max(p.end for p in plans) + timedelta(minutes=rng.randint(10, 90))
        for i, p in enumerate(sorted(plans, key=lambda p: p.start)):
            p.entered = sent + timedelta(seconds=4 * i + rng.randint(0, 3))


def office_catch_up(t: Town, rng: random.Random) -> None:
    """Form 补录s of one helper are entered in small batches (at most three within ten minutes)."""
    by_helper: dict[int, list[Plan]] = {}
    for p in t.plans:
        if p.source == "form":
            by_helper.setdefault(p.helper, []).append(p)
    for plans in by_helper.values():
        plans.sort(key=lambda p: p.entered)
        for i in range(3, len(plans)):
            if plans[i].entered - plans[i - 3].entered < timedelta(minutes=25):
                plans[i].entered = plans[i - 3].entered + timedelta(minutes=25 + rng.randint(0, 30))


def genuine_edits(t: Town, rng: random.Random, first: date, last: date, count: int) -> None:
    """A helper corrects a note within days, at the latest on the 4th of the next month (before the month closes)."""
    close = (last + timedelta(days=1)).replace(day=4)
    month = [p for p in t.plans if first <= p.start.date() <= last and p.values.get("notes")]
    for p in rng.sample(month, min(count, len(month))):
        when = min(p.entered + timedelta(hours=rng.uniform(1, 96)), datetime.combine(close, datetime.min.time()))
        old = p.values["notes"]
        p.values["notes"] = old + rng.choice(("（补充：已电话回访）", "，已转村委会", "。材料已补交"))
        p.edits.append((when, {"走访内容": [old, p.values["notes"]]}))


def photo(rng: random.Random) -> bytes:
    """A small picture of a visit: a scene of shapes and colours of its own."""
    image = Image.new("RGB", (96, 72), tuple(rng.randint(40, 220) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(4, 9)):
        box = sorted(rng.sample(range(96), 2)), sorted(rng.sample(range(72), 2))
        shape = (box[0][0], box[1][0], box[0][1], box[1][1])
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        (draw.rectangle if rng.random() < 0.5 else draw.ellipse)(shape, fill=colour)
    return jpeg(image)


def jpeg(image: Image.Image, quality: int = 85) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def reused(picture: bytes, how: str) -> bytes:
    """The same photo as it comes back when reused: re-saved, scaled by a phone, brightened by a filter."""
    image = Image.open(io.BytesIO(picture))
    if how == "recompressed":
        return jpeg(image, quality=55)
    if how == "resized":
        return jpeg(image.resize((86, 64)))
    if how == "brighter":
        return jpeg(ImageEnhance.Brightness(image).enhance(1.08))
    return picture
