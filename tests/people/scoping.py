"""The people module's URL keywords for the scoping walk (tests/scoping_walk.py): records of 新市镇."""

from datetime import date
from decimal import Decimal

from taizhang.org.models import OrgNode, Role
from taizhang.people.models import Contract, Post
from taizhang.staff.services import node_create, staff_create
from tests.people import scoping_kpi


def _department(world) -> OrgNode:
    found = OrgNode.objects.filter(parent=world.xinshi, subtype=OrgNode.Subtype.DEPARTMENT, name="综合部").first()
    return found or node_create(
        actor=None, parent=world.xinshi, kind=OrgNode.Kind.WORKGROUP, name="综合部", subtype="department"
    )


def post_id(world):
    department = _department(world)
    post = Post.objects.filter(unit=world.xinshi, name="综合岗").first()
    return (
        post
        or Post.objects.create(
            unit=world.xinshi, department=department, name="综合岗", monthly_pay=Decimal(4000), headcount=2
        )
    ).pk


def contract_id(world):
    post = Post.objects.get(pk=post_id(world))
    found = Contract.objects.filter(post=post).first()
    if found:
        return found.pk
    user = staff_create(
        actor=None, node=post.department, username="scoping_kong", full_name="孔测", role=Role.FIELD_WORKER
    )
    return Contract.objects.create(
        unit=world.xinshi,
        department=post.department,
        post=post,
        user=user,
        starts_on=date(2020, 1, 1),
        ends_on=date(2022, 12, 31),
        monthly_pay=post.monthly_pay,
        performance_shares=["30", "35", "40"],
    ).pk


def round_id(world):
    """A round of 新市镇 in its 公示, one applicant proposed."""
    from taizhang.core import clock
    from taizhang.people.models import Application, Round, RoundPost

    found = Round.objects.filter(unit=world.xinshi, title="综合岗竞聘").first()
    if found:
        return found.pk
    post = Post.objects.get(pk=post_id(world))
    today = clock.today()
    rnd = Round.objects.create(
        unit=world.xinshi,
        title="综合岗竞聘",
        apply_from=today,
        apply_until=today,
        term_starts_on=date(today.year + 1, 1, 1),
        term_ends_on=date(today.year + 3, 12, 31),
        performance_shares=["30", "35", "40"],
        status=Round.Status.PUBLICITY,
        publicity_from=today,
        publicity_until=today,
    )
    offered = RoundPost.objects.create(unit=world.xinshi, round=rnd, post=post, openings=1)
    Application.objects.create(
        unit=world.xinshi,
        round=rnd,
        round_post=offered,
        user=world.xs_worker,
        written=80,
        interview=80,
        democratic=80,
        proposed=True,
    )
    return rnd.pk


def round_objection_id(world):
    from taizhang.people.models import Round, RoundObjection

    rnd = Round.objects.get(pk=round_id(world))
    found = RoundObjection.objects.filter(round=rnd).first()
    return (
        found
        or RoundObjection.objects.create(
            unit=world.xinshi, round=rnd, filed_by=world.xs_group_leader, text="成绩有疑问", created_at=rnd.created_at
        )
    ).pk


FACTORIES: dict = {
    "post_id": post_id,
    "contract_id": contract_id,
    "round_id": round_id,
    "round_objection_id": round_objection_id,
}
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


def member_id(world):
    from taizhang.people.models import Committee

    seat = Committee.objects.filter(unit=world.xinshi, ended_at__isnull=True).first()
    if seat is None:
        from tests.people.conftest import make_zone

        make_zone(world)
        seat = Committee.objects.get(unit=world.xinshi, ended_at__isnull=True)
    return seat.pk


FACTORIES["member_id"] = member_id
