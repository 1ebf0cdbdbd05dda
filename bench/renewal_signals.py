"""Renewal signals benchmark (issue 14): every renewal signal of a month for a project of 5,000 households.

In one child process (fresh database): a street office with 4 communities and their work groups; 5,000 registry
households (imported the real way) inside one project's red line; a courtyard each, measured over four months (15 % of
them measured twice), one to three buildings a measurement; a determination for every person, entered in the
population group's working hours; a third of the households signed, their agreements' audit trail written the real way
(audit_append). Rows are made in bulk with the ORM: the signals only read them. In a second child: the detection of
the last month (taizhang.integrity.detection.detect, module renewal), median of N runs after a warm-up, with its
query count and what it found.

    .venv/bin/python bench/renewal_signals.py
    scripts/with-postgres .venv/bin/python bench/renewal_signals.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_unit, peak_rss_mb, run_child, setup_django, stopwatch, timed  # noqa: E402

UNIT = "基准街道"
COMMUNITIES = [(name, "urban") for name in ("城里居", "东关居", "南关居", "西关居")]
START = date(2025, 6, 1)
DAYS = 120
LIMIT_MS = 2000
RUNS = 5


def child_setup(households: str, seed: str) -> dict:
    setup_django()
    from django.db import transaction
    from django.utils import timezone

    from taizhang.audit.services import audit_append
    from taizhang.hub.demo import demo_rows, rows_to_csv
    from taizhang.org.models import OrgNode
    from taizhang.registry.importing import household_import
    from taizhang.registry.models import Household, Person
    from taizhang.renewal.models import Agreement, Building, Determination, Measurement, ProjectHousehold, Site
    from taizhang.renewal.projects import entry_draft, project_create
    from taizhang.staff.services import node_create

    rng = random.Random(int(seed))
    unit = bench_unit(UNIT, COMMUNITIES)
    communities = list(OrgNode.objects.filter(unit=unit, kind=OrgNode.Kind.COMMUNITY).order_by("id"))
    for n, community in enumerate(communities):
        node_create(actor=None, parent=community, name=f"第{n + 1}工作组", kind=OrgNode.Kind.WORKGROUP, subtype="group")
    rows = demo_rows(seed=int(seed), units=[(UNIT, "street", "BJ", COMMUNITIES, int(households))])[UNIT]
    assert household_import(unit=unit, data=rows_to_csv(rows), filename="registry.csv").ok
    project = project_create(
        actor=None,
        unit=unit,
        name="基准棚改",
        communities=communities,
        start_date=START,
        freeze_date=START + timedelta(days=14),
    )
    groups = {g.node.parent_id: g for g in project.groups.exclude(node=None).select_related("node")}

    def day(offset: int) -> date:
        return START + timedelta(days=offset)

    with stopwatch() as loaded, transaction.atomic():
        entries = ProjectHousehold.objects.bulk_create(
            [
                ProjectHousehold(
                    unit=unit, community_id=h.community_id, project=project, household=h, group=groups[h.community_id]
                )
                for h in Household.objects.filter(unit=unit).order_by("household_no")
            ]
        )
        sites = Site.objects.bulk_create(
            [
                Site(
                    unit=unit,
                    community_id=e.community_id,
                    project=project,
                    group=e.group,
                    number=f"YL{n:05d}",
                    kind=Site.Kind.COURTYARD,
                )
                for n, e in enumerate(entries)
            ]
        )
        Site.owners.through.objects.bulk_create(
            [Site.owners.through(site_id=s.pk, projecthousehold_id=e.pk) for s, e in zip(sites, entries, strict=True)]
        )
        made = []
        for site in sites:
            area = Decimal(rng.lognormvariate(4.7, 0.35)).quantize(Decimal("0.01"))
            first = rng.randint(0, DAYS - 1)
            again = rng.random() < 0.15  # measured again later, within a few per cent
            made.append((site, day(first), area, not again))
            if again:
                later = day(min(first + rng.randint(5, 40), DAYS))
                made.append((site, later, area * Decimal(rng.uniform(0.95, 1.05)), True))
        measurements = Measurement.objects.bulk_create(
            [
                Measurement(
                    unit=unit,
                    community_id=site.community_id,
                    project=project,
                    site=site,
                    group_id=site.group_id,
                    measured_on=on,
                    floor_area=Decimal(area).quantize(Decimal("0.01")),
                    is_current=current,
                )
                for site, on, area, current in made
            ]
        )
        Building.objects.bulk_create(
            [
                Building(
                    unit=unit,
                    community_id=m.community_id,
                    measurement=m,
                    label=["正房", "东厢房", "西厢房"][k],
                    structure="砖混",
                    floor_area=m.floor_area / 2,
                    built_on=date(rng.randint(1965, 2015), 1, 1),
                )
                for m in measurements
                for k in range(rng.choice((1, 1, 2, 3)))
            ]
        )
        by_household = {e.household_id: e for e in entries}
        determinations = []
        for person in Person.objects.filter(household__unit=unit).order_by("id"):
            entry = by_household[person.household_id]
            decided = day(rng.randint(20, DAYS))
            determinations.append(
                Determination(
                    unit=unit,
                    community_id=entry.community_id,
                    project=project,
                    entry=entry,
                    person=person,
                    name=person.name,
                    id_number=person.id_number,
                    verdict="认定",
                    reason="冻结日户籍在册",
                    registered_on=date(rng.randint(1970, 2020), rng.randint(1, 12), rng.randint(1, 28)),
                    decided_on=decided,
                )
            )
        determinations = Determination.objects.bulk_create(determinations)
        for d in determinations:  # entered on the decision day, in working hours
            d.created_at = timezone.make_aware(
                datetime.combine(d.decided_on, time(8, 30)) + timedelta(minutes=rng.randint(0, 540))
            )
        Determination.objects.bulk_update(determinations, ["created_at"], batch_size=2000)
        agreements = Agreement.objects.bulk_create(
            [
                Agreement(
                    unit=unit,
                    community_id=e.community_id,
                    project=project,
                    entry=e,
                    group=e.group,
                    number=f"2025-{n:04d}",
                    option=Agreement.Option.MONETARY,
                    status=Agreement.Status.SIGNED,
                    signed_on=day(rng.randint(60, DAYS)),
                    amount=Decimal(rng.randint(200000, 900000)),
                )
                for n, e in enumerate(entries[::3])
            ]
        )
        for a in agreements:
            a.entry = by_household[a.entry.household_id]
        audit_append(
            [
                entry_draft(a.entry, "update", "renewal.agreement", a.pk, f"协议 {a.number}", changes)
                for a in agreements
                for changes in (
                    {"状态": [None, "未签约"], "补偿方式": [None, "货币补偿"]},
                    {"状态": ["未签约", "已签约"], "补偿金额（元）": [None, str(a.amount)]},
                )
            ]
        )
    return {
        "households": len(entries),
        "measurements": len(measurements),
        "determinations": len(determinations),
        "agreements": len(agreements),
        "load_seconds": loaded(),
        "peak_rss_mb": peak_rss_mb(),
    }


def child_measure() -> dict:
    setup_django(migrate=False)
    from collections import Counter

    from django.db import connection

    from taizhang.integrity.detection import detect
    from taizhang.org.models import OrgNode

    unit = OrgNode.objects.get(name=UNIT)
    start, end = START + timedelta(days=DAYS - 30), START + timedelta(days=DAYS)
    found = detect(unit.pk, start, end, module_keys={"renewal"})
    return {
        "database": connection.vendor,
        "period": f"{start} 至 {end}",
        "month": timed(lambda: detect(unit.pk, start, end, module_keys={"renewal"}), RUNS),
        "found": dict(Counter(f.finding.kind for f in found)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps({"setup": child_setup, "measure": child_measure}[kind](*rest), ensure_ascii=False))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        setup = run_child(__file__, "setup", str(args.households), str(args.seed))
        measured = run_child(__file__, "measure")
    month = measured["month"]
    print(
        f"数据库：{measured['database']}；{setup['households']:,} 户征收户，{setup['measurements']:,} 条测量，"
        f"{setup['determinations']:,} 条人口界定，{setup['agreements']:,} 份协议（造数 {setup['load_seconds']:.1f} s）"
    )
    print(
        f"{measured['period']} 的棚改疑点：中位 {month['median_ms']:.0f} ms，最大 {month['max_ms']:.0f} ms，"
        f"{month['queries']} 条 SQL；找到 {measured['found'] or '无'}"
    )
    if month["max_ms"] > LIMIT_MS:
        print(f"未达标：超过 {LIMIT_MS} ms")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
