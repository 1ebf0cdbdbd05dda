"""济阳街道's part of the demo: the old-town project over 城里居、东关居、南关居、西关居 — the red line, the freeze notice,
measurements and determinations through the same imports the street office uses for its Excel ledgers, a
publicity, a police cross-check, the published policy, agreements and violations. Dates follow today, so the
project is four months along whenever the demo is built; re-running changes nothing."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta
from decimal import Decimal

from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.documents.tabular import write_csv
from taizhang.hub.demo import PASSWORD, demo_photo
from taizhang.integrity.services import needs_run, run_signals
from taizhang.org.models import Role, User
from taizhang.registry.models import Household, Person
from taizhang.renewal import (
    agreements,
    compensation_policies,
    crosschecks,
    determination_import,
    measurement_import,
    projects,
    publicity,
    red_line,
    rules,
    violations,
)
from taizhang.renewal.models import (
    Agreement,
    CompensationPolicy,
    CrosscheckRun,
    Project,
    ProjectHousehold,
    Publicity,
    Violation,
)
from taizhang.staff.services import staff_create

STREET = "济阳街道"
PROJECT = "老城区棚改旧改"
COMMUNITIES = ["城里居", "东关居", "南关居", "西关居"]
# group → its community and two measuring staff (username, name); 陈组长 (jy_group) leads 第一工作组.
MEASURERS = {
    "第一工作组": ("城里居", [("jy_cl1", "吴建军"), ("jy_cl2", "高海涛")]),
    "第二工作组": ("东关居", [("jy_dg1", "马立新"), ("jy_dg2", "孙晓东")]),
    "第三工作组": ("南关居", [("jy_ng1", "刘文博"), ("jy_ng2", "赵志刚")]),
    "第四工作组": ("西关居", [("jy_xg1", "郭明亮"), ("jy_xg2", "韩春雨")]),
}
STRUCTURE_WEIGHTS = [("砖混", 6), ("砖木", 3), ("钢混", 1), ("简易", 1)]
ENTERPRISES = ["济阳县第二棉纺厂", "老城粮油加工厂", "东关建材门市部", "南关机械修配厂", "西关印刷厂"]


def _csv(columns, rows) -> bytes:
    stream = io.BytesIO()
    write_csv(stream, columns, rows)
    return stream.getvalue()


def _staff(nodes) -> dict[str, list[User]]:
    result = {}
    for group, (community, people) in MEASURERS.items():
        node = nodes[(STREET, community, group)]
        result[group] = [
            User.objects.filter(username=username).first()
            or staff_create(
                actor=None, node=node, username=username, full_name=name, role=Role.FIELD_WORKER, password=PASSWORD
            )
            for username, name in people
        ]
    return result


def build(*, nodes, seed: int, write) -> None:
    unit = nodes[(STREET,)]
    staff = _staff(nodes)
    today = clock.today()
    start = today - timedelta(days=120)
    freeze = start + timedelta(days=14)
    project = Project.objects.filter(unit=unit, name=PROJECT).first() or projects.project_create(
        actor=None,
        unit=unit,
        name=PROJECT,
        communities=[nodes[(STREET, c)] for c in COMMUNITIES],
        start_date=start,
        freeze_date=freeze,
    )
    start, freeze = project.start_date, project.freeze_date
    households = list(
        Household.objects.filter(unit=unit, community__name__in=COMMUNITIES, status=RecordStatus.ACTIVE)
        .select_related("community")
        .order_by("household_no")
    )
    report = red_line.households_import(
        actor=None,
        project=project,
        data=_csv(red_line.HOUSEHOLD_LIST_COLUMNS, [[h.household_no] for h in households]),
        filename="demo-红线内户名单.csv",
    )
    write(f"{STREET}征收范围：{report.summary()}")
    if not hasattr(project, "freeze_notice"):
        projects.freeze_notice_save(
            actor=None,
            project=project,
            issued_on=freeze - timedelta(days=5),
            scope=projects.default_notice_scope(project),
            text=projects.default_notice_text(project),
        )

    rng = random.Random(seed)
    report = measurement_import.measurements_import(
        actor=None,
        project=project,
        data=_csv(
            measurement_import.IMPORT_COLUMNS + ["房屋", "层数", "证照情况", "建成日期"],
            _measurement_rows(rng, households, staff, start, freeze, today),
        ),
        filename="demo-测量台账.csv",
    )
    if not report.ok:
        raise RuntimeError("演示测量导入失败：" + "；".join(e.as_text() for e in report.errors[:3]))
    write(f"{STREET}测量：{report.summary()}")

    report = determination_import.determinations_import(
        actor=None,
        project=project,
        data=_csv(
            determination_import.IMPORT_COLUMNS,
            _determination_rows(rng, [h for h in households if rng.random() < 0.25], freeze, today),
        ),
        filename="demo-人口界定台账.csv",
    )
    if not report.ok:
        raise RuntimeError("演示人口界定导入失败：" + "；".join(e.as_text() for e in report.errors[:3]))
    write(f"{STREET}人口界定：{report.summary()}")

    chengli = nodes[(STREET, "城里居")]
    if not Publicity.objects.filter(project=project).exists():
        publicity.publicity_create(actor=None, project=project, community=chengli, starts_on=today - timedelta(days=3))
    if not CrosscheckRun.objects.filter(project=project).exists():
        run = crosschecks.crosscheck_run(
            actor=None, project=project, data=_police_extract(rng, project, freeze), filename="demo-派出所户籍数据.csv"
        )
        write(f"{STREET}数据比对：" + "，".join(f"{k} {v}" for k, v in run.counts.items()))
    _agreements(rng, project, today, write)
    if not Violation.objects.filter(project=project).exists():
        _violations(project, staff, freeze, today)
    _signals(unit, today, write)


def _signals(unit, today, write) -> None:
    """The street's admin checks the project's months for signals (the demo's data is genuine: what they find is
    what such data yields — buildings dated after the freeze, areas out of line)."""
    admin = User.objects.filter(username="jy_admin").first()
    month = today.replace(day=1)
    for _ in range(4):
        last = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        if needs_run(unit, month, last):
            run = run_signals(actor=admin, unit=unit, start=month, end=last)
            write(f"{STREET}疑点核查 {month:%Y-%m}：发现 {run.found} 条（新 {run.new} 条）")
        month = (month - timedelta(days=1)).replace(day=1)


def _measurement_rows(rng, households, staff, start, freeze, today) -> list[list]:
    """About nine in ten households measured, a courtyard each (a few shared by two), one to three buildings, and
    the five factories; dates spread from the start to yesterday."""
    by_community = {}
    for household in households:
        by_community.setdefault(household.community.name, []).append(household)
    span = max((today - start).days - 1, 1)
    rows = []
    for group, (community, _people) in MEASURERS.items():
        names = "、".join(u.full_name for u in staff[group])
        members = [h for h in by_community.get(community, []) if rng.random() < 0.9]
        code = {"城里居": "CL", "东关居": "DG", "南关居": "NG", "西关居": "XG"}[community]
        index = 0
        while index < len(members):
            owners = members[index : index + (2 if rng.random() < 0.04 else 1)]
            index += len(owners)
            number = f"{code}-{index:04d}"
            day = start + timedelta(days=int(span * (rng.random() ** 0.8)))
            site_area = Decimal(rng.randint(9000, 32000)) / 100
            for b in range(rng.choice((1, 1, 2, 2, 3))):
                structure = rng.choices([s for s, _ in STRUCTURE_WEIGHTS], [w for _, w in STRUCTURE_WEIGHTS])[0]
                area = Decimal(rng.randint(1200, 13000)) / 100 if b == 0 else Decimal(rng.randint(600, 4000)) / 100
                late = b > 0 and rng.random() < 0.03
                built = freeze + timedelta(days=rng.randint(3, 40)) if late else date(rng.randint(1965, 2015), 1, 1)
                certificate = (
                    "违建"
                    if structure == "简易" and rng.random() < 0.5
                    else ("有证" if rng.random() < 0.85 else "无证")
                )
                rows.append(
                    [
                        "院落",
                        number,
                        community,
                        "、".join(h.household_no for h in owners),
                        structure,
                        area,
                        site_area,
                        day.isoformat(),
                        names,
                        ["正房", "东厢房", "西厢房"][b],
                        1,
                        certificate,
                        built.isoformat(),
                    ]
                )
    for n, enterprise in enumerate(ENTERPRISES):
        community = list(MEASURERS.values())[n % 4][0]
        group = list(MEASURERS)[n % 4]
        day = start + timedelta(days=rng.randint(10, 90))
        rows.append(
            [
                "厂房",
                f"CF-{n + 1:02d}",
                community,
                enterprise,
                "钢混",
                Decimal(rng.randint(60000, 180000)) / 100,
                Decimal(rng.randint(150000, 300000)) / 100,
                day.isoformat(),
                "、".join(u.full_name for u in staff[group]),
                "生产车间",
                1,
                "有证",
                "1998-01-01",
            ]
        )
    return rows


def _determination_rows(rng, households, freeze, today) -> list[list]:
    """The population group's ledger for these households (about a quarter): most persons 认定, a few moved in after the
    freeze (不认定), a few still waiting for the police station (待定)."""
    rows = []
    span = max((today - freeze).days - 1, 1)
    for household in households:
        day = freeze + timedelta(days=rng.randint(5, span))
        for person in Person.objects.filter(household=household, status=RecordStatus.ACTIVE).order_by("id"):
            roll = rng.random()
            if roll < 0.04:
                verdict, reason = "待定", "迁入日期不明，待与派出所核实"
            elif roll < 0.09:
                verdict, reason = "不认定", f"冻结日后（{freeze + timedelta(days=rng.randint(1, 20))}）迁入"
            else:
                verdict, reason = "认定", f"冻结日（{freeze}）户籍在册"
            rows.append([household.household_no, person.name, person.id_number, verdict, reason, day.isoformat()])
    return rows


def _police_extract(rng, project, freeze) -> bytes:
    """The police station's extract for the area: the ledger's persons, with a few the ledger misses, some names in
    traditional characters, moves after the freeze, deaths, and persons the police do not have."""
    from taizhang.renewal.crosscheck import POLICE_COLUMNS

    rows = []
    persons = (
        Person.objects.filter(household__renewal_entries__project=project, status=RecordStatus.ACTIVE)
        .select_related("household__community")
        .order_by("id")
    )
    for n, person in enumerate(persons):
        roll = rng.random()
        if roll < 0.01:
            continue  # 公安无此人
        name, status, moved = person.name, "正常", freeze - timedelta(days=rng.randint(400, 9000))
        if roll < 0.02:
            name = name[0] + "·" + name[1:] if len(name) > 1 else name
        elif roll < 0.03:
            name = "鍾" + name[1:] if len(name) > 1 else name
        elif roll < 0.035:
            moved = freeze + timedelta(days=rng.randint(1, 30))
        elif roll < 0.04:
            status = "死亡"
        elif roll < 0.045:
            name = name[::-1]
        address = (
            f"{person.household.community.name}{person.household.address.removeprefix(person.household.community.name)}"
        )
        rows.append(
            [
                name,
                person.id_number.lower() if n % 97 == 0 else person.id_number,
                person.household.household_no,
                address,
                moved.isoformat(),
                status,
            ]
        )
    from taizhang.registry.rules import compose_id_number

    for n in range(12):
        rows.append(
            [
                f"未登记{n + 1}号",
                compose_id_number("370125", date(1990, 1, 1) + timedelta(days=37 * n), 900 + n),
                f"P{n:04d}",
                f"{COMMUNITIES[n % 4]}纬二路{n + 1}号",
                (freeze - timedelta(days=800)).isoformat(),
                "正常",
            ]
        )
    return _csv(POLICE_COLUMNS, rows)


def _policy(project, start: date) -> dict:
    """The street office's published standards (as in docs/renewal-compensation-example.md, for every structure)."""
    c = rules.Clause
    prices = {
        ("钢混", "有证"): 3600,
        ("砖混", "有证"): 3200,
        ("砖木", "有证"): 2600,
        ("简易", "有证"): 1200,
        ("钢混", "无证"): 1800,
        ("砖混", "无证"): 1600,
        ("砖木", "无证"): 1300,
        ("简易", "无证"): 600,
    }
    return rules.policy_to_data(
        rules.Policy(
            name=f"{STREET}{PROJECT}征收补偿安置方案",
            unit_prices={
                key: c(Decimal(price), "第十七条" if key[1] == "有证" else "第十八条") for key, price in prices.items()
            },
            decoration_per_m2=c(Decimal("300"), "第十九条"),
            attachment_prices={
                "水井": c(Decimal("800"), "第二十条"),
                "树木": c(Decimal("35.50"), "第二十条"),
                "围墙": c(Decimal("120"), "第二十条"),
            },
            relocation_fee=c(Decimal("1500"), "第二十一条"),
            temporary_fee_per_month=c(Decimal("900"), "第二十二条"),
            monetary_temporary_months=3,
            signing_awards=(
                rules.Deadline(start + timedelta(days=90), Decimal("20000"), "第二十五条"),
                rules.Deadline(start + timedelta(days=150), Decimal("10000"), "第二十五条"),
            ),
            vacating_awards=(rules.Deadline(start + timedelta(days=120), Decimal("10000"), "第二十六条"),),
            area_per_person=c(Decimal("30"), "第二十八条"),
            price_within_entitlement=c(Decimal("2000"), "第二十九条"),
            price_above_entitlement=c(Decimal("4500"), "第二十九条"),
            price_below_entitlement=c(Decimal("3800"), "第三十条"),
        )
    )


def _agreements(rng, project, today, write) -> None:
    """The policy published at the freeze; a third of the households ready to sign have signed, some vacated."""
    if CompensationPolicy.objects.filter(project=project).exists():
        return
    policy = compensation_policies.policy_create(
        actor=None,
        project=project,
        name=f"{PROJECT}征收补偿安置方案",
        effective_from=project.freeze_date,
        data=_policy(project, project.start_date),
    )
    compensation_policies.policy_publish(actor=None, policy=policy)
    ready = list(
        ProjectHousehold.objects.filter(
            project=project, measured_on__isnull=False, determined_on__isnull=False
        ).order_by("id")
    )
    signed = vacated = 0
    for entry in ready[::3]:
        exchange = rng.random() < 0.4
        chosen_area = Decimal(rng.choice([60, 75, 90, 105, 120])) if exchange else None
        signed_on = min(max(entry.measured_on, entry.determined_on) + timedelta(days=rng.randint(2, 12)), today)
        if not all(check.passed for check in agreements.signing_checks(entry, signed_on)):
            continue  # posted in a 公示 still open then, or with an objection: not ready after all
        agreement = agreements.agreement_choose(
            actor=None,
            entry=entry,
            option=Agreement.Option.EXCHANGE if exchange else Agreement.Option.MONETARY,
            chosen_area=chosen_area,
            months_until_handover=30 if exchange else 0,
        )
        agreement = agreements.agreement_sign(actor=None, agreement=agreement, signed_on=signed_on)
        signed += 1
        if rng.random() < 0.5 and signed_on + timedelta(days=5) <= today:
            agreements.agreement_vacate(
                actor=None, agreement=agreement, vacated_on=min(signed_on + timedelta(days=rng.randint(5, 20)), today)
            )
            vacated += 1
    write(f"{STREET}补偿协议：政策已公布，签约 {signed} 户，腾空 {vacated} 户")


def _violations(project, staff, freeze, today) -> None:
    """Three reports of building after the freeze: one stopped, one demolished, one just found."""
    by_community = {community: staff[group][0] for group, (community, _) in MEASURERS.items()}
    entries = list(
        ProjectHousehold.objects.filter(project=project).select_related("household", "community").order_by("id")[:40:13]
    )
    cases = [
        ("新建", "院内新建彩钢板房一间", Decimal("18.50"), Violation.Progress.DEMOLISHED),
        ("扩建", "正房后接建砖混房屋", Decimal("24.00"), Violation.Progress.STOPPED),
        ("改建装修", "冻结后突击装修", None, Violation.Progress.REPORTED),
    ]
    for n, (entry, (kind, description, area, progress)) in enumerate(zip(entries, cases, strict=False)):
        reporter = by_community[entry.community.name]
        found = freeze + timedelta(days=10 + 12 * n)
        violation = violations.violation_report(
            actor=reporter,
            project=project,
            location=entry.household.address,
            kind=kind,
            description=description,
            found_on=found,
            area=area,
            entry=entry,
            photos=[demo_photo("orange")],
        )
        if progress != Violation.Progress.REPORTED:
            violations.violation_progress(
                actor=reporter,
                violation=violation,
                progress=progress,
                on=min(found + timedelta(days=4), today),
                photos=[demo_photo("gray")] if progress == Violation.Progress.DEMOLISHED else [],
                note="已责令停止施工" if progress == Violation.Progress.STOPPED else "已拆除",
            )
