"""The people module's URL keywords for the scoping walk (tests/scoping_walk.py): records of 新市镇."""

from tests.people import scoping_kpi

FACTORIES: dict = {}
FACTORIES |= scoping_kpi.FACTORIES


# --- pay and elimination: the locked cycle 2021Q4 of 新市镇 with a confirmed pay sheet and a recommendation --------


def _paid_cycle(world):
    from datetime import date

    from taizhang.org.models import User
    from taizhang.people import elimination, pay
    from taizhang.people.models import Cycle, Result
    from tests.people.conftest import make_zone

    cycle = Cycle.objects.filter(unit=world.xinshi, code="2021Q4").first()
    if cycle is not None:
        return cycle
    if not User.objects.filter(username="kong1").exists():
        make_zone(world)
    cycle = Cycle.objects.create(
        unit=world.xinshi,
        code="2021Q4",
        kind=Cycle.Kind.QUARTER,
        starts_on=date(2021, 10, 1),
        ends_on=date(2021, 12, 31),
    )
    for username, grade in [("kong1", "excellent"), ("kong2", "pass"), ("kong3", "fail")]:
        Result.objects.create(unit=world.xinshi, cycle=cycle, user=User.objects.get(username=username), grade=grade)
    cycle.status = Cycle.Status.LOCKED
    cycle.save(update_fields=["status"])
    pay.sheet_confirm(actor=None, sheet=pay.sheet_prepare(actor=None, cycle=cycle))
    elimination.recommendations_sync(cycle=cycle)
    return cycle


def locked_cycle_id(world):
    return _paid_cycle(world).pk


def sheet_id(world):
    return _paid_cycle(world).pay_sheets.get(status="confirmed").pk


def pay_line_id(world):
    return _paid_cycle(world).pay_sheets.get(status="confirmed").lines.order_by("id").first().pk


def recommendation_id(world):
    return _paid_cycle(world).recommendations.order_by("id").first().pk


FACTORIES.update(
    locked_cycle_id=locked_cycle_id, sheet_id=sheet_id, pay_line_id=pay_line_id, recommendation_id=recommendation_id
)
