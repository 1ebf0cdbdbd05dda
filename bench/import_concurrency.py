"""Do long imports make other users' writes fail? (issue 10, item 6)

A fresh database holds two units: 新市镇, empty, into which the 150,000-person household workbook of
bench/registry_import.py is imported by the whole command (`taizhang import-households`, one transaction, as the
import pages apply it), and 走访镇, whose helpers keep submitting visits through the API
(POST /api/assistance/households/{id}/visits, each request its own connection as under gunicorn) from several
threads before, during and after the import. Every visit's answer and latency is recorded; a failure is any answer but
201 or an exception (SQLite's "database is locked" after its busy timeout).

    .venv/bin/python bench/import_concurrency.py                        # SQLite (a file in a temp dir)
    scripts/with-postgres .venv/bin/python bench/import_concurrency.py  # PostgreSQL
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, bench_unit, run_child, setup_django  # noqa: E402
from registry_import import COMMUNITIES, UNIT, workbook  # noqa: E402

VISIT_UNIT = "走访镇"
HELPERS = 6
QUIET_SECONDS = 5  # visits alone before the import starts and after it ends


def child_prepare() -> dict:
    """Both units; in 走访镇 one assisted household per helper, registered through the services."""
    setup_django()
    from datetime import date

    from taizhang.assistance.households import assisted_mark
    from taizhang.assistance.models import Category
    from taizhang.org.models import OrgNode, Role
    from taizhang.registry.services import household_create
    from taizhang.staff.services import staff_create

    bench_unit(UNIT, COMMUNITIES)
    unit = bench_unit(VISIT_UNIT, [("走访村", "village")])
    village = OrgNode.objects.get(parent=unit, name="走访村")
    admin = staff_create(actor=None, node=unit, username="zf_admin", full_name="管理员", role=Role.UNIT_ADMIN)
    for n in range(HELPERS):
        helper = staff_create(actor=None, node=village, username=f"zf{n}", full_name=f"帮扶{n}", role=Role.FIELD_WORKER)
        household = household_create(
            actor=None, unit=unit, community=village, household_no=f"ZF{n:03d}", address=f"走访村{n}号"
        )
        assisted_mark(
            actor=admin,
            household=household,
            category=Category.REGISTERED,
            start_date=date(2020, 1, 1),
            helpers=[helper],
        )
    from django.db import connections

    connections.close_all()
    return {}


def child_visits(stop_file: str, out_file: str) -> dict:
    """HELPERS threads, each a helper submitting one visit after another to their household until `stop_file`
    exists; each visit 30 minutes, 40 minutes before the previous one, so none overlaps."""
    setup_django(migrate=False)
    from datetime import timedelta

    from django.db import connections
    from django.test import Client
    from django.utils import timezone

    from taizhang.assistance.models import AssistedHousehold
    from taizhang.org.models import User

    helpers = [User.objects.get(username=f"zf{n}") for n in range(HELPERS)]
    households = [AssistedHousehold.objects.get(household__household_no=f"ZF{n:03d}").pk for n in range(HELPERS)]
    connections.close_all()
    records: list[dict] = []
    lock = threading.Lock()
    now = timezone.now()

    def helper_loop(n: int) -> None:
        client = Client(raise_request_exception=True)
        client.force_login(helpers[n])
        url = f"/api/assistance/households/{households[n]}/visits"
        k = 0
        while not os.path.exists(stop_file):
            k += 1
            start = now - timedelta(minutes=40 * k + 30)
            payload = {
                "started_at": start.isoformat(),
                "ended_at": (start + timedelta(minutes=30)).isoformat(),
                "idempotency_key": f"bench-{n}-{k}",
            }
            began = time.time()
            try:
                status = client.post(url, json.dumps(payload), content_type="application/json").status_code
                error = "" if status == 201 else f"HTTP {status}"
            except Exception as exc:  # the benchmark counts every failure, whatever it is
                status, error = 0, f"{type(exc).__name__}: {exc}"
            with lock:
                records.append({"at": began, "seconds": time.time() - began, "status": status, "error": error})
            connections.close_all()  # as a request under gunicorn with CONN_MAX_AGE=0 on SQLite
            time.sleep(0.05)

    threads = [threading.Thread(target=helper_loop, args=(n,)) for n in range(HELPERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    Path(out_file).write_text(json.dumps(records))
    return {"visits": len(records)}


def summary(records: list[dict]) -> dict:
    if not records:
        return {"visits": 0}
    seconds = sorted(r["seconds"] for r in records)
    failed = [r for r in records if r["error"]]
    return {
        "visits": len(records),
        "failed": len(failed),
        "errors": sorted({r["error"][:120] for r in failed}),
        "p50_ms": round(statistics.median(seconds) * 1000),
        "p95_ms": round(seconds[int(len(seconds) * 0.95) - 1] * 1000),
        "max_ms": round(seconds[-1] * 1000),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    setup_django(migrate=False)
    path = workbook(args.households, args.seed)
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
        env = {**os.environ, "DATABASE_URL": url}
        run_child(__file__, "prepare", env={"DATABASE_URL": url})
        stop, out = Path(tmp) / "stop", Path(tmp) / "visits.json"
        visits = subprocess.Popen(
            [sys.executable, __file__, "--child", "visits", str(stop), str(out)], cwd=ROOT, env=env
        )
        time.sleep(QUIET_SECONDS)
        import_started = time.time()
        command = [sys.executable, "-m", "taizhang.manage", "import-households", str(path), "--unit", UNIT]
        imported = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        import_ended = time.time()
        time.sleep(QUIET_SECONDS)
        stop.touch()
        visits.wait()
        if imported.returncode:
            raise SystemExit(f"导入失败：\n{imported.stdout}\n{imported.stderr}")
        records = json.loads(out.read_text())

    during = [r for r in records if r["at"] < import_ended and r["at"] + r["seconds"] > import_started]
    result = {
        "database": "PostgreSQL" if url.startswith("postgres") else "SQLite",
        "import_seconds": round(import_ended - import_started, 2),
        "import_output": imported.stdout.strip().splitlines()[-1:],
        "before_and_after": summary([r for r in records if r not in during]),
        "during_import": summary(during),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        what = sys.argv[2]
        result = child_prepare() if what == "prepare" else child_visits(*sys.argv[3:5])
        print(json.dumps(result))
    else:
        main()
