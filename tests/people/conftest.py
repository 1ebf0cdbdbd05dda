"""A small zone inside the base case's 新市镇: two departments, three posts, five staff on contracts, and the open
cycle 2020Q3 (the people module's tests build on it)."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest

from taizhang.org.models import OrgNode, Role, User
from taizhang.people.models import Committee, Contract, Cycle, Post
from taizhang.staff.services import node_create, staff_create
from tests.conftest import PASSWORD


@dataclass
class Zone:
    office: OrgNode  # 党政办公室
    economy: OrgNode  # 经济发展部
    clerk_post: Post
    officer_post: Post
    head_post: Post
    staff: list[User]  # 孔一 … 孔五: 孔一、孔二 in 党政办公室, the others in 经济发展部
    committee: User  # 考核委员会委员 (not the unit admin)
    cycle: Cycle  # 2020Q3, open


def make_zone(world) -> Zone:
    def department(name, order):
        node = node_create(
            actor=None, parent=world.xinshi, kind=OrgNode.Kind.WORKGROUP, name=name, subtype="department"
        )
        node.sort_order = order
        node.save(update_fields=["sort_order"])
        return node

    office, economy = department("党政办公室", 1), department("经济发展部", 2)

    def post(node, name, grade, pay, headcount):
        return Post.objects.create(
            unit=world.xinshi, department=node, name=name, grade=grade, monthly_pay=Decimal(pay), headcount=headcount
        )

    clerk = post(office, "综合文秘岗", "八级", "4000", 2)
    officer = post(economy, "经济运行岗", "七级", "5000", 3)
    head = post(economy, "部长", "五级", "8000", 1)
    staff = []
    for i, (name, node, chosen) in enumerate(
        [
            ("孔一", office, clerk),
            ("孔二", office, clerk),
            ("孔三", economy, officer),
            ("孔四", economy, officer),
            ("孔五", economy, head),
        ],
        start=1,
    ):
        user = staff_create(
            actor=None, node=node, username=f"kong{i}", full_name=name, role=Role.FIELD_WORKER, password=PASSWORD
        )
        Contract.objects.create(
            unit=world.xinshi,
            department=node,
            post=chosen,
            user=user,
            starts_on=date(2020, 1, 1),
            ends_on=date(2022, 12, 31),
            monthly_pay=chosen.monthly_pay,
            performance_shares=["30", "35", "40"],
        )
        staff.append(user)
    member = staff_create(
        actor=None, node=office, username="weiyuan", full_name="魏委员", role=Role.GROUP_LEADER, password=PASSWORD
    )
    Committee.objects.create(unit=world.xinshi, user=member, title="考核委员会委员")
    cycle, _ = Cycle.objects.get_or_create(  # the scoping walk's factories may have opened it already
        unit=world.xinshi,
        code="2020Q3",
        defaults={"kind": Cycle.Kind.QUARTER, "starts_on": date(2020, 7, 1), "ends_on": date(2020, 9, 30)},
    )
    return Zone(office, economy, clerk, officer, head, staff, member, cycle)


@pytest.fixture
def zone(world) -> Zone:
    return make_zone(world)


IN_TERM = date(2022, 6, 30)  # inside the zone's contracts' term (2020-01-01 to 2022-12-31): they are in force


@pytest.fixture
def in_term(clock):
    """The clock inside the zone's contracts' term; after 2022-12-31 they read 期满 (Contract.state_on)."""
    clock.set(IN_TERM)
    return clock


@pytest.fixture
def district_zone(zone, world) -> Zone:
    """The zone fixture with 新市镇 standing in for a development zone (subtype zone), for the zone assessment."""
    world.xinshi.subtype = OrgNode.Subtype.ZONE
    world.xinshi.save(update_fields=["subtype"])
    return zone


def make_district_admin(world) -> User:
    return staff_create(
        actor=None,
        node=world.district,
        username="qu_admin",
        full_name="区管理员",
        role=Role.DISTRICT_ADMIN,
        password=PASSWORD,
    )


@pytest.fixture
def district_admin(world) -> User:
    return make_district_admin(world)


# --- pay and elimination (优绩优酬, 刚性淘汰): three locked quarters with grades --------------------------------------

PAST_GRADES = {  # 孔一 … 孔五 over 2020Q1, 2020Q2, 2020Q3
    "kong1": ("excellent", "pass", "excellent"),
    "kong2": ("pass", "pass", "pass"),
    "kong3": ("fail", "pass", "fail"),
    "kong4": ("basic", "basic", "basic"),
    "kong5": ("pass", "excellent", "basic"),
}
SCORES = {"excellent": "90", "pass": "75", "basic": "65", "fail": "50"}


def assess_zone(zone: Zone) -> list[Cycle]:
    """2020Q1 and 2020Q2 added before the zone's 2020Q3; all three locked with the grades of PAST_GRADES."""
    from taizhang.people.models import Result

    unit_id = zone.cycle.unit_id
    q1 = Cycle.objects.create(
        unit_id=unit_id, code="2020Q1", kind=Cycle.Kind.QUARTER, starts_on=date(2020, 1, 1), ends_on=date(2020, 3, 31)
    )
    q2 = Cycle.objects.create(
        unit_id=unit_id, code="2020Q2", kind=Cycle.Kind.QUARTER, starts_on=date(2020, 4, 1), ends_on=date(2020, 6, 30)
    )
    cycles = [q1, q2, zone.cycle]
    contracts = {c.user_id: c for c in Contract.objects.filter(user__in=zone.staff)}
    for i, cycle in enumerate(cycles):
        for user in zone.staff:
            grade = PAST_GRADES[user.username][i]
            Result.objects.create(
                unit_id=unit_id,
                cycle=cycle,
                user=user,
                department_id=contracts[user.pk].department_id,
                post_id=contracts[user.pk].post_id,
                final_score=Decimal(SCORES[grade]),
                computed_grade=grade,
                grade=grade,
            )
        cycle.status = Cycle.Status.LOCKED
        cycle.save(update_fields=["status"])
    return cycles


@pytest.fixture
def assessed_zone(zone) -> Zone:
    assess_zone(zone)
    return zone


# --- 竞聘上岗 -----------------------------------------------------------------------------------------------------

ROUND_DAY = date(2022, 10, 10)  # a round's applications open on this day, for five days


def new_round(zone, *, title: str = "2023年中层岗位竞聘", posts: dict | None = None):
    """A draft round of the zone's 部长 and 经济运行岗 (one opening each) for the term 2023–2025."""
    from taizhang.people import rounds

    return rounds.round_create(
        actor=zone.committee,
        unit=zone.office.parent,
        title=title,
        posts=posts or {zone.head_post: 1, zone.officer_post: 1},
        apply_from=ROUND_DAY,
        apply_until=ROUND_DAY + timedelta(days=5),
        term_starts_on=date(2023, 1, 1),
        term_ends_on=date(2025, 12, 31),
        shares=[Decimal(30), Decimal(35), Decimal(40)],
    )


@pytest.fixture
def open_round(zone, clock):
    from taizhang.people import rounds

    clock.set(ROUND_DAY)
    return rounds.round_publish(actor=zone.committee, rnd=new_round(zone))
