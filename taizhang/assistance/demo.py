"""新市镇's part of the demo: assisted households, a helper per village and recent months of visits,
through the same imports the town would use (so re-running changes nothing)."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from decimal import Decimal

from taizhang.assistance.importing import ASSISTED_COLUMNS, VISIT_COLUMNS, assisted_import, visits_import
from taizhang.core import clock
from taizhang.documents.tabular import write_csv
from taizhang.hub.demo import PASSWORD, demo_photo
from taizhang.hub.services import metric_target_set
from taizhang.org.models import Role, User
from taizhang.registry.models import Household
from taizhang.staff.services import staff_create, staff_update

TOWN = "新市镇"
# village → (username, name); 新市村's helper is the demo account xs_worker.
HELPERS = {
    "新市村": ("xs_worker", "张帮扶"),
    "闻韶村": ("ws_helper", "孙帮扶"),
    "王家村": ("wj_helper", "王帮扶"),
    "邢家村": ("xj_helper", "邢帮扶"),
    "大柳村": ("dl_helper", "柳帮扶"),
}
SLOTS = ["08:40", "10:20", "14:30", "16:00"]
NOTES = [
    "了解务工就业情况，家中饮水正常",
    "查看房屋，屋顶无渗漏",
    "孩子在校情况良好，享受教育资助",
    "慢性病按时服药，已签约家庭医生",
    "档案资料齐全，银行账号已核对",
    "宣传防返贫监测政策",
    "",
]


def _csv(columns, rows) -> bytes:
    stream = io.BytesIO()
    write_csv(stream, columns, rows)
    return stream.getvalue()


def build(*, nodes, seed: int, write) -> None:
    unit = nodes[(TOWN,)]
    # The district's targets for the module's figures (the cockpit shows a figure behind its target in red).
    metric_target_set(actor=None, metric="assistance.visit_compliance", value=Decimal("90"))
    metric_target_set(actor=None, metric="assistance.overdue_problems", value=Decimal("0"))
    helpers = {}
    for index, (village, (username, name)) in enumerate(HELPERS.items()):
        phone = f"1386413{index:04d}"  # printed on the households' 明白卡
        user = User.objects.filter(username=username).first() or staff_create(
            actor=None,
            node=nodes[(TOWN, village)],
            username=username,
            full_name=name,
            role=Role.FIELD_WORKER,
            phone=phone,
            password=PASSWORD,
        )
        if not user.phone:
            staff_update(actor=None, user=user, phone=phone)
        helpers[village] = user
    households = list(Household.objects.filter(unit=unit).select_related("community").order_by("household_no"))[::6]
    assisted_rows = [
        [h.household_no, "监测户" if i % 5 == 0 else "建档立卡户", "2025-01-01", helpers[h.community.name].username]
        for i, h in enumerate(households)
    ]
    report = assisted_import(
        actor=None, unit=unit, data=_csv(ASSISTED_COLUMNS, assisted_rows), filename="demo-帮扶户.csv"
    )
    write(f"{TOWN}帮扶户：{report.summary()}")

    rng = random.Random(seed)
    today = clock.today()
    first = (today.replace(day=1) - timedelta(days=75)).replace(day=1)
    visit_rows = []
    month = first
    while month <= today:
        per_helper: dict[str, int] = {}
        for household in households:
            helper = helpers[household.community.name].username
            for _ in range(rng.choice((1, 2, 2, 2, 3))):
                k = per_helper.get(helper, 0)
                per_helper[helper] = k + 1
                day = month + timedelta(days=k // len(SLOTS))
                minutes = rng.randint(15, 29) if rng.random() < 0.12 else rng.randint(30, 70)
                if day.month != month.month or day >= today:
                    continue
                hour, minute = map(int, SLOTS[k % len(SLOTS)].split(":"))
                end = hour * 60 + minute + minutes
                visit_rows.append(
                    [
                        household.household_no,
                        helper,
                        day.isoformat(),
                        SLOTS[k % len(SLOTS)],
                        f"{end // 60:02d}:{end % 60:02d}",
                        rng.choice(NOTES),
                    ]
                )
        month = (month + timedelta(days=32)).replace(day=1)
    report = visits_import(actor=None, unit=unit, data=_csv(VISIT_COLUMNS, visit_rows), filename="demo-走访台账.csv")
    if not report.ok:
        raise RuntimeError("演示走访导入失败：" + "；".join(e.as_text() for e in report.errors[:3]))
    write(f"{TOWN}走访：{report.summary()}")
    _department_staff(unit, write)
    _problems(unit, helpers, rng, write)
    _trainings(unit, rng, write)
    _archives(unit, nodes, write)
    _environment(unit, households, rng, write)


PROBLEMS = [
    ("住房安全", "西屋墙体裂缝，雨天漏水"),
    ("饮水", "自来水压力不足，早晚断水"),
    ("医疗", "慢性病用药负担重"),
    ("教育", "孩子上学路远，需协调校车"),
    ("就业", "户主想外出务工，缺少技能培训"),
    ("残疾人保障", "残疾证到期未换领"),
    ("其他", "院内杂物堆放，需清理"),
]


def _department_staff(unit, write) -> None:
    """Departments that have a work group of the same name in the town get it as their staff (镇建委 → xs_jianwei)."""
    from taizhang.assistance.models import Department
    from taizhang.assistance.problems import department_node_set, ensure_departments
    from taizhang.org.models import OrgNode, User

    ensure_departments(unit.pk)
    admin = User.objects.get(username="xs_admin")
    groups = {g.name: g for g in OrgNode.objects.filter(unit=unit, kind=OrgNode.Kind.WORKGROUP)}
    for department in Department.objects.filter(unit=unit, node__isnull=True, name__in=list(groups)):
        department_node_set(actor=admin, department=department, node=groups[department.name])
        write(f"{TOWN}部门：{department.name}的工作人员为工作组“{department.name}”的成员")


def _problems(unit, helpers, rng, write) -> None:
    """A few problems at every stage, found on recent visits (only when the town has none yet)."""
    from taizhang.assistance.models import Department, Problem, Visit
    from taizhang.assistance.problems import ensure_departments, problem_assign, problem_create, problem_resolve
    from taizhang.org.models import User

    if Problem.objects.filter(unit=unit).exists():
        return
    ensure_departments(unit.pk)
    admin = User.objects.get(username="xs_admin")
    departments = {d.name: d for d in Department.objects.filter(unit=unit)}
    handled_by = {"住房安全": "镇建委", "饮水": "镇建委", "医疗": "卫生院", "教育": "教育党总支"}
    visits = list(Visit.objects.filter(unit=unit).select_related("assisted").order_by("-started_at")[:400:20])
    for index, visit in enumerate(visits):
        category, description = PROBLEMS[index % len(PROBLEMS)]
        helper = visit.helpers.first()
        problem = problem_create(
            actor=helper,
            assisted=visit.assisted,
            category=category,
            description=description,
            visit=visit,
            report=index % 5 != 0,
        )
        if index % 5 >= 2:
            problem = problem_assign(
                actor=admin, problem=problem, department=departments[handled_by.get(category, "镇扶贫办")]
            )
        if index % 5 >= 3:
            problem_resolve(actor=admin, problem=problem, resolution=rng.choice(["已协调解决", "已维修", "已纳入救助"]))
    write(f"{TOWN}问题：登记 {len(visits)} 件（各个进度都有）")


def _trainings(unit, rng, write) -> None:
    """The biweekly trainings since three months ago, attendance taken for those already held."""
    from taizhang.assistance.models import TrainingSession
    from taizhang.assistance.trainings import attendance_record, helpers_on_day, schedule
    from taizhang.org.models import User

    if TrainingSession.objects.filter(unit=unit).exists():
        return
    admin = User.objects.get(username="xs_admin")
    today = clock.today()
    start = today - timedelta(days=84 + today.weekday())  # a Monday twelve weeks back
    schedule(actor=admin, unit_id=unit.pk, start=start, until=today + timedelta(days=56), topics="")
    topics = ["入户走访", "住房安全", "医疗教育", "档案资料", "人居环境", "政策解读"]
    for index, session in enumerate(TrainingSession.objects.filter(unit=unit).order_by("date")):
        session.topics = "、".join(topics[(index + k) % len(topics)] for k in range(2))
        session.save(update_fields=["topics"])
        if session.date < today:
            helpers = helpers_on_day(unit.pk, session.date)
            present = {h.pk for h in helpers if rng.random() > 0.12}
            attendance_record(
                actor=admin,
                session=session,
                present=present,
                notes={h.pk: "下村入户" for h in helpers if h.pk not in present},
            )
    write(f"{TOWN}调度培训：每两周一次，{start} 起")


def _archives(unit, nodes, write) -> None:
    """Check every archive and give the findings to the town's 档案资料工作组 (once)."""
    from taizhang.assistance.archives import archive_check, findings_assign
    from taizhang.assistance.models import ArchiveFinding
    from taizhang.org.models import User

    if ArchiveFinding.objects.filter(unit=unit).exists():
        return
    result = archive_check(actor=None, unit=unit)
    group = nodes.get((TOWN, "档案资料工作组"))
    if group is not None:
        findings_assign(actor=User.objects.get(username="xs_admin"), unit=unit, group=group)
    write(f"{TOWN}一户一档核查：{result.summary()}")


def _environment(unit, households, rng, write) -> None:
    """Cleanings, furniture needs, one purchase and some deliveries (once)."""
    from decimal import Decimal

    from taizhang.assistance.environment import batch_create, cleaning_record, delivery_confirm, need_add
    from taizhang.assistance.models import AssistedHousehold, FurnitureNeed
    from taizhang.org.models import User

    if FurnitureNeed.objects.filter(unit=unit).exists():
        return
    admin = User.objects.get(username="xs_admin")
    today = clock.today()
    assisted = list(AssistedHousehold.objects.filter(unit=unit).select_related("household").order_by("id"))
    for index, household in enumerate(assisted[::4]):
        cleaning_record(
            actor=admin,
            assisted=household,
            day=today - timedelta(days=rng.randint(1, 60)),
            cleaner_kind="party" if index % 2 else "cleaner",
            cleaner_name=rng.choice(["王建国", "李秀英", "张桂兰", "刘志强"]),
            rating=rng.choice(["好", "较好", "较好", "一般", "差"]),
        )
    needs = [
        need_add(
            actor=admin,
            assisted=household,
            item=rng.choice(["床", "榻", "桌", "椅", "柜"]),
            quantity=rng.choice((1, 1, 2)),
        )
        for household in assisted[1::7]
    ]
    batch = batch_create(
        actor=admin,
        unit_id=unit.pk,
        day=today - timedelta(days=20),
        supplier="济阳县家具厂",
        lines=[
            (item, sum(n.quantity for n in needs[:12] if n.item == item), price)
            for item, price in (
                ("床", Decimal("680")),
                ("榻", Decimal("420")),
                ("桌", Decimal("150")),
                ("椅", Decimal("45")),
                ("柜", Decimal("360")),
            )
        ],
        needs=needs[:12],
    )
    for need in needs[:7]:
        delivery_confirm(
            actor=admin, need=need, day=today - timedelta(days=rng.randint(1, 15)), photo=demo_photo("gray")
        )
    write(
        f"{TOWN}人居环境：清扫 {len(assisted[::4])} 户次，家具需求 {len(needs)} 项，采购 1 批（{batch.supplier}），已送达 7 项"
    )
