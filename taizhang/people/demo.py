"""济北开发区's part of the demo (聘任考核): six departments' posts, 58 staff appointed through the appointment
ledger, the last two quarters assessed, locked and paid and the current one under way (`demo_kpi`), 刚性淘汰
decisions with an appeal, a 竞聘上岗 round in its 公示 window with an objection, and the zone assessment
(`demo_zone`). It goes through the module's imports and services; dates follow today, and what is already there
is left alone, so re-running changes nothing."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from taizhang.core import clock
from taizhang.documents.importing import Target
from taizhang.org.models import Role, User
from taizhang.people import appointments_import, contracts, demo_kpi, demo_zone, round_scores_import, rounds
from taizhang.people.committee import member_add
from taizhang.people.ledgers_posts import round_target
from taizhang.people.models import Application, Committee, Contract, Post, Round, RoundPost
from taizhang.people.rules.posts import anniversary
from taizhang.staff.services import staff_create

ZONE = demo_zone.ZONE
SHARES = "30%→35%→40%"


@dataclass(frozen=True)
class PostSpec:
    name: str
    grade: str
    pay: int
    headcount: int
    filled: int


# department → its posts; the head (部长/主任) first. The 副职 posts are vacant: the 竞聘 round fills them.
POSTS = {
    "党政办公室": [
        PostSpec("主任", "五级", 9200, 1, 1),
        PostSpec("副主任", "六级", 7800, 1, 0),
        PostSpec("综合文秘岗", "八级", 5200, 4, 4),
        PostSpec("督查督办岗", "七级", 6300, 2, 2),
        PostSpec("后勤保障岗", "九级", 4600, 2, 1),
    ],
    "经济发展部": [
        PostSpec("部长", "五级", 9200, 1, 1),
        PostSpec("经济运行岗", "七级", 6300, 3, 3),
        PostSpec("统计分析岗", "八级", 5200, 2, 2),
        PostSpec("企业服务岗", "八级", 5200, 4, 4),
    ],
    "投资促进部": [
        PostSpec("部长", "五级", 9200, 1, 1),
        PostSpec("副部长", "六级", 7800, 1, 0),
        PostSpec("招商专员", "七级", 6500, 6, 6),
        PostSpec("项目服务岗", "八级", 5200, 3, 3),
    ],
    "规划建设部": [
        PostSpec("部长", "五级", 9200, 1, 1),
        PostSpec("规划管理岗", "七级", 6300, 3, 3),
        PostSpec("工程管理岗", "七级", 6300, 4, 4),
        PostSpec("安全监管岗", "八级", 5200, 2, 2),
    ],
    "财政金融部": [
        PostSpec("部长", "五级", 9200, 1, 1),
        PostSpec("预算会计岗", "七级", 6300, 3, 3),
        PostSpec("金融服务岗", "八级", 5200, 3, 3),
        PostSpec("国资管理岗", "八级", 5200, 2, 2),
    ],
    "行政审批部": [
        PostSpec("部长", "五级", 9200, 1, 1),
        PostSpec("审批服务岗", "七级", 6000, 5, 5),
        PostSpec("帮办代办岗", "八级", 5000, 4, 4),
    ],
}
# Demo accounts holding a post (the kernel creates them): 党政办公室's head sits on the assessment committee.
NAMED = {("党政办公室", "主任"): "jb_committee", ("投资促进部", "招商专员"): "jb_staff"}
ENDING_SOON = (23, 47, 66, 84)  # days until the contracts ending within 90 days end (the committee's to-do)


@dataclass
class Staff:
    user: User
    department: str
    post: str


def _name(rng: random.Random, taken: set[str]) -> str:
    from taizhang.hub.demo import GIVEN, SURNAMES

    while True:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if name not in taken:
            taken.add(name)
            return name


def _staff(nodes, rng: random.Random) -> list[Staff]:
    """Everyone holding a post, the demo accounts among them; the others have no password (nobody logs in as them)."""
    unit = nodes[(ZONE,)]
    existing = {u.username: u for u in User.objects.filter(unit=unit)}
    taken = {u.full_name for u in existing.values()}
    staff, n = [], 0
    for department, posts in POSTS.items():
        for spec in posts:
            for seat in range(spec.filled):
                named = NAMED.get((department, spec.name)) if seat == 0 else None
                if named:
                    staff.append(Staff(existing[named], department, spec.name))
                    continue
                n += 1
                username = f"jb{n:03d}"
                user = existing.get(username) or staff_create(
                    actor=None,
                    node=nodes[(ZONE, department)],
                    username=username,
                    full_name=_name(rng, taken),
                    role=Role.GROUP_LEADER if seat == 0 and spec.grade == "五级" else Role.FIELD_WORKER,
                )
                staff.append(Staff(user, department, spec.name))
    return staff


def _posts(nodes, admin) -> dict[tuple[str, str], Post]:
    unit = nodes[(ZONE,)]
    found = {(p.department.name, p.name): p for p in Post.objects.filter(unit=unit).select_related("department")}
    for department, posts in POSTS.items():
        for spec in posts:
            if (department, spec.name) not in found:
                found[(department, spec.name)] = contracts.post_create(
                    actor=admin,
                    department=nodes[(ZONE, department)],
                    name=spec.name,
                    grade=spec.grade,
                    monthly_pay=Decimal(spec.pay),
                    headcount=spec.headcount,
                )
    return found


def _appointments(unit, staff: list[Staff], admin, today: date, write) -> None:
    """The appointment ledger: three-year terms from January of last year (30 %→35 %→40 %), and a few older terms
    ending within the next 90 days."""
    if Contract.objects.filter(unit=unit).exists():
        return
    pay = {(d, spec.name): spec.pay for d, posts in POSTS.items() for spec in posts}
    ending = {index: days for index, days in zip(range(5, len(staff), 13), ENDING_SOON, strict=False)}
    rows = []
    for index, person in enumerate(staff):
        starts_on, ends_on = date(today.year - 1, 1, 1), date(today.year + 1, 12, 31)
        if index in ending:
            ends_on = today + timedelta(days=ending[index])
            starts_on = anniversary(ends_on + timedelta(days=1), -3)
        rows.append(
            [
                person.user.username,
                person.user.full_name,
                person.department,
                person.post,
                pay[(person.department, person.post)],
                starts_on.isoformat(),
                ends_on.isoformat(),
                SHARES,
            ]
        )
    report = demo_kpi.run_import(
        "people.appointments",
        Target(unit=unit, label=unit.name),
        admin,
        appointments_import.COLUMNS,
        rows,
        "demo-聘任台账.csv",
    )
    write(f"{ZONE}聘任台账：{report.summary()}")


def build(*, nodes, seed: int, write) -> None:
    unit = nodes[(ZONE,)]
    today = clock.today()
    rng = random.Random(seed)
    admin = User.objects.get(username="jb_admin")
    committee = User.objects.get(username="jb_committee")
    if not Committee.objects.filter(unit=unit, user=committee, ended_at__isnull=True).exists():
        member_add(actor=admin, unit_id=unit.pk, user=committee, title="委员")
    staff = _staff(nodes, rng)
    posts = _posts(nodes, admin)
    _appointments(unit, staff, admin, today, write)
    demo_kpi.build(unit=unit, staff=staff, committee=committee, admin=admin, seed=seed, write=write)
    with transaction.atomic():
        _round(unit, staff, posts, committee, today, rng, write)
    demo_zone.build(nodes=nodes, seed=seed, write=write)


def _round(unit, staff: list[Staff], posts, committee, today: date, rng: random.Random, write) -> None:
    """A 竞聘 for the two vacant 副职 posts: applications three weeks ago, scores imported, the appointees in
    their 公示 window since the day before yesterday, and one objection to it."""
    if Round.objects.filter(unit=unit).exists():
        return
    term_starts_on = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    with clock.frozen(today - timedelta(days=26)):
        rnd = rounds.round_create(
            actor=committee,
            unit=unit,
            title=f"{today.year}年中层副职竞聘上岗",
            posts={posts[("党政办公室", "副主任")]: 1, posts[("投资促进部", "副部长")]: 1},
            apply_from=today - timedelta(days=25),
            apply_until=today - timedelta(days=14),
            term_starts_on=term_starts_on,
            term_ends_on=anniversary(term_starts_on, 3) - timedelta(days=1),
            shares=[Decimal(30), Decimal(35), Decimal(40)],
        )
        rnd = rounds.round_publish(actor=committee, rnd=rnd)
    by_post = {rp.post.name: rp for rp in RoundPost.objects.filter(round=rnd).select_related("post")}
    applicants = [s for s in staff if s.post in ("督查督办岗", "招商专员", "经济运行岗", "预算会计岗")]
    applicants = [s for s in applicants if s.user.username != "jb_staff"][:7]
    rows = []
    for n, person in enumerate(applicants):
        chosen = (
            ["副主任", "副部长"] if n % 3 == 0 else (["副部长"] if person.department == "投资促进部" else ["副主任"])
        )
        with clock.frozen(today - timedelta(days=22 - n)):
            rounds.applications_set(actor=person.user, rnd=rnd, round_posts=[by_post[name] for name in chosen])
        for name in chosen:
            rows.append([person.user.username, name, *(f"{rng.uniform(68, 94):.1f}" for _ in range(3))])
    with clock.frozen(today - timedelta(days=9)):
        demo_kpi.run_import(
            "people.round-scores", round_target(rnd), committee, round_scores_import.COLUMNS, rows, "demo-竞聘成绩.csv"
        )
    applications = list(Application.objects.filter(round=rnd).select_related("user"))
    proposed = rounds.default_proposal(rnd, list(by_post.values()), applications)
    with clock.frozen(today - timedelta(days=2)):
        rnd = rounds.publicity_start(actor=committee, rnd=rnd, proposed_ids=proposed)
    target = Application.objects.select_related("user", "round_post__post__department").get(pk=min(proposed))
    objector = next(
        s.user for s in staff if s.department == target.round_post.post.department.name and s.user != target.user
    )
    with clock.frozen(today - timedelta(days=1)):
        rounds.objection_file(
            actor=objector,
            rnd=rnd,
            application=target,
            text=f"{target.user.full_name}同志今年上半年借调在外，民主测评时本部门多数同事未与其共事，建议核实测评范围。",
        )
    write(f"{ZONE}竞聘上岗：{rnd.title}，报名 {len(applications)} 人次，拟聘 {len(proposed)} 人公示中，异议 1 件")
