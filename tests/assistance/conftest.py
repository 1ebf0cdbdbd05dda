"""新市镇's assisted households: XS001 (新市村, helper 张帮扶) and XS002 (闻韶村, helper 孙帮扶); JY001 in 济阳街道."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from taizhang.assistance.households import assisted_mark
from taizhang.assistance.importing import assisted_import
from taizhang.assistance.models import AssistedHousehold, Category
from taizhang.assistance.visits import visit_record
from taizhang.registry.models import Household
from tests.conftest import bulk_households, csv_bytes

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


def assist_many(world, count: int, prefix: str = "WS", people_from: int = 0) -> list[str]:
    """`count` households of 闻韶村 (bulk_households) assisted since 2025-01-01, all helped by 孙帮扶, imported the real way."""
    numbers = bulk_households(world.xinshi, "闻韶村", count, prefix, people_from=people_from)
    report = assisted_import(
        actor=world.xs_admin,
        unit=world.xinshi,
        data=csv_bytes(
            [[no, "建档立卡户", "2025-01-01", world.wenshao_worker.username] for no in numbers],
            header=["户编号", "帮扶类别", "帮扶开始日期", "帮扶责任人"],
        ),
        filename="帮扶户名单.csv",
    )
    assert report.ok and report.applied, report.errors[:3]
    return numbers
