"""Fakes planted on top of a town's genuine month, for bench/integrity.py: for every visit signal kind, several
fakes in the patterns inspectors find, each a little different. A plant names its fake visits (the ones a signal of
its kind must point at) and the genuine visits it copied from (neither fake nor counted as genuine)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial

import chinese_calendar
from integrity_notes import copied, uniform_values
from integrity_town import Plan, Town, genuine_plan, metres, offset, reused, working_days


@dataclass
class Plant:
    kind: str
    what: str
    fakes: list[int]
    sources: list[int] = field(default_factory=list)


def plant_habits(t: Town) -> None:
    """The last seven helpers' habits, before their months are made: four write one template at every house, month
    after month; three stay just the minimum (all 30–32 minutes; seven in ten; 30–31)."""
    first = len(t.helpers) - PLANT_HELPERS
    for template in range(4):
        t.helpers[first + template].values = partial(uniform_values, template=template)
    t.helpers[first + 4].minutes = lambda rng: rng.randint(30, 32)
    t.helpers[first + 5].minutes = lambda rng: rng.randint(30, 32) if rng.random() < 0.78 else rng.randint(45, 75)
    t.helpers[first + 6].minutes = lambda rng: rng.randint(30, 31)


def plant_all(t: Town, rng: random.Random, first: date, last: date) -> list[Plant]:
    """Every kind's plants in the month [first, last], on top of the genuine visits."""
    p = _Planter(t, rng, first, last)
    plants = [
        *p.uniform_helpers(),
        *p.minimum_helpers(),
        *p.similar_notes(),
        *p.impossible_travel(),
        *p.overfull_days(),
        *p.odd_hours(),
        *p.late_entries(),
        *p.bulk_entries(),
        *p.edited_after_close(),
        *p.same_photos(),
        *p.same_positions(),
        *p.far_from_home(),
    ]
    return plants


COPIES = {
    "one_word": "改一个词",
    "name": "换成本户户主名",
    "number": "改一个数字",
    "appended": "末尾加一句",
    "exact": "一字不改",
    "three_homes": "抄到三户",
}
REUSES = {
    "exact": "原图",
    "recompressed": "重新压缩",
    "resized": "缩小",
    "brighter": "调亮",
    "last_month": "上月照片用于同户本月",
    "three_homes": "一张用于三户",
}
WHICH = {"both": "开始和结束", "start": "开始", "end": "结束"}
PLANT_HELPERS = 7  # the last seven helpers: four write the same note every time, three clock the minimum


class _Planter:
    def __init__(self, t: Town, rng: random.Random, first: date, last: date) -> None:
        self.t, self.rng, self.first, self.last = t, rng, first, last
        self.days = working_days(first, last, t.holidays)
        self.genuine = range(len(t.helpers) - PLANT_HELPERS)
        self.month = [p for p in t.plans if first <= p.start.date() <= last and p.helper in self.genuine]

    def _free_day(self, helper: int) -> date:
        """A working day the helper has no visits on, else a free weekend day (not a holiday)."""
        free = [d for d in self.days if (helper, d) not in self.t.busy]
        weekend = [d for d in _days(self.first, self.last) if d.weekday() >= 5 and not chinese_calendar.is_holiday(d)]
        return self.rng.choice(free or [d for d in weekend if (helper, d) not in self.t.busy])

    def _at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute))

    def _helper(self, *, villages: int = 1, free: int = 1) -> int:
        """A genuine helper with households in that many villages and that many days without visits."""
        choices = [
            h
            for h in self.genuine
            if len({self.t.homes[i].village for i in self.t.helpers[h].homes}) >= villages
            and sum((h, d) not in self.t.busy for d in self.days) >= free
        ]
        return self.rng.choice(choices)

    def _visit(self, helper: int, home: int, start: datetime, minutes: int, **changes) -> Plan:
        """A visit made like a genuine one (notes of that household, phone at the door), then changed."""
        plan = genuine_plan(self.t, self.rng, helper, home, start, minutes)
        if plan.source == "form":  # made as a phone visit; the plants that are 补录 say so themselves
            plan.source, plan.start = "phone", plan.start + timedelta(seconds=self.rng.randint(0, 59))
            plan.entered = plan.end + timedelta(seconds=self.rng.randint(5, 200))
            house = self.t.homes[home].position
            plan.start_position = offset(house, self.rng.gauss(0, 9), self.rng.gauss(0, 9))
            plan.end_position = offset(house, self.rng.gauss(0, 9), self.rng.gauss(0, 9))
        for name, value in changes.items():
            setattr(plan, name, value)
        return self.t.add(plan)

    def _genuine_homes(self) -> list[int]:
        return [h for helper in self.genuine for h in self.t.helpers[helper].homes]

    @staticmethod
    def _by_hand(plan: Plan) -> Plan:
        """补录 on a form: whole minutes, no positions (who enters it says when)."""
        plan.source, plan.start_position, plan.end_position = "form", None, None
        plan.start = plan.start.replace(second=0)
        return plan

    def _homes(self, helper: int, count: int) -> list[int]:
        homes = list(self.t.helpers[helper].homes)
        self.rng.shuffle(homes)
        return homes[:count]

    # -- TEXT --------------------------------------------------------------------------------------------------
    def uniform_helpers(self) -> list[Plant]:
        first_plant = len(self.t.helpers) - PLANT_HELPERS
        return [
            Plant("assistance.uniform_notes", f"三个月同一模板（模板 {template + 1}）", self._months_visits(helper))
            for template, helper in enumerate(range(first_plant, first_plant + 4))
        ]

    def _months_visits(self, helper: int) -> list[int]:
        return [p.key for p in self.t.plans if p.helper == helper and self.first <= p.start.date() <= self.last]

    def similar_notes(self) -> list[Plant]:
        long_notes = [p for p in self.month if len(_text(p.values)) >= 45]
        plants = []
        for how in ("one_word", "name", "number", "appended", "exact", "three_homes"):
            source = self.rng.choice(long_notes)
            helper = self._helper()
            homes = [h for h in self._homes(helper, 5) if h != source.home][: 3 if how == "three_homes" else 1]
            fakes = []
            for home in homes:
                values = copied(
                    self.rng, source.values, how, self.t.homes[source.home].facts.head, self.t.homes[home].facts.head
                )
                day = self._free_day(helper)
                fakes.append(
                    self._visit(
                        helper, home, self._at(day, 9, self.rng.randint(0, 50)), self.rng.randint(40, 70), values=values
                    ).key
                )
            plants.append(Plant("assistance.similar_notes", f"照抄他户记录，{COPIES[how]}", fakes, [source.key]))
        return plants

    # -- TIMING ------------------------------------------------------------------------------------------------
    def minimum_helpers(self) -> list[Plant]:
        first_plant = len(self.t.helpers) - PLANT_HELPERS + 4
        plants = []
        for variant, helper in enumerate(range(first_plant, first_plant + 3)):
            fakes = self._months_visits(helper)
            if variant == 2:  # fewer visits this month
                self._drop(set(fakes[8:]))
                fakes = fakes[:8]
            what = ("全部 30–32 分钟", "七成 30–32 分钟，夹几次长的", "每次 30–31 分钟，本月 8 次")[variant]
            plants.append(Plant("assistance.minimum_cluster", what, fakes))
        return plants

    def _drop(self, keys: set[int]) -> None:
        self.t.plans = [p for p in self.t.plans if p.key not in keys]
        for plans in self.t.busy.values():
            plans[:] = [p for p in plans if p.key not in keys]

    def impossible_travel(self) -> list[Plant]:
        plants = []
        # A morning of ten 30-minute visits, six minutes apart, back and forth between two villages.
        helper = self._helper(villages=2)
        homes = self.t.helpers[helper].homes
        villages = sorted({self.t.homes[h].village for h in homes})
        a = [h for h in homes if self.t.homes[h].village == villages[0]]
        b = [h for h in homes if self.t.homes[h].village == villages[1]]
        route = [*(x for pair in zip(a, b, strict=False) for x in pair), *a[len(b) :], *b[len(a) :]][:10]
        day, start, fakes = self._free_day(helper), None, []
        start = self._at(day, 8, 0)
        for home in route:
            fakes.append(self._visit(helper, home, start, 30).key)
            start += timedelta(minutes=36)
        plants.append(
            Plant("assistance.impossible_travel", f"一上午 {len(route)} 户，每户 30 分钟，间隔 6 分钟", fakes)
        )
        # Pairs: households in different villages with a few minutes between the visits.
        for gap, hour, phone in ((4, 10, True), (8, 15, True), (3, 9, False), (1, 16, True)):
            helper = self._helper(villages=2)
            homes = self.t.helpers[helper].homes
            x = self.rng.choice(homes)
            far = [h for h in homes if self.t.homes[h].village != self.t.homes[x].village]
            y = max(far, key=lambda h: metres(self.t.homes[x].position, self.t.homes[h].position))
            day = self._free_day(helper)
            first_visit = self._visit(helper, x, self._at(day, hour, 5), self.rng.randint(35, 60))
            second = self._visit(helper, y, first_visit.end + timedelta(minutes=gap), self.rng.randint(35, 60))
            if not phone:  # 补录 from memory: no positions, the village is all there is
                for plan in (first_visit, second):
                    self._by_hand(plan).entered = plan.end + timedelta(hours=5)
            plants.append(
                Plant("assistance.impossible_travel", f"两村之间只隔 {gap} 分钟", [first_visit.key, second.key])
            )
        return plants

    def overfull_days(self) -> list[Plant]:
        plants = []
        for count, minutes, hour in (
            (12, (50, 50), (7, 30)),
            (8, (76, 82), (7, 0)),
            (13, (45, 46), (7, 40)),
            (10, (55, 65), (7, 45)),
        ):
            helper = self._helper()
            homes = sorted(self.t.helpers[helper].homes, key=lambda h: self.t.homes[h].position)[:count]
            day = self._free_day(helper)
            start, fakes, previous = self._at(day, *hour), [], None
            total = 0
            for home in homes:
                if previous is not None:
                    start += timedelta(minutes=self.t.travel_minutes(previous, home) + 1)
                length = self.rng.randint(*minutes)
                total += length
                fakes.append(self._visit(helper, home, start, length).key)
                start += timedelta(minutes=length)
                previous = home
            plants.append(Plant("assistance.overfull_day", f"一天 {len(homes)} 户共 {total} 分钟", fakes))
        return plants

    def odd_hours(self) -> list[Plant]:
        plants = []
        for hour, minute, length in ((22, 40, 45), (23, 5, 35), (5, 40, 40), (21, 20, 50)):
            helper = self._helper()
            day = self._free_day(helper)
            plan = self._visit(helper, self._homes(helper, 1)[0], self._at(day, hour, minute), length)
            plants.append(Plant("assistance.odd_hours", f"{hour:02d}:{minute:02d} 开始", [plan.key]))
        public = [d for d in _days(self.first, self.last) if _public_holiday(d)]
        for day in [*public[:1], *sorted(self.t.holidays)[:1]]:
            helper = self._helper()
            plan = self._visit(helper, self._homes(helper, 1)[0], self._at(day, 10, 10), 55)
            what = "法定节假日白天" if day in public else "单位自定休息日白天"
            plants.append(Plant("assistance.odd_hours", what, [plan.key]))
        return plants

    # -- ENTRY -------------------------------------------------------------------------------------------------
    def late_entries(self) -> list[Plant]:
        plants = []
        for days, by_admin in ((4.2, False), (6.5, False), (10, True), (17, False), (26, False)):
            helper = self._helper()
            day = self._free_day(helper)
            plan = self._visit(helper, self._homes(helper, 1)[0], self._at(day, 14, 30), self.rng.randint(40, 70))
            self._by_hand(plan).entered = plan.end + timedelta(days=days)
            plan.recorded_by = None if by_admin else helper
            plants.append(Plant("assistance.late_entry", f"走访后 {days} 天补录", [plan.key]))
        return plants

    def bulk_entries(self) -> list[Plant]:
        plants = []
        for count, within, by_admin in ((8, 6, False), (12, 9, True), (5, 3, False), (6, 8, False)):
            helpers = [self._helper(free=count // 4 + 1) for _ in range(4)] if by_admin else [self._helper(free=count)]
            fakes = []
            for i in range(count):
                helper = helpers[i % len(helpers)]
                day = self._free_day(helper)
                home = self.rng.choice(self.t.helpers[helper].homes)
                plan = self._visit(
                    helper,
                    home,
                    self._at(day, self.rng.choice((9, 10, 15)), self.rng.randint(0, 40)),
                    self.rng.randint(35, 65),
                )
                self._by_hand(plan).recorded_by = None if by_admin else helper
                fakes.append(plan)
            sitting = max(p.end for p in fakes) + timedelta(hours=self.rng.randint(2, 30))
            for i, plan in enumerate(sorted(fakes, key=lambda p: p.start)):
                plan.entered = sitting + timedelta(seconds=within * 60 * i / (count - 1))
            who = "管理员" if by_admin else "帮扶责任人"
            plants.append(
                Plant("assistance.bulk_entry", f"{who} {within} 分钟内补录 {count} 条", [p.key for p in fakes])
            )
        return plants

    def edited_after_close(self) -> list[Plant]:
        plants = []
        next_month = self.last + timedelta(days=1)
        for when, change in (
            (datetime.combine(next_month.replace(day=6), time(9, 30)), "notes"),
            (datetime.combine(next_month.replace(day=18), time(16, 5)), "minutes"),
            (datetime.combine(next_month + timedelta(days=47), time(10, 40)), "notes"),
            (datetime.combine(next_month.replace(day=9), time(11, 0)), "both"),
        ):
            helper = self._helper()
            day = self._free_day(helper)
            minutes = self.rng.randint(20, 28) if change == "minutes" else self.rng.randint(40, 70)
            plan = self._visit(helper, self._homes(helper, 1)[0], self._at(day, 9, 20), minutes)
            if change in ("notes", "both"):
                old = plan.values.get("notes", "")
                plan.values["notes"] = old + "，已督促落实"
                if change == "both":
                    plan.edits.append((plan.entered + timedelta(days=2), {"走访内容": [old, plan.values["notes"]]}))
                else:
                    plan.edits.append((when, {"走访内容": [old, plan.values["notes"]]}))
            if change in ("minutes", "both"):  # too short a visit made to count after the month was tallied
                before = plan.minutes
                plan.minutes = 35
                plan.edits.append((when, {"时长（分钟）": [before, 35]}))
            plants.append(Plant("assistance.edited_after_close", f"{when:%m-%d} 修改（月结后）", [plan.key]))
        return plants

    # -- PLACE -------------------------------------------------------------------------------------------------
    def same_photos(self) -> list[Plant]:
        plants = []
        with_photos = [p for p in self.month if p.photos]
        earlier = [p for p in self.t.plans if p.photos and p.start.date() < self.first and p.helper in self.genuine]
        for how in ("exact", "recompressed", "resized", "brighter", "last_month", "three_homes"):
            source = self.rng.choice(earlier if how == "last_month" else with_photos)
            picture = reused(source.photos[0], how)
            helper = source.helper if how == "last_month" else self._helper()
            homes = [source.home] if how == "last_month" else [h for h in self._homes(helper, 4) if h != source.home]
            fakes = []
            for home in homes[: 3 if how == "three_homes" else 1]:
                day = self._free_day(helper)
                fakes.append(
                    self._visit(helper, home, self._at(day, 10, 30), self.rng.randint(40, 70), photos=[picture]).key
                )
            plants.append(Plant("assistance.same_photo", f"照片重复使用：{REUSES[how]}", fakes, [source.key]))
        return plants

    def same_positions(self) -> list[Plant]:
        plants = []
        located = [p for p in self.month if p.start_position and p.end_position]
        # Another household's visit's position copied exactly.
        source = self.rng.choice(located)
        helper = self._helper()
        home = next(h for h in self._homes(helper, 5) if h != source.home)
        plan = self._visit(
            helper,
            home,
            self._at(self._free_day(helper), 15, 0),
            50,
            start_position=source.start_position,
            end_position=source.end_position,
        )
        plants.append(Plant("assistance.same_position", "抄用他户的定位", [plan.key], [source.key]))
        # Three households "visited" from one spot (the helper's office desk).
        helper = self._helper()
        spot = offset(self.t.villages[self.t.homes[self.t.helpers[helper].homes[0]].village][1], 30, -40)
        fakes = []
        for home in self._homes(helper, 3):
            plan = self._visit(
                helper, home, self._at(self._free_day(helper), 9, 40), 45, start_position=spot, end_position=spot
            )
            fakes.append(plan.key)
        plants.append(Plant("assistance.same_position", "三户定位是同一个点", fakes))
        # A neighbour's position a metre off (close enough to the house not to be far from it).
        source = self.rng.choice(located)
        neighbours = sorted(
            (h for h in self._genuine_homes() if h != source.home and self.t.homes[h].recorded),
            key=lambda h: metres(self.t.homes[h].position, self.t.homes[source.home].position),
        )
        home = neighbours[0]
        owner = next(i for i in self.genuine if home in self.t.helpers[i].homes)
        moved = offset(source.start_position, 0.8, 0.5)
        plan = self._visit(
            owner, home, self._at(self._free_day(owner), 16, 0), 45, start_position=moved, end_position=moved
        )
        plants.append(Plant("assistance.same_position", "邻户定位只差约 1 米", [plan.key], [source.key]))
        # Two fake visits to different households, the second starting where the first ended.
        helper = self._helper()
        one, two = self._homes(helper, 2)
        day = self._free_day(helper)
        first_visit = self._visit(helper, one, self._at(day, 14, 0), 40)
        second = self._visit(
            helper,
            two,
            self._at(day, 15, 0),
            40,
            start_position=first_visit.end_position,
            end_position=first_visit.end_position,
        )
        plants.append(Plant("assistance.same_position", "第二户沿用第一户的定位", [first_visit.key, second.key]))
        return plants

    def far_from_home(self) -> list[Plant]:
        plants = []
        for metres_away, which in ((3000, "both"), (800, "both"), (1500, "start"), (620, "end"), (2200, "both")):
            helper = self._helper()
            home = next(h for h in self._homes(helper, 10) if self.t.homes[h].recorded)
            bearing = self.rng.uniform(0, 2 * math.pi)
            away = offset(self.t.homes[home].position, metres_away * math.cos(bearing), metres_away * math.sin(bearing))
            plan = self._visit(helper, home, self._at(self._free_day(helper), 10, 0), self.rng.randint(40, 60))
            if which in ("both", "start"):
                plan.start_position = away
            if which in ("both", "end"):
                plan.end_position = offset(away, 5, 5)
            plants.append(
                Plant(
                    "assistance.far_from_home",
                    f"{WHICH[which]}时距该户约 {metres_away} 米",
                    [plan.key],
                )
            )
        return plants


def _text(values: dict) -> str:
    return "".join(v for k, v in values.items() if k not in ("water", "housing", "archive", "talk"))


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _public_holiday(day: date) -> bool:
    on, name = chinese_calendar.get_holiday_detail(day)
    return on and name is not None
