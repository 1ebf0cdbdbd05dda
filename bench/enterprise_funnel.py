"""The investment pipeline's funnel page (issue 12) over 2,000 projects with their histories, against one bare SQL
GROUP BY over the same table.

In one child process (fresh database): a zone with 6 lead sources, 3 chains, 200 enterprises with two years of
figures, 20 officers and 2,000 projects spread along the pipeline (线索 to 达效, one in ten dropped), each with its
stage events (about 9,000), a fifth with a credit split between two officers, those past 投产 with a contract promise
(some behind it), and follow-ups. In a second child, the funnel page (/enterprise/projects/funnel/) is asked for
`--runs` times by the zone's admin through Django's test client (the whole request: middleware, every grouped query,
the learned probabilities, 达效滞后, the template); the baseline is one bare `SELECT stage, COUNT(*), SUM(planned)
… GROUP BY stage` over the projects. The target: the page under 300 ms (median).

    .venv/bin/python bench/enterprise_funnel.py
    scripts/with-postgres .venv/bin/python bench/enterprise_funnel.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_unit, peak_rss_mb, run_child, setup_django, timed  # noqa: E402

UNIT = "基准开发区"
TODAY = date(2021, 6, 30)
TARGET_MS = 300
BARE_SQL = """
SELECT stage, dropped_on IS NULL, COUNT(*), SUM(planned_investment)
FROM enterprise_project WHERE unit_id = %s GROUP BY stage, dropped_on IS NULL
"""


def make_data(projects: int, seed: int) -> dict:
    from taizhang.enterprise.models import (
        Chain,
        Enterprise,
        EnterpriseFigure,
        FollowUp,
        Project,
        ProjectCredit,
        StageEvent,
        Station,
    )
    from taizhang.enterprise.rules.stages import CODES
    from taizhang.enterprise.rules.uscc import with_check
    from taizhang.org.models import Role, User

    rng = random.Random(seed)
    unit = bench_unit(UNIT, [("开发区社区", "urban")])
    User.objects.create(username="bench_admin", full_name="管理员", role=Role.UNIT_ADMIN, node=unit, unit=unit)
    officers = User.objects.bulk_create(
        User(username=f"zs{n:02d}", full_name=f"招商{n}", role=Role.FIELD_WORKER, node=unit, unit=unit, password="!")
        for n in range(20)
    )
    stations = Station.objects.bulk_create(
        Station(unit=unit, name=name, kind=kind, region=region)
        for name, kind, region in [
            ("美国招商站", "station", "美国"),
            ("日本招商站", "station", "日本"),
            ("台湾招商站", "station", "台湾"),
            ("香港招商站", "station", "中国香港"),
            ("链长招商", "chain", ""),
            ("以商招商", "referral", ""),
        ]
    )
    chains = Chain.objects.bulk_create(Chain(unit=unit, name=n) for n in ("食品饮料", "智能制造", "特医食品"))
    enterprises = Enterprise.objects.bulk_create(
        Enterprise(
            unit=unit, uscc=with_check(f"91370125MA{n:07d}"), name=f"企业{n}", land_mu=Decimal(rng.randint(20, 200))
        )
        for n in range(200)
    )
    EnterpriseFigure.objects.bulk_create(
        EnterpriseFigure(
            unit=unit,
            enterprise=e,
            year=year,
            output=Decimal(rng.randint(1000, 90000)),
            tax=Decimal(rng.randint(50, 5000)),
        )
        for e in enterprises
        for year in (2019, 2020)
    )
    weights = [25, 20, 15, 10, 8, 10, 7, 5]
    rows, plans = [], []
    for n in range(projects):
        index = rng.choices(range(len(CODES)), weights)[0]
        days = sorted(rng.sample(range(10, 1500), index + 1), reverse=True)
        dates = [TODAY - timedelta(days=d) for d in days]
        enterprise = enterprises[n % len(enterprises)] if index >= 3 else None
        promised = index >= 6
        rows.append(
            Project(
                unit=unit,
                name=f"项目{n:05d}",
                enterprise=enterprise,
                chain=chains[n % 3],
                source=stations[n % 6],
                stage=CODES[index],
                stage_on=dates[-1],
                officer=officers[n % 20],
                planned_investment=Decimal(rng.randint(1000, 100000)),
                dropped_on=dates[-1] + timedelta(days=5) if rng.random() < 0.1 else None,
                land_mu=enterprise.land_mu if enterprise else None,
                promise_year=2020 if promised else None,
                promised_tax_per_mu=Decimal(rng.randint(5, 40)) if promised else None,
                promised_output_per_mu=Decimal(rng.randint(100, 600)) if promised else None,
            )
        )
        plans.append(dates)
    made = Project.objects.bulk_create(rows, batch_size=500)
    events, credits, follow_ups = [], [], []
    for n, (project, dates) in enumerate(zip(made, plans, strict=True)):
        for move, (code, on) in enumerate(zip(CODES, dates, strict=False), start=1):
            events.append(
                StageEvent(
                    unit=unit, project=project, move=move, stage=code, reached_on=on, recorded_at=project.created_at
                )
            )
        if n % 5 == 0:
            credits += [
                ProjectCredit(unit=unit, project=project, user=officers[n % 20], share=Decimal(60)),
                ProjectCredit(unit=unit, project=project, user=officers[(n + 1) % 20], share=Decimal(40)),
            ]
        follow_ups.append(
            FollowUp(
                unit=unit,
                project=project,
                happened_on=dates[-1],
                summary="跟进",
                next_action="回访",
                next_on=dates[-1] + timedelta(days=30),
                recorded_at=project.created_at,
            )
        )
    StageEvent.objects.bulk_create(events, batch_size=2000)
    ProjectCredit.objects.bulk_create(credits, batch_size=2000)
    FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
    return {"unit_id": unit.pk, "projects": len(made), "events": len(events), "credits": len(credits)}


def child_setup(projects: str, seed: str) -> dict:
    setup_django()
    return make_data(int(projects), int(seed))


def child_measure(unit_id: str, runs: str) -> dict:
    setup_django(migrate=False)
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from taizhang.core import clock
    from taizhang.enterprise.selectors_funnel import funnel
    from taizhang.org.models import User

    settings.ALLOWED_HOSTS = ["*"]
    admin = User.objects.get(username="bench_admin")
    client = Client()
    client.force_login(admin)

    def page():
        response = client.get("/enterprise/projects/funnel/")
        assert response.status_code == 200, response.status_code

    def bare():
        with connection.cursor() as cursor:
            cursor.execute(BARE_SQL, [int(unit_id)])
            cursor.fetchall()

    with clock.frozen(TODAY):
        page_times = timed(page, int(runs))
        bare_times = timed(bare, int(runs))
        found = funnel(admin, today=TODAY)
    return {
        "database": connection.vendor,
        "page": page_times,
        "bare": bare_times,
        "live": found.live,
        "dropped": found.dropped,
        "stuck": found.stuck,
        "lagging": found.lagging_count,
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15)
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
        setup = run_child(__file__, "setup", str(args.projects), str(args.seed))
        m = run_child(__file__, "measure", str(setup["unit_id"]), str(args.runs))
    page, bare = m["page"], m["bare"]
    print(
        f"数据库：{m['database']}；{setup['projects']:,} 个项目，{setup['events']:,} 条阶段记录，"
        f"{setup['credits']:,} 条业绩分配；{args.runs} 次"
    )
    print(
        f"招商漏斗页（整个请求）：中位数 {page['median_ms']:.0f} ms，最慢 {page['max_ms']:.0f} ms，"
        f"{page['queries']} 条 SQL；目标 < {TARGET_MS} ms"
    )
    ratio = page["median_ms"] / bare["median_ms"] if bare["median_ms"] else float("inf")
    print(f"裸 SQL（一条 GROUP BY 阶段）：中位数 {bare['median_ms']:.2f} ms；漏斗页 / 裸 SQL = {ratio:.0f} 倍")
    print(
        f"在途 {m['live']:,}，已终止 {m['dropped']:,}，停滞 {m['stuck']:,}，达效滞后 {m['lagging']:,}；"
        f"子进程峰值内存 {m['peak_rss_mb']:.0f} MB"
    )
    return 0 if page["median_ms"] < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
