"""聘任考核 end to end (issue 11): a quarter of 2,000 staff × 10 KPI indicators with 360° reviews, from 评定 to the
pay sheet's Excel, against one bare SQL aggregate over the same rows.

In one child process (fresh database): a zone with 6 departments, 40 posts, 2,000 staff on contracts, the committee's
chair, a cycle with 20,000 indicators (the four scoring methods) and about 7,500 reviews (every rater type, some types
missing for some people, as in life). In a second child, `--runs` times on the cycle reopened (every review one point
lower, so each run recomputes and rewrites every result; the previous run's sheet, recommendations and
notifications removed), as the chair: `cycle_assess` (评定: read, score, grade with the 20 % cap, write 2,000
results, audit) → `cycle_lock` (tell 2,000 people, the elimination recommendations) → `sheet_prepare` (the pay sheet
draft, 2,000 lines) → `sheet_xlsx` (the Excel). The baseline: one GROUP BY over the indicators and the reviews of the
cycle (Σ weights and Σ actuals per person, joined to Σ and count of review scores per person). The target: the four
steps under 2 s. The best run counts (the machine is shared).

    .venv/bin/python bench/people_cycle.py
    scripts/with-postgres .venv/bin/python bench/people_cycle.py
    .venv/bin/python bench/people_cycle.py --profile     # cProfile of the best run's steps, top 25 by own time
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_unit, peak_rss_mb, run_child, setup_django, stopwatch  # noqa: E402

UNIT = "基准开发区"
DEPARTMENTS = ["党政办公室", "经济发展部", "投资促进部", "规划建设部", "财政金融部", "行政审批部"]
POSTS = 40
INDICATORS = 10
METHODS = ["线性", "反向", "达标", "扣分"]
RATERS = ("superior", "peer", "peer", "client", "self")  # one chance each; about 1 in 4 missing
TARGET_S = 2.0
STEPS = ("评定", "锁定", "编制发放表", "Excel")

BARE_SQL = """
SELECT i.user_id, i.weights, i.actuals, r.scores, r.n
FROM (SELECT user_id, SUM(weight) AS weights, SUM(actual) AS actuals
      FROM people_indicator WHERE cycle_id = %s GROUP BY user_id) i
LEFT JOIN (SELECT subject_id, SUM(score) AS scores, COUNT(*) AS n
           FROM people_review WHERE cycle_id = %s GROUP BY subject_id) r ON r.subject_id = i.user_id
"""


def make_data(staff: int, seed: int) -> dict:
    """The zone, its staff on contracts, the chair and the open cycle with everyone's plan and reviews."""
    from taizhang.org.models import OrgNode, Role, User
    from taizhang.people.kpi import cycle_open
    from taizhang.people.methods import methods_for
    from taizhang.people.models import Committee, Contract, Indicator, Post, Review
    from taizhang.staff.services import node_create

    rng = random.Random(seed)
    unit = bench_unit(UNIT, [("开发区社区", "urban")])
    departments = [
        node_create(actor=None, parent=unit, name=name, kind=OrgNode.Kind.WORKGROUP, subtype="department")
        for name in DEPARTMENTS
    ]
    posts = Post.objects.bulk_create(
        [
            Post(unit=unit, department=departments[i % 6], name=f"岗位{i:02d}", monthly_pay=Decimal(3000 + 150 * i))
            for i in range(POSTS)
        ]
    )
    users = User.objects.bulk_create(
        [
            User(username=f"s{n:05d}", full_name=f"职工{n}", role=Role.FIELD_WORKER, node=unit, unit=unit, password="!")
            for n in range(staff)
        ]
    )
    chair = User.objects.create(username="bench_chair", full_name="主任", role=Role.UNIT_ADMIN, node=unit, unit=unit)
    Committee.objects.create(unit=unit, user=chair)
    chosen = [rng.choice(posts) for _ in users]
    Contract.objects.bulk_create(
        [
            Contract(
                unit=unit,
                department=post.department,
                post=post,
                user=user,
                starts_on=date(2020, 1, 1),
                ends_on=date(2022, 12, 31),
                monthly_pay=post.monthly_pay,
                performance_shares=["30", "35", "40"],
            )
            for user, post in zip(users, chosen, strict=True)
        ]
    )
    cycle = cycle_open(actor=chair, unit_id=unit.pk, code="2020Q3")
    methods = methods_for(unit.pk, cycle.starts_on)
    indicators, reviews = [], []
    for user, post in zip(users, chosen, strict=True):
        for i in range(INDICATORS):
            method = methods[METHODS[i % 4]]
            deduct = method.kind == "deduct"
            indicators.append(
                Indicator(
                    unit=unit,
                    cycle=cycle,
                    user=user,
                    department=post.department,
                    position=i,
                    name=f"指标{i + 1}",
                    weight=Decimal(10),
                    method=method,
                    target=None if deduct else Decimal(100),
                    actual=Decimal(rng.randint(0, 3)) if deduct else Decimal(rng.randint(40, 130)),
                    deduction=Decimal(2) if deduct else None,
                )
            )
        reviews += [
            Review(
                unit=unit, cycle=cycle, subject=user, rater_type=kind, rater_name="评价人", score=rng.randint(55, 100)
            )
            for kind in RATERS
            if rng.random() < 0.75
        ]
    Indicator.objects.bulk_create(indicators, batch_size=2000)
    Review.objects.bulk_create(reviews, batch_size=2000)
    return {"cycle_id": cycle.pk, "staff": len(users), "indicators": len(indicators), "reviews": len(reviews)}


def reopen(cycle_id: int) -> None:
    """The cycle back to 考核中 as before its first run: no sheet, no recommendations, nobody told; every review one
    point lower so that 评定 rewrites every result."""
    from django.db.models import F

    from taizhang.hub.models import Notification
    from taizhang.people.models import Cycle, PaySheet, Recommendation, Review

    PaySheet.objects.filter(cycle_id=cycle_id).delete()
    Recommendation.objects.filter(cycle_id=cycle_id).delete()
    Notification.objects.all().delete()
    Review.objects.filter(cycle_id=cycle_id).update(score=F("score") - 1)
    Cycle.objects.filter(pk=cycle_id).update(status=Cycle.Status.OPEN, locked_at=None, locked_by=None)


def one_cycle(cycle_id: int, chair) -> tuple[dict[str, float], dict[str, int], bytes]:
    """The four steps, each timed with its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from taizhang.people import pay
    from taizhang.people.assessment import cycle_assess, cycle_lock
    from taizhang.people.models import Cycle
    from taizhang.people.pay_export import sheet_xlsx

    cycle = Cycle.objects.select_related("unit").get(pk=cycle_id)
    seconds, queries, box = {}, {}, {}
    steps = {
        "评定": lambda: cycle_assess(actor=chair, cycle=cycle),
        "锁定": lambda: cycle_lock(actor=chair, cycle=cycle),
        "编制发放表": lambda: box.setdefault("sheet", pay.sheet_prepare(actor=chair, cycle=cycle)),
        "Excel": lambda: box.setdefault(
            "xlsx",
            sheet_xlsx(cycle, box["sheet"].lines.select_related("user", "department").order_by("id"), status="草稿"),
        ),
    }
    for name in STEPS:
        with CaptureQueriesContext(connection) as captured, stopwatch() as taken:
            steps[name]()
        seconds[name], queries[name] = taken(), len(captured.captured_queries)
    return seconds, queries, box["xlsx"]


def child_setup(staff: str, seed: str) -> dict:
    setup_django()
    return make_data(int(staff), int(seed))


def child_measure(cycle_id: str, runs: str, profile: str) -> dict:
    setup_django(migrate=False)
    from django.db import connection
    from django.db.models import Count

    from taizhang.org.models import User
    from taizhang.people.models import PayLine, Recommendation, Result

    cycle_id, chair = int(cycle_id), User.objects.get(username="bench_chair")
    best = None
    for _ in range(int(runs)):
        reopen(cycle_id)
        seconds, queries, xlsx = one_cycle(cycle_id, chair)
        if best is None or sum(seconds.values()) < sum(best[0].values()):
            best = seconds, queries, len(xlsx)
    bare = []
    for _ in range(int(runs)):
        with stopwatch() as taken, connection.cursor() as cursor:
            cursor.execute(BARE_SQL, [cycle_id, cycle_id])
            rows = cursor.fetchall()
        bare.append(taken())
    profiled = ""
    if profile == "1":
        import cProfile
        import io
        import pstats

        reopen(cycle_id)
        profiler = cProfile.Profile()
        profiler.runcall(one_cycle, cycle_id, chair)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        profiled = out.getvalue()
    grades = dict(Result.objects.filter(cycle_id=cycle_id).values_list("grade").annotate(n=Count("id")).order_by())
    return {
        "database": connection.vendor,
        "seconds": best[0],
        "queries": best[1],
        "xlsx_kb": best[2] // 1024,
        "bare_s": min(bare),
        "bare_rows": len(rows),
        "grades": grades,
        "lines": PayLine.objects.filter(sheet__cycle_id=cycle_id).count(),
        "recommendations": Recommendation.objects.filter(cycle_id=cycle_id).count(),
        "peak_rss_mb": peak_rss_mb(),
        "profile": profiled,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--profile", action="store_true")
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
        m = run_child(__file__, "measure", str(setup["cycle_id"]), str(args.runs), "1" if args.profile else "0")
    if m["profile"]:
        print(m["profile"])
    print(
        f"数据库：{m['database']}；{setup['staff']:,} 人 × {INDICATORS} 项指标（{setup['indicators']:,} 项），"
        f"{setup['reviews']:,} 条评议；{args.runs} 次中最快的一次"
    )
    total = sum(m["seconds"].values())
    for name in STEPS:
        print(f"  {name}：{m['seconds'][name] * 1000:7.0f} ms，{m['queries'][name]} 条 SQL")
    print(f"端到端：{total:.2f} s，{sum(m['queries'].values())} 条 SQL；目标 < {TARGET_S:.0f} s")
    ratio = total / m["bare_s"] if m["bare_s"] else float("inf")
    print(
        f"裸 SQL（一条 GROUP BY 汇总指标与评议，{m['bare_rows']:,} 行）：{m['bare_s'] * 1000:.1f} ms；端到端 / 裸 SQL = {ratio:.0f} 倍"
    )
    print(
        f"等次分布：{m['grades']}；发放表 {m['lines']:,} 行，Excel {m['xlsx_kb']} KB；淘汰建议 {m['recommendations']} 条；"
        f"子进程峰值内存 {m['peak_rss_mb']:.0f} MB"
    )
    return 0 if total < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
