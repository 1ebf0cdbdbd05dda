"""Registry import and search benchmark (issue 2).

Generates a 50,000-household / ~150,000-person workbook (cached under bench/out/), then, each in a
fresh child process so peak memory is the import's own:

  1. baseline: the bare reader (documents.tabular.open_table) iterating every row;
  2. import:   registry.importing.household_import end to end (read, validate, plan, write, audit)
               into an empty database, then the same file again (must change nothing);
  3. search:   person_search by pinyin initials, ID tail and 户编号, timed server-side through the
               real search page, with the database's query plans.

The database is DATABASE_URL (a fresh one: the child migrates it) or, unset, a new SQLite file.
    .venv/bin/python bench/registry_import.py
    scripts/with-postgres .venv/bin/python bench/registry_import.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, bench_unit, peak_rss_mb, run_child, setup_django  # noqa: E402

UNIT = "基准镇"
COMMUNITIES = [(f"第{n}村", "village") for n in range(1, 21)]
TARGET_ROWS_PER_S = 20_000
PEAK_RSS_LIMIT_MB = 500
SEARCH_LIMIT_MS = 100


def workbook(households: int, seed: int) -> Path:
    """The person-per-row workbook, written once per size and seed."""
    path = OUT / f"households-{households}-{seed}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    from taizhang.hub.demo import demo_rows
    from taizhang.registry.fields import ALL_COLUMNS

    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows = demo_rows(seed=seed, units=[(UNIT, "town", "BM", COMMUNITIES, households)])[UNIT]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("人员")
    sheet.append(ALL_COLUMNS)
    for row in rows:
        sheet.append(row)
    partial = path.with_suffix(".part")
    book.save(partial)
    partial.rename(path)
    print(f"生成 {path.name}：{len(rows):,} 行，{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


# --- child processes ---------------------------------------------------------------------------------------


def child_read(path: str) -> dict:
    from taizhang.documents.tabular import open_table

    started = time.perf_counter()
    table = open_table(Path(path), Path(path).name)
    rows = sum(1 for _ in table.rows)
    seconds = time.perf_counter() - started
    return {"rows": rows, "seconds": seconds, "peak_rss_mb": peak_rss_mb()}


def _django():
    setup_django()


def _unit():
    return bench_unit(UNIT, COMMUNITIES)


def child_import(path: str) -> dict:
    _django()
    from django.db import connection

    from taizhang.registry.importing import household_import
    from taizhang.registry.models import Household, Person

    unit = _unit()
    started = time.perf_counter()
    report = household_import(unit=unit, data=Path(path), filename=Path(path).name)
    seconds = time.perf_counter() - started
    if not report.ok:
        raise SystemExit("导入失败：" + "; ".join(e.as_text() for e in report.errors[:5]))
    return {
        "database": connection.vendor,
        "rows": report.rows,
        "seconds": seconds,
        "summary": report.summary(),
        "peak_rss_mb": peak_rss_mb(),
        "households": Household.objects.filter(unit=unit).count(),
        "persons": Person.objects.filter(unit=unit).count(),
    }


def child_search() -> dict:
    """Search timings on the data the import child left behind (same DATABASE_URL)."""
    _django()
    import random

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from taizhang.org.models import User
    from taizhang.registry.models import Person
    from taizhang.registry.selectors import person_match_queries, person_search

    unit = _unit()
    user, _ = User.objects.get_or_create(username="bench", defaults={"node": unit, "unit": unit, "role": "unit_admin"})
    client = Client()
    client.force_login(user)
    rng = random.Random(7)
    sample = list(Person.objects.filter(unit=unit).order_by("id").values_list("name_initials", "id_number")[::997])
    households = [f"BM{rng.randint(1, 50000):05d}" for _ in range(20)]
    queries = {
        "拼音首字母": [initials for initials, _ in sample[:40]],
        "身份证号后4位": [id_number[-4:] for _, id_number in sample[:40]],
        "身份证号后6位": [id_number[-6:] for _, id_number in sample[:40]],
        "户编号": households,
        "姓名": ["王", "张伟", "李"],
    }
    result = {}
    for label, terms in queries.items():
        # One warm-up per kind so the numbers are steady-state, as for a user typing.
        client.get("/registry/search/", {"q": terms[0]}, HTTP_HX_REQUEST="true")
        server_ms, query_ms, hits = [], [], []
        for term in terms:
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get("/registry/search/", {"q": term}, HTTP_HX_REQUEST="true")
                server_ms.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            started = time.perf_counter()
            hits.append(len(list(person_search(user, term))))
            query_ms.append((time.perf_counter() - started) * 1000)
        result[label] = {
            "n": len(terms),
            "server_median_ms": statistics.median(server_ms),
            "server_max_ms": max(server_ms),
            "query_median_ms": statistics.median(query_ms),
            "query_max_ms": max(query_ms),
            "hits_median": statistics.median(hits),
            "sql_per_request": len(ctx.captured_queries),
            "plan": "\n".join(qs.explain() for qs in person_match_queries(user, terms[0])),
        }
    return result


# --- driver ------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = {"read": child_read, "import": child_import, "search": child_search}[kind](*rest)
        print(json.dumps(result, ensure_ascii=False))
        return 0

    setup_django(migrate=False)
    path = workbook(args.households, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        read = run_child(__file__, "read", str(path))
        first = run_child(__file__, "import", str(path))
        again = run_child(__file__, "import", str(path))  # the same file into the now full unit: nothing changes
        search = run_child(__file__, "search")

    read_rate = read["rows"] / read["seconds"]
    import_rate = first["rows"] / first["seconds"]
    again_rate = again["rows"] / again["seconds"]
    print(
        f"数据库：{first['database']}；文件：{path.name}（{path.stat().st_size / 1e6:.1f} MB，{first['rows']:,} 行，"
        f"{first['households']:,} 户 / {first['persons']:,} 人）"
    )
    print(
        f"基线  仅读取（open_table）：{read['seconds']:.2f} s，{read_rate:,.0f} 行/s，峰值内存 {read['peak_rss_mb']:.0f} MB"
    )
    print(
        f"导入  首次（空库）       ：{first['seconds']:.2f} s，{import_rate:,.0f} 行/s，"
        f"为仅读取的 {import_rate / read_rate:.2f} 倍速度（耗时 {first['seconds'] / read['seconds']:.1f} 倍），"
        f"峰值内存 {first['peak_rss_mb']:.0f} MB"
    )
    print(
        f"导入  再次（无变化）     ：{again['seconds']:.2f} s，{again_rate:,.0f} 行/s，峰值内存 {again['peak_rss_mb']:.0f} MB；"
        f"{again['summary']}"
    )
    for label, figures in search.items():
        print(
            f"搜索  {label:<8}：服务器中位 {figures['server_median_ms']:.1f} ms，最大 {figures['server_max_ms']:.1f} ms"
            f"（查询 {figures['query_median_ms']:.1f} ms；每请求 {figures['sql_per_request']} 条 SQL；命中中位 "
            f"{figures['hits_median']}）"
        )
    print("\n查询计划（每类的第一个词）：")
    for label, figures in search.items():
        print(f"-- {label}\n{figures['plan']}")

    failures = []
    if import_rate < TARGET_ROWS_PER_S:
        failures.append(f"导入速度 {import_rate:,.0f} 行/s 低于 {TARGET_ROWS_PER_S:,}")
    if max(first["peak_rss_mb"], again["peak_rss_mb"]) >= PEAK_RSS_LIMIT_MB:
        failures.append(f"峰值内存超过 {PEAK_RSS_LIMIT_MB} MB")
    for label, figures in search.items():
        if figures["server_max_ms"] >= SEARCH_LIMIT_MS:
            failures.append(f"搜索（{label}）最大 {figures['server_max_ms']:.0f} ms，超过 {SEARCH_LIMIT_MS} ms")
    print("\n" + ("未达标：" + "；".join(failures) if failures else "全部达标"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
