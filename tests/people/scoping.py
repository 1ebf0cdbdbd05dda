"""The people module's URL keywords for the scoping walk (tests/scoping_walk.py): records of 新市镇."""

from datetime import date
from decimal import Decimal

from taizhang.org.models import OrgNode, Role
from taizhang.people.models import Contract, Post
from taizhang.staff.services import node_create, staff_create


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
