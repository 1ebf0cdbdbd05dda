"""新市镇's assisted households: XS001 (新市村, helper 张帮扶) and XS002 (闻韶村, helper 孙帮扶); JY001 in 济阳街道."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from taizhang.assistance.households import assisted_mark
from taizhang.assistance.models import AssistedHousehold, Category
from taizhang.assistance.visits import visit_record
from taizhang.registry.models import Household

START = date(2025, 1, 1)


@pytest.fixture
def assisted(seeded):
    world = seeded
    for no, helper, admin in (
        ("XS001", world.xs_worker, world.xs_admin),
        ("XS002", world.wenshao_worker, world.xs_admin),
        ("JY001", world.jy_worker, world.jy_admin),
    ):
        assisted_mark(
            actor=admin,
            household=Household.objects.get(household_no=no),
            category=Category.REGISTERED,
            start_date=START,
            helpers=[helper],
        )
    return world


def assist(admin, no: str, *helpers, start: date = START) -> AssistedHousehold:
    """Household `no` (already in the registry) made an assisted household of `helpers` from `start`."""
    return assisted_mark(
        actor=admin,
        household=Household.objects.get(household_no=no),
        category=Category.REGISTERED,
        start_date=start,
        helpers=list(helpers),
    )


def household(no: str) -> AssistedHousehold:
    return AssistedHousehold.objects.select_related("household").get(household__household_no=no)


def local(day: date, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def visit(actor, no: str, day: date, start: str, minutes: int, *, visitors=None, **kwargs):
    started = local(day, start)
    result, _ = visit_record(
        actor=actor,
        assisted=household(no),
        visitors=visitors or [actor],
        started_at=started,
        ended_at=started + timedelta(minutes=minutes),
        **kwargs,
    )
    return result
