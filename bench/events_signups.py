"""Load benchmark (issue 13): 200 residents signing up at the same moment on an event's public page, through
gunicorn on the loopback, and a flood of sign-ups from one address against the rate limit.

    .venv/bin/python bench/events_signups.py                        # SQLite (a file in a temp dir)
    scripts/with-postgres .venv/bin/python bench/events_signups.py  # PostgreSQL

A throwaway database (a child process: `migrate`, a unit, one published event whose sessions have known capacities:
three picking slots of 30, 30 and 20 places, two team games of 10 teams), then gunicorn as scripts/start runs it
(`-c python:taizhang.gunicorn_conf taizhang.wsgi --workers 4`, on 127.0.0.1 only).

1. Baseline: 200 concurrent GETs of a static file (/static/events/public.css) through the same gunicorn.
2. Sign-ups: 200 threads each GET a session's form (the CSRF cookie and token), then all POST at once, spread over
   the sessions (more sign-ups than places: the rest wait). The rate limit is raised for this phase
   (EVENTS_PUBLIC_RATE). Printed: requests, successes, waiting, errors, p50/p95 and their ratio to the baseline's;
   then, from the database, each session's confirmed and waiting sign-ups and the over-booked slots (confirmed above
   capacity, or a waiting sign-up while a place is free): the goal is 0.
3. Flood: gunicorn restarted with the settings' rate (10 a minute per address), 50 POSTs at once from one address:
   how many were refused (429) and how many taken.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, bench_unit, run_child, setup_django  # noqa: E402

SIGNUPS = 200
FLOOD = 50
WORKERS = 4
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SESSIONS = [  # name, kind, signup, capacity, team size
    ("采摘·第一场", "picking", "person", 30, None),
    ("采摘·第二场", "picking", "person", 30, None),
    ("采摘·第三场", "picking", "person", 20, None),
    ("趣味运动会·拔河", "game", "team", 10, 10),
    ("趣味运动会·运粮接力", "game", "team", 10, 6),
]


# --- the child: the throwaway database ---------------------------------------------------------------------------


def child_prepare() -> dict:
    setup_django()
    from datetime import date

    from taizhang.events import events

    unit = bench_unit("压测街道", [("压测村", "village")])
    event = events.event_create(
        actor=None, unit=unit, name="压测丰收节", starts_on=date(2030, 9, 21), place="压测村广场"
    )
    events.event_publish(actor=None, event=event, published=True)
    sessions = []
    for name, kind, signup, capacity, team in SESSIONS:
        made = events.session_create(
            actor=None, event=event, name=name, kind=kind, signup=signup, capacity=capacity, team_size_max=team
        )
        sessions.append({"id": made.pk, "name": name, "team": signup == "team", "capacity": capacity})
    return {"public_key": event.public_key, "sessions": sessions}


def child_check(public_key: str) -> dict:
    setup_django(migrate=False)
    from django.db.models import Count, Q

    from taizhang.events.models import Session
    from taizhang.events.rules import places

    found = (
        Session.objects.filter(event__public_key=public_key)
        .annotate(
            confirmed=Count("signups", filter=Q(signups__state=places.CONFIRMED)),
            waiting=Count("signups", filter=Q(signups__state=places.WAITING)),
        )
        .order_by("pk")
    )
    return {
        "sessions": [
            {"name": s.name, "capacity": s.capacity, "confirmed": s.confirmed, "waiting": s.waiting} for s in found
        ]
    }


# --- the parent: gunicorn and the requests -----------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [
            str(gunicorn),
            *("-c", "python:taizhang.gunicorn_conf", "taizhang.wsgi"),
            *("--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--timeout", "120"),
            *("--backlog", "2048", "--access-logfile", os.devnull),
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return server
        except OSError:
            if time.monotonic() > deadline:
                server.terminate()
                raise SystemExit("gunicorn 未在 60 秒内启动") from None
            time.sleep(0.5)


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=30)


def at_once(jobs: list) -> list:
    """Each job's `prepare()` first (not timed), then every `fire()` released together; results in order."""
    import requests  # noqa: F401  (imported here: the child processes never need it)

    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(n, job):
        try:
            job.prepare()
        except Exception as exc:  # counted as an error of this request
            job.failed = f"prepare: {type(exc).__name__}"
        barrier.wait()
        results[n] = job.fire()

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


class StaticGet:
    def __init__(self, host: str):
        self.host, self.failed = host, ""

    def prepare(self):
        import requests

        self.client = requests.Session()

    def fire(self) -> tuple[str, float]:
        began = time.perf_counter()
        try:
            status = self.client.get(f"{self.host}/static/events/public.css", timeout=120).status_code
            outcome = "ok" if status == 200 else f"HTTP {status}"
        except Exception as exc:  # every failure is counted
            outcome = type(exc).__name__
        return outcome, time.perf_counter() - began


class SignUp:
    def __init__(self, host: str, public_key: str, session: dict, n: int):
        self.url = f"{host}/public/events/{public_key}/signup/{session['id']}/"
        self.data = {"name": f"压测居民{n}", "phone": f"1370000{n:04d}", "village": "压测村"}
        if session["team"]:
            self.data |= {"team_name": f"压测{n}队", "members": "队员甲\n队员乙"}
        self.failed = ""

    def prepare(self):
        import requests

        self.client = requests.Session()
        page = self.client.get(self.url, timeout=120)
        self.data["csrfmiddlewaretoken"] = TOKEN.search(page.text).group(1)

    def fire(self) -> tuple[str, float]:
        if self.failed:
            return self.failed, 0.0
        began = time.perf_counter()
        try:
            answer = self.client.post(self.url, data=self.data, timeout=180)
            if answer.status_code == 429:
                outcome = "refused"
            elif answer.status_code != 200:
                outcome = f"HTTP {answer.status_code}"
            elif "报名成功" in answer.text:
                outcome = "confirmed"
            elif "已进入候补" in answer.text:
                outcome = "waiting"
            else:
                outcome = "form error"
        except Exception as exc:  # every failure is counted
            outcome = type(exc).__name__
        return outcome, time.perf_counter() - began


def percentiles(results: list[tuple[str, float]]) -> tuple[float, float]:
    seconds = sorted(s for _, s in results)
    return statistics.median(seconds) * 1000, seconds[max(int(len(seconds) * 0.95) - 1, 0)] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        answer = child_prepare() if args.child[0] == "prepare" else child_check(args.child[1])
        print(json.dumps(answer))
        return

    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
        base = {"DATABASE_URL": url, "TAIZHANG_VAR_DIR": tmp, "ALLOWED_HOSTS": "127.0.0.1"}
        prepared = run_child(__file__, "prepare", env=base)
        host_env = {**os.environ, **base}
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        database = "PostgreSQL" if url.startswith("postgres") else "SQLite"
        print(f"{database}，gunicorn {WORKERS} 个 worker，{SIGNUPS} 人同时报名 {len(SESSIONS)} 个场次")

        server = start_server({**host_env, "EVENTS_PUBLIC_RATE": "100000/m"}, port)
        try:
            at_once([StaticGet(host) for _ in range(20)])  # warm the workers
            bare = at_once([StaticGet(host) for _ in range(SIGNUPS)])
            sessions = prepared["sessions"]
            jobs = [SignUp(host, prepared["public_key"], sessions[n % len(sessions)], n) for n in range(SIGNUPS)]
            started = time.perf_counter()
            signed = at_once(jobs)
            wall = time.perf_counter() - started
        finally:
            stop_server(server)

        bare50, bare95 = percentiles(bare)
        p50, p95 = percentiles(signed)
        outcomes = [o for o, _ in signed]
        errors = [o for o in outcomes if o not in ("confirmed", "waiting")]
        print(
            f"基线（{SIGNUPS} 个并发 GET 静态文件 /static/events/public.css）：p50 {bare50:.0f} ms，p95 {bare95:.0f} ms，"
            f"失败 {sum(1 for o, _ in bare if o != 'ok')}"
        )
        print(
            f"报名请求 {len(signed)}：成功 {outcomes.count('confirmed')}，候补 {outcomes.count('waiting')}，"
            f"错误 {len(errors)}{'（' + '、'.join(sorted(set(errors))) + '）' if errors else ''}；"
            f"p50 {p50:.0f} ms（基线的 {p50 / max(bare50, 1):.1f} 倍），p95 {p95:.0f} ms（{p95 / max(bare95, 1):.1f} 倍），"
            f"全部完成 {wall:.1f} 秒（含取表单）"
        )

        checked = run_child(__file__, "check", prepared["public_key"], env=base)["sessions"]
        over = idle = 0
        for s in checked:
            over += max(s["confirmed"] - s["capacity"], 0)
            idle += min(s["capacity"] - s["confirmed"], s["waiting"]) if s["confirmed"] < s["capacity"] else 0
            total = s["confirmed"] + s["waiting"]
            print(f"  {s['name']}：容量 {s['capacity']}，报名 {total}，已报名 {s['confirmed']}，候补 {s['waiting']}")
        print(f"over-booked slots: {over}（空着名额却在候补的：{idle}）")

        server = start_server(dict(host_env), port)  # the settings' rate: 10 a minute per address
        try:
            flood = at_once([SignUp(host, prepared["public_key"], sessions[0], 1000 + n) for n in range(FLOOD)])
        finally:
            stop_server(server)
        refused = sum(1 for o, _ in flood if o == "refused")
        taken = sum(1 for o, _ in flood if o in ("confirmed", "waiting"))
        print(
            f"同一地址 {FLOOD} 个并发报名（限 10 次/分钟）：拒绝 {refused}（HTTP 429），受理 {taken}，"
            f"其他 {FLOOD - refused - taken}"
        )
        if errors or over or idle or taken > 10:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
