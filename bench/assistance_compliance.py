"""Household assistance benchmark (issue 3): a town of 5,000 assisted households with 24 months of visits.

In one child process (fresh database): the registry (5,000 households), 100 helpers, the assisted list
(import-assisted), then about 240,000 historical visits through visits_import — timed, with the bare
reader on the same file as its baseline. In a second child: the month's compliance page
(/assistance/compliance/) and the CSV command (visit-compliance), median server time and query count,
against the one bare SQL aggregate that counts the same valid visits.

    .venv/bin/python bench/assistance_compliance.py
    scripts/with-postgres .venv/bin/python bench/assistance_compliance.py
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, bench_unit, peak_rss_mb, run_child, setup_django, stopwatch  # noqa: E402

UNIT = "基准镇"
COMMUNITIES = [(f"第{n}村", "village") for n in range(1, 21)]
HELPERS = 100
FIRST_MONTH = (2024, 11)
MONTHS = 24
TARGET_IMPORT_ROWS_PER_S = 10_000
PAGE_LIMIT_MS = 300
SLOTS = ["08:30", "10:00", "14:00", "15:30"]


def months():
    year, month = FIRST_MONTH
    for _ in range(MONTHS):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def visits_file(households: int, seed: int) -> Path:
    """户编号, 帮扶责任人, 走访日期, 开始时间, 结束时间, 走访内容: 2 visits a household a month (some 1 or 3), a
    helper's visits of a day in separate time slots, a tenth of them shorter than 30 minutes."""
    from taizhang.assistance.importing import VISIT_COLUMNS
    from taizhang.documents.tabular import write_csv

    path = OUT / f"visits-{households}-{MONTHS}-{seed}.csv"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rows = []
    for year, month in months():
        per_helper: dict[int, int] = {}
        for n in range(1, households + 1):
            helper = (n - 1) % HELPERS
            for _ in range(rng.choice((1, 2, 2, 2, 2, 2, 2, 2, 3, 2))):
                k = per_helper.get(helper, 0)
                per_helper[helper] = k + 1
                day = date(year, month, 1) + timedelta(days=k // len(SLOTS))
                if day.month != month:
                    continue
                start = SLOTS[k % len(SLOTS)]
                minutes = rng.randint(20, 29) if rng.random() < 0.1 else rng.randint(30, 75)
                hour, minute = map(int, start.split(":"))
                end_minutes = hour * 60 + minute + minutes
                rows.append(
                    [
                        f"BM{n:05d}",
                        f"helper{helper:03d}",
                        day.isoformat(),
                        start,
                        f"{end_minutes // 60:02d}:{end_minutes % 60:02d}",
                        rng.choice(NOTES),
                    ]
                )
    with path.with_suffix(".part").open("wb") as stream:
        write_csv(stream, VISIT_COLUMNS, rows)
    path.with_suffix(".part").rename(path)
    return path


NOTES = ["了解务工就业情况", "查看房屋安全，无异常", "饮水正常，档案齐全", "孩子在校情况良好", "慢性病按时服药", ""]


def child_setup(households: str, visits_path: str) -> dict:
    setup_django()
    from taizhang.assistance.importing import ASSISTED_COLUMNS, assisted_import, visits_import
    from taizhang.documents.tabular import open_table, write_csv
    from taizhang.hub.demo import demo_rows, rows_to_csv
    from taizhang.org.models import Role, User
    from taizhang.registry.importing import household_import

    unit = bench_unit(UNIT, COMMUNITIES)
    rows = demo_rows(seed=7, units=[(UNIT, "town", "BM", COMMUNITIES, int(households))])[UNIT]
    assert household_import(unit=unit, data=rows_to_csv(rows), filename="registry.csv").ok
    User.objects.bulk_create(
        [
            User(
                username=f"helper{i:03d}",
                full_name=f"帮扶{i:03d}",
                role=Role.FIELD_WORKER,
                node=unit,
                unit=unit,
                password="!",
            )
            for i in range(HELPERS)
        ]
        + [User(username="bench_admin", full_name="管理员", role=Role.UNIT_ADMIN, node=unit, unit=unit, password="!")]
    )
    stream = io.BytesIO()
    write_csv(
        stream,
        ASSISTED_COLUMNS,
        (
            [f"BM{n:05d}", "建档立卡户", "2024-01-01", f"helper{(n - 1) % HELPERS:03d}"]
            for n in range(1, int(households) + 1)
        ),
    )
    assert assisted_import(actor=None, unit=unit, data=stream.getvalue(), filename="assisted.csv").ok

    path = Path(visits_path)
    with stopwatch() as read:
        read_rows = sum(1 for _ in open_table(path, path.name).rows)
    with stopwatch() as imported:
        report = visits_import(actor=None, unit=unit, data=path, filename=path.name)
    if not report.ok:
        raise SystemExit("导入失败：" + "; ".join(e.as_text() for e in report.errors[:5]))
    return {
        "rows": report.rows,
        "created": report.created,
        "read_seconds": read(),
        "read_rows": read_rows,
        "import_seconds": imported(),
        "peak_rss_mb": peak_rss_mb(),
    }


def child_measure(month: str) -> dict:
    setup_django(migrate=False)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from taizhang.assistance.rules import Month
    from taizhang.org.models import User

    admin = User.objects.get(username="bench_admin")
    client = Client()
    client.force_login(admin)
    first, last = Month.parse(month).first_day, Month.parse(month).last_day

    def timed(run, n=7):
        run()  # warm-up
        times, queries = [], 0
        for _ in range(n):
            with CaptureQueriesContext(connection) as captured, stopwatch() as seconds:
                run()
            times.append(seconds() * 1000)
            queries = len(captured.captured_queries)
        return {"median_ms": statistics.median(times), "max_ms": max(times), "queries": queries}

    def page(params=None):
        response = client.get("/assistance/compliance/", {"month": month, **(params or {})})
        assert response.status_code == 200, response.status_code

    def command():
        call_command("visit-compliance", "--unit", UNIT, "--month", month, stdout=io.StringIO())

    def bare():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT assisted_id, COUNT(*) FROM assistance_visit WHERE unit_id = %s AND status = 'active' "
                "AND visit_date BETWEEN %s AND %s AND minutes >= 30 GROUP BY assisted_id",
                [admin.unit_id, first, last],
            )
            return cursor.fetchall()

    one_village = {"community": admin.unit.children.order_by("id").first().pk}
    return {
        "database": connection.vendor,
        "page": timed(page),
        "page_one_village": timed(lambda: page(one_village)),
        "command": timed(command),
        "bare": timed(bare),
        "households_with_visits": len(bare()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps({"setup": child_setup, "measure": child_measure}[kind](*rest), ensure_ascii=False))
        return 0

    setup_django(migrate=False)
    path = visits_file(args.households, args.seed)
    month = "2026-10"
    with tempfile.TemporaryDirectory() as tmp:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        setup = run_child(__file__, "setup", str(args.households), str(path))
        measured = run_child(__file__, "measure", month)

    rate = setup["rows"] / setup["import_seconds"]
    read_rate = setup["read_rows"] / setup["read_seconds"]
    print(
        f"数据库：{measured['database']}；{args.households:,} 户帮扶户、{HELPERS} 名帮扶责任人、{MONTHS} 个月走访"
        f"（{path.name}，{setup['rows']:,} 行）"
    )
    print(
        f"导入走访：{setup['import_seconds']:.2f} s，{rate:,.0f} 行/s（仅读取 {read_rate:,.0f} 行/s，为其 "
        f"{rate / read_rate:.2f} 倍速度），峰值内存 {setup['peak_rss_mb']:.0f} MB"
    )
    bare = measured["bare"]["median_ms"]
    print(f"裸 SQL 聚合（一条 GROUP BY）：中位 {bare:.1f} ms；{measured['households_with_visits']:,} 户有有效走访")
    for label, key in (("达标页（全镇）", "page"), ("达标页（一个村）", "page_one_village"), ("CSV 命令", "command")):
        figures = measured[key]
        print(
            f"{label}：中位 {figures['median_ms']:.1f} ms，最大 {figures['max_ms']:.1f} ms，{figures['queries']} 条 SQL，"
            f"为裸 SQL 的 {figures['median_ms'] / bare:.1f} 倍"
        )
    failures = []
    if rate < TARGET_IMPORT_ROWS_PER_S:
        failures.append(f"导入 {rate:,.0f} 行/s 低于 {TARGET_IMPORT_ROWS_PER_S:,}")
    for key in ("page", "command"):
        if measured[key]["median_ms"] >= PAGE_LIMIT_MS:
            failures.append(f"{key} {measured[key]['median_ms']:.0f} ms 超过 {PAGE_LIMIT_MS} ms")
    if measured["page"]["queries"] != measured["page_one_village"]["queries"]:
        failures.append("查询条数随户数变化")
    print("\n" + ("未达标：" + "；".join(failures) if failures else "全部达标"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
