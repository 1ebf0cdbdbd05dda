"""Cockpit benchmark (issue 8): the home page of the district leader over the whole demo district, then with more units.

In one child process (fresh database): `taizhang demo` (济阳区, 4 units, 3,000 households, 新市镇's 140 assisted
households and their visits, 济阳街道's renewal project). In a second child: as `leader`, the cockpit (`/`: every
unit's figures of the kernel and of its modules, targets, the 6-month trend), median server time of N runs after a
warm-up with the Django test client, and its query count, against the bare baseline: one plain `SELECT COUNT(*)` per
table the figures read. Then `--extra-units` more units are added (each with a village, households in the registry
and in a renewal project, assisted households, signed agreements; rows made in bulk with the ORM) and the cockpit is
measured again: the query count must not change.

    .venv/bin/python bench/cockpit.py
    scripts/with-postgres .venv/bin/python bench/cockpit.py
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import peak_rss_mb, run_child, setup_django, stopwatch, timed  # noqa: E402

PAGE_LIMIT_MS = 300
RUNS = 9
TABLES = [
    "registry_household",
    "registry_person",
    "assistance_assistedhousehold",
    "assistance_visit",
    "assistance_problem",
    "renewal_projecthousehold",
    "renewal_agreement",
]


def child_setup(seed: str) -> dict:
    setup_django()
    from django.core.management import call_command

    with stopwatch() as seconds, open(os.devnull, "w") as quiet:
        call_command("demo", "--seed", seed, verbosity=0, stdout=quiet)
    return {"demo_seconds": seconds(), "peak_rss_mb": peak_rss_mb()}


def child_grow(extra: str, households: str) -> dict:
    """`extra` more units with `households` households each, every module enabled."""
    setup_django(migrate=False)
    from django.db import transaction

    from taizhang.assistance.models import AssistedHousehold, Category
    from taizhang.org.models import OrgNode, Role, UnitModule, User
    from taizhang.registry.models import Household
    from taizhang.renewal.models import Agreement, ProjectHousehold
    from taizhang.renewal.projects import project_create
    from taizhang.staff.services import node_create, staff_create

    district = OrgNode.objects.get(kind=OrgNode.Kind.DISTRICT)
    today = date.today()
    with transaction.atomic():
        for n in range(int(extra)):
            unit = node_create(
                actor=None, parent=district, kind=OrgNode.Kind.UNIT, name=f"基准镇{n + 1}", subtype="town"
            )
            village = node_create(
                actor=None, parent=unit, kind=OrgNode.Kind.COMMUNITY, name=f"基准村{n + 1}", subtype="village"
            )
            UnitModule.objects.bulk_create([UnitModule(unit=unit, module=key) for key in ("assistance", "renewal")])
            admin = staff_create(
                actor=None,
                node=unit,
                username=f"bench{n + 1}",
                full_name=f"基准{n + 1}",
                role=Role.UNIT_ADMIN,
                password="Bench@2026pw",
            )
            made = Household.objects.bulk_create(
                [
                    Household(unit=unit, community=village, household_no=f"B{n + 1:02d}{k:05d}", address=f"基准路{k}号")
                    for k in range(int(households))
                ]
            )
            AssistedHousehold.objects.bulk_create(
                [
                    AssistedHousehold(
                        unit=unit,
                        community=village,
                        household=h,
                        category=Category.REGISTERED,
                        start_date=today - timedelta(days=200),
                    )
                    for h in made[::6]
                ]
            )
            project = project_create(
                actor=admin,
                unit=unit,
                name=f"基准改造{n + 1}",
                communities=[village],
                start_date=today - timedelta(days=150),
                freeze_date=today - timedelta(days=140),
            )
            entries = ProjectHousehold.objects.bulk_create(
                [
                    ProjectHousehold(
                        unit=unit,
                        community=village,
                        project=project,
                        household=h,
                        measured_on=today - timedelta(days=k % 120) if k % 3 else None,
                    )
                    for k, h in enumerate(made)
                ]
            )
            Agreement.objects.bulk_create(
                [
                    Agreement(
                        unit=unit,
                        community=village,
                        project=project,
                        entry=e,
                        option=Agreement.Option.MONETARY,
                        status=Agreement.Status.SIGNED,
                        signed_on=today - timedelta(days=k % 90),
                    )
                    for k, e in enumerate(entries[::4])
                ]
            )
    return {
        "units": OrgNode.objects.filter(kind=OrgNode.Kind.UNIT).count(),
        "households": Household.objects.count(),
        "leader": User.objects.filter(username="leader").exists(),
    }


def child_measure() -> dict:
    setup_django(migrate=False)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from taizhang.hub import cockpit
    from taizhang.org.models import OrgNode, User

    settings.ALLOWED_HOSTS = ["*"]
    leader = User.objects.get(username="leader")
    client = Client()
    client.force_login(leader)
    today = timezone.localdate()

    def page():
        response = client.get("/")
        assert response.status_code == 200, response.status_code

    def bare():
        with connection.cursor() as cursor:
            for table in TABLES:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                cursor.fetchone()

    return {
        "database": connection.vendor,
        "units": OrgNode.objects.filter(kind=OrgNode.Kind.UNIT).count(),
        "bare": timed(bare, RUNS),
        "page": timed(page, RUNS),
        "board_only": timed(lambda: cockpit.board(User.objects.get(pk=leader.pk), as_of=today), RUNS),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--extra-units", type=int, default=8)
    parser.add_argument("--households", type=int, default=300, help="households of each extra unit")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(
            json.dumps(
                {"setup": child_setup, "grow": child_grow, "measure": child_measure}[kind](*rest), ensure_ascii=False
            )
        )
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TAIZHANG_VAR_DIR"] = tmp
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        setup = run_child(__file__, "setup", str(args.seed))
        demo = run_child(__file__, "measure")
        grown = run_child(__file__, "grow", str(args.extra_units), str(args.households))
        more = run_child(__file__, "measure")

    print(
        f"数据库：{demo['database']}；演示区县（taizhang demo，{demo['units']} 个单位）造数 {setup['demo_seconds']:.1f} s，"
        f"峰值内存 {setup['peak_rss_mb']:.0f} MB；再加 {args.extra_units} 个单位（各 {args.households} 户）后共 "
        f"{grown['units']} 个单位、{grown['households']:,} 户"
    )
    failures = []
    for label, measured in (("演示区县", demo), (f"{more['units']} 个单位", more)):
        bare = measured["bare"]["median_ms"]
        print(f"{label}：裸 SQL（{len(TABLES)} 张表各一条 COUNT）中位 {bare:.1f} ms")
        for name, key in (("首页驾驶舱（区级领导）", "page"), ("其中：指标与走势（cockpit.board）", "board_only")):
            figures = measured[key]
            print(
                f"  {name}：中位 {figures['median_ms']:.1f} ms，最大 {figures['max_ms']:.1f} ms，"
                f"{figures['queries']} 条 SQL，为裸 SQL 的 {figures['median_ms'] / bare:.1f} 倍"
            )
    if demo["page"]["median_ms"] >= PAGE_LIMIT_MS:
        failures.append(f"演示区县的首页 {demo['page']['median_ms']:.0f} ms 超过 {PAGE_LIMIT_MS} ms")
    if demo["page"]["queries"] != more["page"]["queries"]:
        failures.append(f"SQL 条数随单位增加：{demo['page']['queries']} → {more['page']['queries']}")
    print("\n" + ("未达标：" + "；".join(failures) if failures else "全部达标"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
