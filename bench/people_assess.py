"""聘任考核 benchmark (issue 11): 评定 of 2,000 staff × 10 KPI indicators with 360° reviews.

In one child process (fresh database): a zone with 6 departments, 2,000 staff on contracts, a cycle with 20,000
indicators (the four scoring methods) and about 7,000 reviews (some rater types missing, as in life). In a second
child: `cycle_assess` end to end (read, score, grade with the 20 % cap, write 2,000 results, audit) — median of
several runs, each on the cycle reopened — against one bare SQL aggregate over the same rows (the weights summed
per person and the reviews averaged per person and type), and the ratio printed. The target: under 2 s.

    .venv/bin/python bench/people_assess.py
    scripts/with-postgres .venv/bin/python bench/people_assess.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_unit, peak_rss_mb, run_child, setup_django, stopwatch  # noqa: E402

UNIT = "基准开发区"
DEPARTMENTS = ["党政办公室", "经济发展部", "投资促进部", "规划建设部", "财政金融部", "行政审批部"]
INDICATORS = 10
TARGET_S = 2.0
METHODS = ["线性", "反向", "达标", "扣分"]


def child_setup(staff: str, seed: str) -> dict:
    setup_django()
    from taizhang.org.models import OrgNode, Role, User
    from taizhang.people.kpi import cycle_open
    from taizhang.people.methods import methods_for
    from taizhang.people.models import Contract, Indicator, Post, Review
    from taizhang.staff.services import node_create

    rng = random.Random(int(seed))
    unit = bench_unit(UNIT, [])
    departments = [
        node_create(actor=None, parent=unit, kind=OrgNode.Kind.WORKGROUP, name=name, subtype="department")
        for name in DEPARTMENTS
    ]
    posts = [
        Post.objects.create(unit=unit, department=d, name="综合岗", monthly_pay=Decimal(5000)) for d in departments
    ]
    users = User.objects.bulk_create(
        [
            User(username=f"b{n:05d}", full_name=f"职员{n}", role=Role.FIELD_WORKER, unit=unit, node=departments[n % 6])
            for n in range(int(staff))
        ]
    )
    Contract.objects.bulk_create(
        [
            Contract(
                unit=unit,
                department=departments[n % 6],
                post=posts[n % 6],
                user=u,
                starts_on=date(2020, 1, 1),
                ends_on=date(2022, 12, 31),
                monthly_pay=Decimal(5000),
                performance_shares=["30", "35", "40"],
            )
            for n, u in enumerate(users)
        ]
    )
    cycle = cycle_open(actor=None, unit_id=unit.pk, code="2020Q3")
    methods = methods_for(unit.pk, cycle.starts_on)
    indicators, reviews = [], []
    for n, u in enumerate(users):
        for i in range(INDICATORS):
            method = methods[METHODS[i % 4]]
            target = Decimal(100) if method.kind != "deduct" else None
            actual = Decimal(rng.randint(40, 130)) if method.kind != "deduct" else Decimal(rng.randint(0, 3))
            indicators.append(
                Indicator(
                    unit=unit,
                    cycle=cycle,
                    user=u,
                    department=departments[n % 6],
                    position=i,
                    name=f"指标{i + 1}",
                    weight=Decimal(10),
                    method=method,
                    target=target,
                    actual=actual,
                    deduction=Decimal(2) if method.kind == "deduct" else None,
                )
            )
        for kind in ("superior", "peer", "peer", "client", "self"):
            if rng.random() < 0.75:
                reviews.append(
                    Review(
                        unit=unit,
                        cycle=cycle,
                        subject=u,
                        rater_type=kind,
                        rater_name="评价人",
                        score=Decimal(rng.randint(55, 100)),
                    )
                )
    Indicator.objects.bulk_create(indicators, batch_size=2000)
    Review.objects.bulk_create(reviews, batch_size=2000)
    return {"cycle_id": cycle.pk, "staff": len(users), "indicators": len(indicators), "reviews": len(reviews)}


BARE_SQL = """
SELECT user_id, SUM(weight) FROM people_indicator WHERE cycle_id = %s GROUP BY user_id;
SELECT subject_id, rater_type, AVG(score) FROM people_review WHERE cycle_id = %s GROUP BY subject_id, rater_type
"""


def child_measure(cycle_id: str, runs: str) -> dict:
    setup_django(migrate=False)
    from django.db import connection
    from django.db.models import Count, F
    from django.test.utils import CaptureQueriesContext

    from taizhang.people.assessment import cycle_assess
    from taizhang.people.models import Cycle, Result, Review

    times, queries = [], 0
    for _ in range(int(runs)):
        # Reopened with every review one point lower: each run recomputes and rewrites every result.
        Review.objects.filter(cycle_id=cycle_id).update(score=F("score") - 1)
        Cycle.objects.filter(pk=cycle_id).update(status=Cycle.Status.OPEN)
        cycle = Cycle.objects.get(pk=cycle_id)
        with CaptureQueriesContext(connection) as captured, stopwatch() as seconds:
            done = cycle_assess(actor=None, cycle=cycle)
        times.append(seconds())
        queries = len(captured.captured_queries)
    bare = []
    for _ in range(int(runs)):
        with stopwatch() as seconds, connection.cursor() as cursor:
            for statement in BARE_SQL.strip().split(";"):
                cursor.execute(statement, [cycle_id])
                cursor.fetchall()
        bare.append(seconds())
    grades = dict(Result.objects.filter(cycle_id=cycle_id).values_list("grade").annotate(n=Count("id")).order_by())
    return {
        "database": connection.vendor,
        "assessed": done.assessed,
        "first_s": times[0],
        "median_s": statistics.median(times),
        "queries": queries,
        "bare_s": statistics.median(bare),
        "grades": grades,
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
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
        setup = run_child(__file__, "setup", str(args.staff), str(args.seed))
        measured = run_child(__file__, "measure", str(setup["cycle_id"]), str(args.runs))
    print(
        f"数据库：{measured['database']}；{setup['staff']:,} 人 × {INDICATORS} 项指标（{setup['indicators']:,} 项），"
        f"{setup['reviews']:,} 条评议"
    )
    print(
        f"评定（读取、计分、评等、写入 {measured['assessed']:,} 条结果、审计）：首次 {measured['first_s']:.2f} s，"
        f"中位 {measured['median_s']:.2f} s，{measured['queries']} 条查询；目标 < {TARGET_S} s"
    )
    ratio = measured["median_s"] / measured["bare_s"] if measured["bare_s"] else float("inf")
    print(f"同样行上的裸 SQL 汇总：{measured['bare_s'] * 1000:.1f} ms；评定 / 裸 SQL = {ratio:.1f} 倍")
    print(f"等次分布：{measured['grades']}；子进程峰值内存 {measured['peak_rss_mb']:.0f} MB")
    return 0 if measured["median_s"] < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
