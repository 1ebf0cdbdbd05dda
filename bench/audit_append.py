"""Audit write-path benchmark (issue 10): `audit_append` of an import-sized stream of drafts, then `verify-audit`.

In a child process on a fresh database (SQLite in a temp dir, or the PostgreSQL of `DATABASE_URL`): N drafts shaped
like a household import's entries (`import_create`, a dozen changed fields each) appended in one call, as
`imports` does; the best of `--repeat` runs counts. The baseline is the same drafts serialised to canonical JSON
alone (what any audit trail must do), so the ratio shows what chaining, signing and inserting add. Then the whole
trail is verified.

    .venv/bin/python bench/audit_append.py --entries 50000 --repeat 3
    scripts/with-postgres .venv/bin/python bench/audit_append.py --entries 50000 --repeat 3
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import bench_unit, peak_rss_mb, run_child, setup_django, stopwatch  # noqa: E402


def drafts(unit_id: int, n: int, offset: int):
    from taizhang.audit.services import Draft

    for i in range(offset, offset + n):
        yield Draft(
            action="import_create",
            object_type="registry.household",
            object_id=str(i),
            object_repr=f"XS{i:06d} 张三{i}",
            unit_id=unit_id,
            community_id=unit_id + 1,
            household_id=i,
            changes={
                "户编号": [None, f"XS{i:06d}"],
                "户主": [None, f"张三{i}"],
                "身份证号": [None, f"37012519{i % 90 + 10:02d}0101{i % 10000:04d}"],
                "联系电话": [None, f"1380000{i % 10000:04d}"],
                "住址": [None, f"新市镇新市村{i % 300}号"],
                "村居": [None, "新市村"],
                "人口数": [None, i % 6 + 1],
                "出生日期": [None, "1990-01-01"],
                "户籍类型": [None, "农业"],
                "备注": [None, ""],
            },
        )


def child(entries: str, repeat: str) -> dict:
    setup_django()
    from taizhang.audit.chain import canonical_json
    from taizhang.audit.services import audit_append
    from taizhang.audit.verify import verify_chains

    n, runs = int(entries), int(repeat)
    unit = bench_unit("基准镇", [("基准村", "village")])
    baseline, append, append_cpu = [], [], []
    for run in range(runs):
        with stopwatch() as seconds:
            for draft in drafts(unit.id, n, run * n):
                canonical_json(draft.changes)
        baseline.append(seconds())
        cpu = time.process_time()
        with stopwatch() as seconds:
            assert audit_append(drafts(unit.id, n, run * n), actor=None) == n
        append.append(seconds())
        append_cpu.append(time.process_time() - cpu)
    cpu = time.process_time()
    with stopwatch() as seconds:
        result = verify_chains()
    assert result.ok, result.message
    return {
        "baseline": min(baseline),
        "append": min(append),
        "append_cpu": min(append_cpu),
        "verify": seconds(),
        "verify_cpu": time.process_time() - cpu,
        "verified": result.checked,
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs="*")
    args = parser.parse_args()
    if args.child is not None:
        import json

        print(json.dumps(child(*args.child)))
        return
    with tempfile.TemporaryDirectory() as var:
        # A fresh SQLite database and audit key file in a temp dir; DATABASE_URL (PostgreSQL) wins when set.
        env = {"TAIZHANG_VAR_DIR": var}
        if "DATABASE_URL" not in os.environ:
            env["DATABASE_URL"] = f"sqlite:///{var}/bench.sqlite3"
        figures = run_child(__file__, str(args.entries), str(args.repeat), env=env)
    n = args.entries
    print(f"{n:,} entries in one audit_append (best of {args.repeat}):")
    print(f"  baseline, canonical JSON of the changes only: {figures['baseline']:.2f} s")
    print(
        f"  audit_append: {figures['append']:.2f} s (CPU {figures['append_cpu']:.2f} s), "
        f"{n / figures['append']:,.0f} entries/s"
    )
    print(f"  ratio append / baseline: {figures['append'] / figures['baseline']:.1f} ×")
    print(
        f"  verify-audit of all {figures['verified']:,} entries: {figures['verify']:.2f} s (CPU {figures['verify_cpu']:.2f} s)"
    )
    print(f"  peak memory: {figures['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
