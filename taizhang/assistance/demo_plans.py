"""Where and when the demo's planted visits go (demo_signals says what they are)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from taizhang.assistance.demo_places import near, note, working_days
from taizhang.assistance.models import AssistedHousehold, Visit
from taizhang.core.models import RecordStatus
from taizhang.org.models import User


@dataclass
class Planned:
    helper: User
    assisted: AssistedHousehold
    start: datetime
    minutes: int
    entered: datetime
    source: str = Visit.Source.FORM
    notes: str = ""
    position: tuple[float, float] | None = None
    photo: tuple[int, str] | None = None  # (photo number, variant)
    review: tuple[str, str] | None = None  # what the town concluded when it looked: (verdict, note)


def at(day: date, hhmm: str, seconds: int = 0) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute, seconds)))


class Planner:
    """Where and when each planted visit goes: on the helper's days after their imported visits of the month (so
    re-running the demo plans the same visits), never on a public holiday."""

    def __init__(self, unit, helpers: dict[str, User], homes, seed: int, today: date):
        self.rng = random.Random(seed + 4)
        self.helpers, self.homes, self.today = helpers, homes, today
        self.m1 = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        self.m2 = (self.m1 - timedelta(days=1)).replace(day=1)
        self.households: dict[str, list[AssistedHousehold]] = {}
        for household in (
            AssistedHousehold.objects.filter(unit=unit)
            .select_related("household", "community")
            .order_by("household__household_no")
        ):
            self.households.setdefault(household.community.name, []).append(household)
        self.next_household = dict.fromkeys(self.households, 0)
        self.busy: dict[tuple[int, date], date] = {}
        rows = Visit.objects.filter(
            unit=unit, source=Visit.Source.IMPORT, status=RecordStatus.ACTIVE, visit_date__gte=self.m2
        ).values_list("helpers", "visit_date")
        for helper_id, day in rows:
            key = (helper_id, day.replace(day=1))
            self.busy[key] = max(self.busy.get(key, day), day)
        self.visits: list[Planned] = []
        self.photos = 0

    def day(self, helper: User, month: date, n: int) -> date | None:
        """The helper's n-th free working day of the month, or None when the month has no room for it."""
        last = self.busy.get((helper.pk, month), month - timedelta(days=1))
        free = [d for d in working_days(month) if d > last and d < self.today]
        return free[n] if n < len(free) else None

    def household(self, village: str, *, home: bool = True) -> AssistedHousehold:
        """The village's households in turn (with a recorded position when `home`)."""
        pool = self.households[village]
        while True:
            index = self.next_household[village]
            self.next_household[village] = index + 1
            household = pool[index % len(pool)]
            if not home or household.pk in self.homes:
                return household

    def photo(self) -> tuple[int, str]:
        self.photos += 1
        return (self.photos, "")

    def add(self, helper, assisted, start, minutes, entered=None, **fields) -> Planned:
        """A visit; a phone visit is sent when it ends unless `entered` says otherwise, and is placed by the phone."""
        phone = fields.get("source") == Visit.Source.PHONE
        if entered is None:
            entered = start + timedelta(minutes=minutes + (self.rng.randint(1, 3) if phone else 0))
        if phone and "position" not in fields and assisted.pk in self.homes:
            fields["position"] = near(self.homes[assisted.pk], self.rng)
        planned = Planned(helper, assisted, start, minutes, entered, **fields)
        self.visits.append(planned)
        return planned

    def phone_day(self, helper, village, day, times, *, sent_at=None, **fields) -> list[Planned]:
        """Genuine visits on the phone: photo, position, notes of their own; sent each as it ends, or at `sent_at`
        all at once (no signal on the way)."""
        made = []
        for n, hhmm in enumerate(times):
            entered = sent_at + timedelta(seconds=n * self.rng.randint(8, 20)) if sent_at else None
            made.append(
                self.add(
                    helper,
                    self.household(village),
                    at(day, hhmm),
                    self.rng.randint(35, 60),
                    entered,
                    source=Visit.Source.PHONE,
                    notes=note(self.rng),
                    photo=self.photo(),
                    **fields,
                )
            )
        return made
