"""Household import benchmark (issues 2 and 9) and person search.

Generates a 50,000-household / ~150,000-person workbook (cached under bench/out/), then, each in a fresh process
whose wall time, CPU time and peak memory (its own rusage) are measured:

  1. baseline: python-calamine alone reading every row of the workbook (nothing else imported);
  2. import:   the whole command `taizhang import-households FILE --unit 新市镇`, start-up included, into a fresh
               database holding only the unit; the ratio command / calamine is printed (issue 9: at most 4 ×);
               then the same file again into the now full unit (must change nothing);
  3. search:   person_search by pinyin initials, ID tail and 户编号, timed server-side through the real search
               page, with the database's query plans.

With --repeat N every timed run is made N times (each import into its own fresh database) and the fastest counts:
on a shared machine the slower runs measure the neighbours.

The database is DATABASE_URL (a PostgreSQL server: each run gets a database copied from a migrated template) or,
unset, SQLite files in a temporary directory.
    .venv/bin/python bench/registry_import.py
    scripts/with-postgres .venv/bin/python bench/registry_import.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, ROOT, bench_unit, run_child, run_measured, setup_django, stopwatch  # noqa: E402

UNIT = "新市镇"
COMMUNITIES = [(f"第{n}村", "village") for n in range(1, 21)]
RATIO_LIMIT = 4.0
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


def child_calamine(path: str) -> dict:
    """The bare baseline: python-calamine opening the workbook and yielding every row, in a process of its own."""
    started = time.perf_counter()
    import python_calamine

    sheet = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    rows = sum(1 for _ in sheet.iter_rows())
    return {"rows": rows, "seconds": time.perf_counter() - started}


def child_prepare() -> dict:
    """The template database: migrated, with the unit and its 村居 (and nothing else)."""
    setup_django()
    bench_unit(UNIT, COMMUNITIES)
    from django.db import connections

    connections.close_all()
    return {}


def child_count() -> dict:
    setup_django(migrate=False)
    from django.db import connection

    from taizhang.registry.models import Household, Person

    return {
        "database": connection.vendor,
        "households": Household.objects.filter(unit__name=UNIT).count(),
        "persons": Person.objects.filter(unit__name=UNIT).count(),
    }


def _django():
    setup_django(migrate=False)


def _unit():
    return bench_unit(UNIT, COMMUNITIES)


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


def child_floor() -> dict:
    """The database's own share of the import, with no Python in it: the unit's persons, once imported, written into
    their table again by one INSERT … SELECT from a copy (the same indexes, the foreign keys checked), timed. What
    the command can never be faster than. Run last: the persons are deleted first (without checks) on a database
    that is thrown away afterwards."""
    _django()
    from django.db import connection

    from taizhang.registry.models import Household, Person

    person, household = Person._meta.db_table, Household._meta.db_table
    raw = connection.cursor().connection  # the driver's own connection, for statements Django would wrap
    if connection.vendor == "postgresql":
        raw.autocommit = False
        raw.execute(f"CREATE TEMP TABLE copied AS SELECT * FROM {person}")  # noqa: S608
        raw.execute("SET session_replication_role = replica")  # the bench's own cluster: we are its superuser
        raw.execute(f"UPDATE {household} SET head_id = NULL")
        raw.execute(f"DELETE FROM {person}")  # noqa: S608
        raw.execute("SET session_replication_role = origin")
        with stopwatch() as insert:
            raw.execute(f"INSERT INTO {person} SELECT * FROM copied")  # noqa: S608
        with stopwatch() as checks:
            raw.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred foreign-key checks, as at the commit
        raw.rollback()
    else:
        raw.isolation_level = None
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute(f"CREATE TEMP TABLE copied AS SELECT * FROM {person}")  # noqa: S608
        raw.execute(f"UPDATE {household} SET head_id = NULL")
        raw.execute(f"DELETE FROM {person}")  # noqa: S608
        raw.execute("PRAGMA foreign_keys = ON")
        raw.execute("BEGIN IMMEDIATE")
        with stopwatch() as insert:  # SQLite checks each row's foreign keys as it is written
            raw.execute(f"INSERT INTO {person} SELECT * FROM copied")  # noqa: S608
        checks = lambda: 0.0  # noqa: E731
        raw.execute("ROLLBACK")
    return {"insert": insert(), "checks": checks()}


# --- driver ------------------------------------------------------------------------------------------------


class Databases:
    """Fresh databases for the runs: copies of one migrated template (a file for SQLite, a TEMPLATE for PostgreSQL)."""

    def __init__(self, url: str | None, tmp: str):
        self.url, self.tmp, self.made = url, Path(tmp), []
        self.template = url or f"sqlite:///{self.tmp}/template.sqlite3"
        run_child(__file__, "prepare", env={"DATABASE_URL": self.template})

    def fresh(self, n: int) -> str:
        if self.url is None:
            copy = self.tmp / f"run{n}.sqlite3"
            shutil.copyfile(self.tmp / "template.sqlite3", copy)
            return f"sqlite:///{copy}"
        import dj_database_url
        import psycopg

        settings = dj_database_url.parse(self.url)
        name = f"{settings['NAME']}_run{n}"
        with psycopg.connect(
            dbname="postgres",
            user=settings["USER"],
            host=settings["HOST"],
            port=settings["PORT"] or None,
            password=settings["PASSWORD"] or None,
            autocommit=True,
        ) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
        return self.url.rsplit("/", 1)[0] + "/" + name


def _env(url: str) -> dict:
    return {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=1, help="每项计时重复的次数，取最快的一次")
    parser.add_argument("--no-search", action="store_true", help="不测搜索")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        children = {
            "calamine": child_calamine,
            "prepare": child_prepare,
            "count": child_count,
            "search": child_search,
            "floor": child_floor,
        }
        print(json.dumps(children[kind](*rest), ensure_ascii=False))
        return 0

    setup_django(migrate=False)
    path = workbook(args.households, args.seed)
    command = [str(Path(sys.executable).parent / "taizhang"), "import-households", str(path), "--unit", UNIT]
    with tempfile.TemporaryDirectory() as tmp:
        databases = Databases(os.environ.get("DATABASE_URL"), tmp)
        calamine, imports = [], []
        for n in range(args.repeat):  # interleaved, so a busy spell of the machine hits both alike
            run = run_measured([sys.executable, __file__, "--child", "calamine", str(path)])
            calamine.append((json.loads(run.stdout.splitlines()[-1]), run))
            url = databases.fresh(n)
            imports.append((run_measured(command, env=_env(url)), url))
        base, base_run = min(calamine, key=lambda pair: pair[0]["seconds"])
        first, url = min(imports, key=lambda pair: pair[0].seconds)
        again = run_measured(command, env=_env(url))  # the same file into the now full unit: nothing changes
        counts = run_child(__file__, "count", env=_env(url))
        search = {} if args.no_search else run_child(__file__, "search", env=_env(url))
        floor = run_child(__file__, "floor", env=_env(url))

    ratio = first.seconds / base["seconds"]
    rows = base["rows"] - 1  # the header
    print(
        f"数据库：{counts['database']}；文件：{path.name}（{path.stat().st_size / 1e6:.1f} MB，{rows:,} 行，"
        f"{counts['households']:,} 户 / {counts['persons']:,} 人）；每项 {args.repeat} 次取最快"
    )
    print(
        f"基线  python-calamine 读完每一行：{base['seconds']:.2f} s（进程共 {base_run.seconds:.2f} s，"
        f"CPU {base_run.cpu_seconds:.2f} s，峰值内存 {base_run.peak_rss_mb:.0f} MB）"
    )
    print(
        f"导入  taizhang import-households（整个命令，空库）：{first.seconds:.2f} s，{rows / first.seconds:,.0f} 行/s，"
        f"CPU {first.cpu_seconds:.2f} s，峰值内存 {first.peak_rss_mb:.0f} MB"
    )
    print(f"      ratio = command / calamine = {first.seconds:.2f} / {base['seconds']:.2f} = {ratio:.2f} ×")
    print(
        f"再次  同一文件（无变化）：{again.seconds:.2f} s，为基线的 {again.seconds / base['seconds']:.2f} 倍，"
        f"峰值内存 {again.peak_rss_mb:.0f} MB；{again.stdout.strip().splitlines()[0]}"
    )
    floor_seconds = floor["insert"] + floor["checks"]
    print(
        f"库内  同样 {counts['persons']:,} 人由数据库自己从副本写入（无 Python；索引与外键检查）："
        f"{floor['insert']:.2f} s + 外键检查 {floor['checks']:.2f} s = {floor_seconds:.2f} s，"
        f"为基线的 {floor_seconds / base['seconds']:.2f} 倍（命令不可能低于此）"
    )
    if len(imports) > 1:
        print(
            "      各次：calamine "
            + " / ".join(f"{c['seconds']:.2f}" for c, _ in calamine)
            + " s；命令 "
            + " / ".join(f"{m.seconds:.2f}" for m, _ in imports)
            + " s"
        )
    for label, figures in search.items():
        print(
            f"搜索  {label:<8}：服务器中位 {figures['server_median_ms']:.1f} ms，最大 {figures['server_max_ms']:.1f} ms"
            f"（查询 {figures['query_median_ms']:.1f} ms；每请求 {figures['sql_per_request']} 条 SQL；命中中位 "
            f"{figures['hits_median']}）"
        )
    if search:
        print("\n查询计划（每类的第一个词）：")
    for label, figures in search.items():
        print(f"-- {label}\n{figures['plan']}")

    failures = []
    if ratio > RATIO_LIMIT:
        failures.append(f"导入耗时为仅读取的 {ratio:.2f} 倍，超过 {RATIO_LIMIT:g} 倍")
    if max(first.peak_rss_mb, again.peak_rss_mb) >= PEAK_RSS_LIMIT_MB:
        failures.append(f"峰值内存超过 {PEAK_RSS_LIMIT_MB} MB")
    for label, figures in search.items():
        if figures["server_max_ms"] >= SEARCH_LIMIT_MS:
            failures.append(f"搜索（{label}）最大 {figures['server_max_ms']:.0f} ms，超过 {SEARCH_LIMIT_MS} ms")
    print("\n" + ("未达标：" + "；".join(failures) if failures else "全部达标"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
