"""Renewal progress benchmark (issue 4): the dashboard and the brief of a project with 10,000 households.

In one child process (fresh database): a street office with 4 communities, 5 regional work groups and the
population group; 10,000 registry households (imported the real way); the project (project_create) with every
household inside the red line; about 10,300 courtyards (300 households have two, some courtyards are shared by
two households, 2 % voided), 6 factories, measurements spread over 17 months, determinations, agreements
signed and vacated, violations — rows made in bulk with the ORM (the figures only read them). In a second
child: as the unit's admin, the dashboard (/renewal/projects/<id>/progress/) and the brief page, median server
time of N runs after a warm-up, with their query counts, against the bare baseline: the project's totals in one
raw SQL statement (the same counts, no grouping, no series, no page).

    .venv/bin/python bench/renewal_progress.py
    scripts/with-postgres .venv/bin/python bench/renewal_progress.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_unit, peak_rss_mb, run_child, setup_django, stopwatch, timed  # noqa: E402

UNIT = "基准街道"
COMMUNITIES = [(name, "urban") for name in ("城里居", "东关居", "南关居", "西关居")]
GROUPS = ["第一工作组", "第二工作组", "第三工作组", "第四工作组", "第五工作组"]  # the 5th shares 城里居 with the 1st
PROJECT = "基准棚改"
START = date(2025, 6, 1)
MEASURING_DAYS = 520  # measurements from the start over about 17 months
PAGE_LIMIT_MS = 300
RUNS = 9


def child_setup(households: str, seed: str) -> dict:
    setup_django()
    from django.db import connection, transaction

    from taizhang.core.models import RecordStatus
    from taizhang.hub.demo import demo_rows, rows_to_csv
    from taizhang.org.models import OrgNode, Role, User
    from taizhang.registry.importing import household_import
    from taizhang.registry.models import Household
    from taizhang.renewal.models import Agreement, ProjectGroup, ProjectHousehold, Site, Violation
    from taizhang.renewal.projects import project_create
    from taizhang.staff.services import node_create

    rng = random.Random(int(seed))
    total = int(households)
    unit = bench_unit(UNIT, COMMUNITIES)
    communities = list(OrgNode.objects.filter(unit=unit, kind=OrgNode.Kind.COMMUNITY).order_by("id"))
    for index, name in enumerate(GROUPS):
        node_create(
            actor=None,
            parent=communities[index % len(communities)],
            name=name,
            kind=OrgNode.Kind.WORKGROUP,
            subtype="group",
        )
    node_create(actor=None, parent=unit, name="人口界定工作组", kind=OrgNode.Kind.WORKGROUP, subtype="group")
    User.objects.create(
        username="bench_admin", full_name="管理员", role=Role.UNIT_ADMIN, node=unit, unit=unit, password="!"
    )
    rows = demo_rows(seed=int(seed), units=[(UNIT, "street", "BJ", COMMUNITIES, total)])[UNIT]
    with stopwatch() as registry:
        assert household_import(unit=unit, data=rows_to_csv(rows), filename="registry.csv").ok
    project = project_create(
        actor=None,
        unit=unit,
        name=PROJECT,
        communities=communities,
        start_date=START,
        freeze_date=START + timedelta(days=14),
    )
    groups = {g.name: g for g in ProjectGroup.objects.filter(project=project)}
    by_community = {c.pk: groups[GROUPS[i]] for i, c in enumerate(communities)}

    def day(offset: int) -> date:
        return START + timedelta(days=offset)

    with stopwatch() as loaded, transaction.atomic():
        entries = ProjectHousehold.objects.bulk_create(
            [
                ProjectHousehold(
                    unit=unit,
                    community_id=h.community_id,
                    project=project,
                    household=h,
                    group=groups[GROUPS[4]]
                    if h.community_id == communities[0].pk and n % 2
                    else by_community[h.community_id],
                    source=ProjectHousehold.Source.LIST,
                )
                for n, h in enumerate(Household.objects.filter(unit=unit).order_by("household_no"))
            ]
        )
        sites, owners = [], []
        for n, entry in enumerate(entries):
            # Most households are measured, earlier in the first communities; some are not yet.
            measured = rng.random() < 0.9
            first = rng.randint(0, MEASURING_DAYS) if measured else None
            courtyards = 2 if n % (total // 300 or 1) == 0 else 1
            for k in range(courtyards):
                sites.append(
                    Site(
                        unit=unit,
                        community_id=entry.community_id,
                        project=project,
                        group=entry.group,
                        kind=Site.Kind.COURTYARD,
                        number=f"YL{n:05d}-{k + 1}",
                        measured_on=day(first + 7 * k) if measured else None,
                        status=RecordStatus.VOIDED if rng.random() < 0.02 else RecordStatus.ACTIVE,
                    )
                )
                owners.append([entry])
            if n % 50 == 1:  # a courtyard shared with the next household
                owners[-1].append(entries[(n + 1) % total])
            if measured and rng.random() < 0.7:
                entry.determined_on = day(min(first + rng.randint(10, 90), MEASURING_DAYS))  # after measuring
        for k in range(6):
            sites.append(
                Site(
                    unit=unit,
                    community_id=communities[k % 4].pk,
                    project=project,
                    group=by_community[communities[k % 4].pk],
                    kind=Site.Kind.FACTORY,
                    number=f"CF{k + 1:02d}",
                    enterprise=f"济阳第{k + 1}机械厂",
                    measured_on=day(rng.randint(30, MEASURING_DAYS)),
                )
            )
            owners.append([])
        sites = Site.objects.bulk_create(sites)
        through = Site.owners.through
        through.objects.bulk_create(
            [
                through(site_id=s.pk, projecthousehold_id=e.pk)
                for s, owned in zip(sites, owners, strict=True)
                for e in owned
            ]
        )
        # The owners' first measured day, as the measurement services keep it (the bare SQL below counts from the
        # sites themselves, so the two agreeing checks this too).
        for made, owned in zip(sites, owners, strict=True):
            if made.kind == Site.Kind.COURTYARD and made.status == RecordStatus.ACTIVE and made.measured_on:
                for entry in owned:
                    entry.measured_on = min(entry.measured_on or made.measured_on, made.measured_on)
        ProjectHousehold.objects.bulk_update(
            [e for e in entries if e.determined_on or e.measured_on], ["measured_on", "determined_on"], batch_size=2000
        )
        agreements = []
        for entry in entries:
            if entry.determined_on and rng.random() < 0.45:
                signed = min(entry.determined_on + timedelta(days=rng.randint(5, 60)), day(MEASURING_DAYS))
                vacated = signed + timedelta(days=rng.randint(10, 40)) if rng.random() < 0.5 else None
                agreements.append(
                    Agreement(
                        unit=unit,
                        community_id=entry.community_id,
                        project=project,
                        entry=entry,
                        group=entry.group,
                        option=Agreement.Option.MONETARY,
                        signed_on=signed,
                        vacated_on=vacated,
                        status=Agreement.Status.VACATED if vacated else Agreement.Status.SIGNED,
                    )
                )
        Agreement.objects.bulk_create(agreements)
        Violation.objects.bulk_create(
            [
                Violation(
                    unit=unit,
                    community_id=communities[k % 4].pk,
                    project=project,
                    group=by_community[communities[k % 4].pk],
                    location=f"违建{k}",
                    description="冻结后加建",
                    found_on=day(20 + 9 * k),
                    demolished_on=day(40 + 9 * k) if k % 2 else None,
                )
                for k in range(40)
            ]
        )
    if connection.vendor == "postgresql":  # what the imports do after a bulk load
        with connection.cursor() as cursor:
            for table in (
                "renewal_projecthousehold",
                "renewal_site",
                "renewal_site_owners",
                "renewal_agreement",
                "renewal_violation",
            ):
                cursor.execute(f"ANALYZE {table}")
    return {
        "project_id": project.pk,
        "households": len(entries),
        "courtyards": sum(1 for s in sites if s.kind == "courtyard"),
        "factories": 6,
        "owner_links": through.objects.count(),
        "agreements": len(agreements),
        "registry_seconds": registry(),
        "load_seconds": loaded(),
        "peak_rss_mb": peak_rss_mb(),
    }


BARE_SQL = """
SELECT
  (SELECT COUNT(*) FROM renewal_projecthousehold WHERE project_id = %(p)s),
  (SELECT COUNT(DISTINCT o.projecthousehold_id) FROM renewal_site_owners o JOIN renewal_site s ON s.id = o.site_id
    WHERE s.project_id = %(p)s AND s.kind = 'courtyard' AND s.status = 'active' AND s.measured_on <= %(d)s),
  (SELECT COUNT(*) FROM renewal_site WHERE project_id = %(p)s AND kind = 'courtyard' AND status = 'active'
    AND measured_on <= %(d)s),
  (SELECT COUNT(*) FROM renewal_site WHERE project_id = %(p)s AND kind = 'factory' AND status = 'active'
    AND measured_on <= %(d)s),
  (SELECT COUNT(*) FROM renewal_projecthousehold WHERE project_id = %(p)s AND determined_on <= %(d)s),
  (SELECT COUNT(*) FROM renewal_agreement WHERE project_id = %(p)s AND signed_on <= %(d)s),
  (SELECT COUNT(*) FROM renewal_agreement WHERE project_id = %(p)s AND vacated_on <= %(d)s)
"""


def child_measure(project_id: str) -> dict:
    setup_django(migrate=False)
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from taizhang.org.models import User
    from taizhang.renewal import progress
    from taizhang.renewal.models import Project

    admin = User.objects.get(username="bench_admin")
    project = Project.objects.get(pk=int(project_id))
    client = Client()
    client.force_login(admin)
    today = timezone.localdate()

    def page(name, params=None):
        def run():
            response = client.get(f"/renewal/projects/{project.pk}/{name}/", params or {})
            assert response.status_code == 200, response.status_code

        return run

    def bare():
        with connection.cursor() as cursor:
            cursor.execute(BARE_SQL, {"p": project.pk, "d": today})
            return cursor.fetchone()

    totals = bare()
    figures = progress.progress_as_of(admin, project, today).total
    same = (
        figures.households,
        figures.measured,
        figures.courtyards,
        figures.factories,
        figures.determined,
        figures.signed,
        figures.vacated,
    ) == tuple(totals)
    text, _ = progress.brief(admin, project, today, today)
    midway = (START + timedelta(days=MEASURING_DAYS // 2)).isoformat()
    return {
        "database": connection.vendor,
        "bare": timed(bare, RUNS),
        "totals": list(totals),
        "same_as_bare": same,
        "dashboard": timed(page("progress"), RUNS),
        "dashboard_midway": timed(page("progress", {"as_of": midway}), RUNS),
        "brief": timed(page("brief"), RUNS),
        "figures_only": timed(lambda: progress.progress_as_of(admin, project, today), RUNS),
        "series_only": timed(lambda: progress.progress_series(admin, project, today), RUNS),
        "text": text,
        "midway": midway,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2020)
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
        measured = run_child(__file__, "measure", str(setup["project_id"]))

    print(
        f"数据库：{measured['database']}；{setup['households']:,} 户征收户（4 个村居、5 个区域工作组），"
        f"{setup['courtyards']:,} 个院落、{setup['factories']} 所厂房、{setup['owner_links']:,} 条产权户关联、"
        f"{setup['agreements']:,} 份协议；测量分布在 {MEASURING_DAYS} 天内"
    )
    print(
        f"造数：户籍导入 {setup['registry_seconds']:.1f} s，项目数据 {setup['load_seconds']:.1f} s，"
        f"峰值内存 {setup['peak_rss_mb']:.0f} MB"
    )
    print(f"简报：{measured['text']}")
    bare = measured["bare"]["median_ms"]
    print(
        f"裸 SQL（一条语句算出全项目 7 项合计）：中位 {bare:.1f} ms；与页面的合计{'一致' if measured['same_as_bare'] else '不一致'}"
    )
    for label, key in (
        ("进度页（截至今天）", "dashboard"),
        (f"进度页（截至 {measured['midway']}）", "dashboard_midway"),
        ("简报页", "brief"),
        ("其中：各村居、各组的数字", "figures_only"),
        ("其中：累计曲线", "series_only"),
    ):
        figures = measured[key]
        print(
            f"{label}：中位 {figures['median_ms']:.1f} ms，最大 {figures['max_ms']:.1f} ms，{figures['queries']} 条 SQL，"
            f"为裸 SQL 的 {figures['median_ms'] / bare:.1f} 倍"
        )
    failures = []
    for key in ("dashboard", "dashboard_midway", "brief"):
        if measured[key]["median_ms"] >= PAGE_LIMIT_MS:
            failures.append(f"{key} {measured[key]['median_ms']:.0f} ms 超过 {PAGE_LIMIT_MS} ms")
    if not measured["same_as_bare"]:
        failures.append(f"合计与裸 SQL 不一致：{measured['totals']}")
    print("\n" + ("未达标：" + "；".join(failures) if failures else "全部达标"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
