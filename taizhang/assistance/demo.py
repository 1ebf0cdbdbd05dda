"""新市镇's part of the demo: assisted households, a helper per village and recent months of visits,
through the same imports the town would use (so re-running changes nothing)."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from taizhang.assistance import demo_problems, demo_signals
from taizhang.assistance.demo_places import working_days
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
# 柳帮扶 writes one note for every household, changing only the clause about it (记录千篇一律); 王帮扶's last month
# of visits all end just over the half hour (时长扎堆在下限).
UNIFORM_HELPER = "dl_helper"
UNIFORM_NOTE = "按照镇里要求入户走访，{}，拧了水管、看了房屋，饮水住房安全有保障，宣传了防返贫监测政策"
UNIFORM_DETAILS = [
    "户主腿脚不便",
    "孙子在县城上学",
    "老伴常年吃降压药",
    "儿子在济南打工",
    "女儿已出嫁",
    "户主患糖尿病",
    "家里养了两头牛",
    "种了十亩玉米",
    "儿媳在镇上超市上班",
    "孙女读初二",
    "户主左眼失明",
    "老两口独居",
    "户主做过心脏手术",
    "家里有三轮车",
    "院墙去年翻修过",
    "大儿子在外地开货车",
    "户主靠低保生活",
    "老伴瘫痪在床",
    "种了半亩大棚菜",
    "户主会编筐",
    "小儿子在读大专",
    "家里新装了自来水",
    "户主七十八岁",
    "老伴有残疾证",
    "儿子离异带两个孩子",
    "户主在村里打零工",
    "家里养鸡二十多只",
    "房子是八十年代老屋",
    "户主刚做完白内障手术",
    "外孙随户主生活",
]
MINIMUM_HELPER = "wj_helper"


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
    by_helper = {helpers[v].username: [h for h in households if h.community.name == v] for v in HELPERS}
    assisted_rows = [
        [h.household_no, "监测户" if i % 5 == 0 else "建档立卡户", "2025-01-01", helpers[h.community.name].username]
        for i, h in enumerate(households)
    ]
    report = assisted_import(
        actor=None, unit=unit, data=_csv(ASSISTED_COLUMNS, assisted_rows), filename="demo-帮扶户.csv"
    )
    write(f"{TOWN}帮扶户：{report.summary()}")

    rng = random.Random(seed)
    quirks = random.Random(seed + 1)  # the two helpers' habits below, apart from the shared stream
    today = clock.today()
    first = (today.replace(day=1) - timedelta(days=75)).replace(day=1)
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    uniform = {h.pk: UNIFORM_DETAILS[i % len(UNIFORM_DETAILS)] for i, h in enumerate(by_helper[UNIFORM_HELPER])}
    visit_rows = []
    month = first
    while month <= today:
        working = working_days(month)
        per_helper: dict[str, int] = {}
        for household in households:
            helper = helpers[household.community.name].username
            for _ in range(rng.choice((1, 2, 2, 2, 3))):
                k = per_helper.get(helper, 0)
                per_helper[helper] = k + 1
                day = working[k // len(SLOTS)] if k // len(SLOTS) < len(working) else None
                minutes = rng.randint(15, 29) if rng.random() < 0.12 else rng.randint(30, 70)
                note = rng.choice(NOTES)
                if day is None or day >= today:
                    continue
                if helper == MINIMUM_HELPER and month == last_month and quirks.random() < 0.85:
                    minutes = 30 + quirks.choice((0, 1, 1, 2, 2))  # just over the half hour, month long
                if household.pk in uniform:
                    note = UNIFORM_NOTE.format(uniform[household.pk])
                hour, minute = map(int, SLOTS[k % len(SLOTS)].split(":"))
                end = hour * 60 + minute + minutes
                visit_rows.append(
                    [
                        household.household_no,
                        helper,
                        day.isoformat(),
                        SLOTS[k % len(SLOTS)],
                        f"{end // 60:02d}:{end % 60:02d}",
                        note,
                    ]
                )
        month = (month + timedelta(days=32)).replace(day=1)
    report = visits_import(actor=None, unit=unit, data=_csv(VISIT_COLUMNS, visit_rows), filename="demo-走访台账.csv")
    if not report.ok:
        raise RuntimeError("演示走访导入失败：" + "；".join(e.as_text() for e in report.errors[:3]))
    write(f"{TOWN}走访：{report.summary()}")
    _visit_rule(unit)
    _department_staff(unit, write)
    demo_problems.build(unit, seed=seed, write=write)
    _trainings(unit, rng, write)
    _archives(unit, nodes, write)
    _environment(unit, households, rng, write)
    demo_signals.build(unit, helpers, seed=seed, write=write)


def _visit_rule(unit) -> None:
    """The seed's rule in writing: 每户每月走访不少于 2 次，每次不少于半小时 (once)."""
    from taizhang.assistance.models import VisitRuleVersion
    from taizhang.assistance.visit_rules import rule_version_create

    if not VisitRuleVersion.objects.filter(unit=unit).exists():
        rule_version_create(
            actor=User.objects.get(username="xs_admin"),
            unit=unit,
            effective_from=date(2025, 1, 1),
            min_visits_per_month=2,
            min_minutes=30,
            note="镇扶贫办：每户每月走访不少于2次，每次不少于半小时",
        )


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
