"""优绩优酬 benchmark (issue 11, part C): the pay sheet of a locked quarter for 2,000 staff.

In one child process (fresh database): a zone with 6 departments, 40 posts, 2,000 staff on contracts and a locked
quarter with everyone's grade (rows made in bulk: the sheet only reads them). Then, median of N runs after a
warm-up: the preview (every base, the pool shared out to the fen), preparing the draft (the lines written), a
recomputation with a pool set by the committee, and the Excel — against the bare baseline: Σ bases in one raw SQL
aggregate. The sheet must add up to the pool and to the bare Σ, and the whole must take under 2 s.

    .venv/bin/python bench/people_pay.py
    scripts/with-postgres .venv/bin/python bench/people_pay.py
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
from common import bench_unit, run_child, setup_django, stopwatch, timed  # noqa: E402

UNIT = "基准开发区"
DEPARTMENTS = ["党政办公室", "经济发展部", "投资促进部", "规划建设部", "财政金融部", "行政审批部"]
GRADES = ["excellent"] * 15 + ["pass"] * 70 + ["basic"] * 12 + ["fail"] * 3
LIMIT_S = 2.0
RUNS = 5

BARE_SQL = """
SELECT SUM(ROUND(c.monthly_pay * 3 * 30 / 100, 2)), COUNT(*)
FROM people_result r JOIN people_contract c ON c.user_id = r.user_id AND c.unit_id = r.unit_id
WHERE r.cycle_id = %s AND r.grade <> ''
"""


def child(staff: str, seed: str) -> dict:
    setup_django()
    from django.db import connection

    from taizhang.org.models import OrgNode, Role, User
    from taizhang.people import pay
    from taizhang.people.models import Committee, Contract, Cycle, PaySheet, Post, Result
    from taizhang.people.pay_export import sheet_xlsx
    from taizhang.staff.services import node_create

    rng = random.Random(int(seed))
    unit = bench_unit(UNIT, [("开发区社区", "urban")])
    departments = [
        node_create(actor=None, parent=unit, name=name, kind=OrgNode.Kind.WORKGROUP, subtype="department")
        for name in DEPARTMENTS
    ]
    posts = Post.objects.bulk_create(
        [
            Post(unit=unit, department=departments[i % 6], name=f"岗位{i:02d}", monthly_pay=Decimal(3000 + 150 * i))
            for i in range(40)
        ]
    )
    users = User.objects.bulk_create(
        [
            User(username=f"s{i:05d}", full_name=f"职工{i}", role=Role.FIELD_WORKER, node=unit, unit=unit, password="!")
            for i in range(int(staff))
        ]
    )
    chair = User.objects.create(username="bench_chair", full_name="主任", role=Role.UNIT_ADMIN, node=unit, unit=unit)
    Committee.objects.create(unit=unit, user=chair)
    cycle = Cycle.objects.create(
        unit=unit, code="2020Q3", kind="quarter", starts_on=date(2020, 7, 1), ends_on=date(2020, 9, 30), status="locked"
    )
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
    Result.objects.bulk_create(
        [Result(unit=unit, cycle=cycle, user=user, grade=rng.choice(GRADES), final_score=Decimal(80)) for user in users]
    )

    def bare():
        with connection.cursor() as cursor:
            cursor.execute(BARE_SQL, [cycle.pk])
            return cursor.fetchone()

    def whole():
        PaySheet.objects.filter(cycle=cycle).delete()
        sheet = pay.sheet_prepare(actor=chair, cycle=cycle)
        sheet = pay.sheet_update(actor=chair, sheet=sheet, pool="1234567.89", coefficients=pay.default_coefficients())
        lines = list(sheet.lines.select_related("user", "department"))
        return sheet, sheet_xlsx(cycle, lines, status="草稿")

    with stopwatch() as first:
        sheet, content = whole()
    total = sum(sheet.lines.values_list("amount", flat=True), Decimal(0))
    bare_sum, counted = bare()
    preview = pay.preview(cycle)
    return {
        "database": connection.vendor,
        "staff": int(staff),
        "first_s": first(),
        "bare": timed(bare, RUNS),
        "preview": timed(lambda: pay.preview(cycle), RUNS),
        "whole": timed(whole, RUNS),
        "adds_up": total == sheet.pool == Decimal("1234567.89"),
        "same_as_bare": Decimal(str(bare_sum)) == preview.pool and counted == len(preview.lines),
        "xlsx_kb": len(content) // 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--staff", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child), ensure_ascii=False))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        m = run_child(__file__, str(args.staff), str(args.seed))
    bare = m["bare"]["median_ms"]
    print(f"数据库：{m['database']}；{m['staff']:,} 名职工，已锁定的 2020Q3")
    print(f"裸 SQL（一条语句求 Σ 绩效基数）：中位 {bare:.1f} ms；与发放表一致：{'是' if m['same_as_bare'] else '否'}")
    for label, key in (
        ("预览（计算每人绩效基数并分配总额）", "preview"),
        ("编制草稿 + 按委员会总额重算 + Excel", "whole"),
    ):
        f = m[key]
        print(
            f"{label}：中位 {f['median_ms']:.1f} ms，最大 {f['max_ms']:.1f} ms，{f['queries']} 条 SQL，"
            f"为裸 SQL 的 {f['median_ms'] / bare:.1f} 倍"
        )
    print(f"首次（冷）：{m['first_s']:.2f} s；Excel {m['xlsx_kb']} KB；合计等于总额：{'是' if m['adds_up'] else '否'}")
    failures = []
    if m["whole"]["max_ms"] >= LIMIT_S * 1000:
        failures.append(f"发放表 {m['whole']['max_ms']:.0f} ms 超过 {LIMIT_S:.0f} s")
    if not (m["adds_up"] and m["same_as_bare"]):
        failures.append("合计不符")
    print("\n" + ("未达标：" + "；".join(failures) if failures else "全部达标"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
