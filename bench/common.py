"""What the benchmarks share: Django in a child process on a fresh database, a unit to work in, timing."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_django(*, migrate: bool = True) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")
    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def bench_unit(name: str, communities: list[tuple[str, str]]):
    """The benchmark's 单位 under a 区, created on first use, working with every installed module."""
    from taizhang.core.manifest import modules
    from taizhang.hub.services import unit_modules_set
    from taizhang.org.models import OrgNode
    from taizhang.staff.services import node_create

    district = OrgNode.objects.filter(kind=OrgNode.Kind.DISTRICT).first() or node_create(
        actor=None, parent=None, name="基准区", kind=OrgNode.Kind.DISTRICT
    )
    unit = OrgNode.objects.filter(name=name).first()
    if unit is None:
        unit = node_create(actor=None, parent=district, name=name, kind=OrgNode.Kind.UNIT, subtype="town")
        for community, subtype in communities:
            node_create(actor=None, parent=unit, name=community, kind=OrgNode.Kind.COMMUNITY, subtype=subtype)
        unit_modules_set(actor=None, unit=unit, keys={spec.key for spec in modules()})
    return unit


@dataclass
class Measured:
    """One child process: its wall time from start to exit, its CPU time, its own peak memory, its output."""

    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    stdout: str


def run_measured(argv: list[str], *, env: dict | None = None) -> Measured:
    """Run argv to its end and measure that process alone: os.wait4 gives the child's own rusage (RUSAGE_CHILDREN
    would be the largest of every child so far). A failure ends the benchmark with the child's output."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out, tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode:
        raise SystemExit(f"{' '.join(argv)} 失败（状态 {process.returncode}）：\n{stdout}\n{stderr}")
    return Measured(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout)


def run_child(script: str, *args: str, env: dict | None = None) -> dict:
    """Run `script --child args…` in a new process (with `env` added to the environment); its last stdout line is
    the JSON result."""
    out = subprocess.run(
        [sys.executable, script, "--child", *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env} if env else None,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@contextmanager
def stopwatch():
    """with stopwatch() as t: …; t() is the seconds taken (so far, or in all once the block ends)."""
    started = time.perf_counter()
    ended = None

    def seconds() -> float:
        return (ended or time.perf_counter()) - started

    try:
        yield seconds
    finally:
        ended = time.perf_counter()


def timed(run, n: int) -> dict:
    """`run()` once to warm up, then `n` times: the median and the slowest in ms, and the queries of one run."""
    import statistics

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run()
    times, queries = [], 0
    for _ in range(n):
        with CaptureQueriesContext(connection) as captured, stopwatch() as seconds:
            run()
        times.append(seconds() * 1000)
        queries = len(captured.captured_queries)
    return {"median_ms": statistics.median(times), "max_ms": max(times), "queries": queries}
