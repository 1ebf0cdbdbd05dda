"""PDF benchmark (issue 9): every PDF the kernel and the modules print, timed against a bare one-page Chinese PDF.

In one child process (fresh database) the demo district is built (`taizhang demo`: 3,000 households, 新市镇's 140
assisted households with their visits and archive findings, 济阳街道's renewal project). In a second child each PDF is
fetched through its real URL as the owning unit's admin (Django's test client, so the time is the server's: queries,
templates and WeasyPrint), a warm-up then the median of `--runs`; the baseline is `render_pdf` of one page of Chinese
text and a small table with the same fonts and stylesheet. Last, 批量打印 of 新市村 (every household of the village
into one PDF) runs in that child as its background thread would: time, pages, file size and peak memory.

    .venv/bin/python bench/pdfs.py
    scripts/with-postgres .venv/bin/python bench/pdfs.py
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import peak_rss_mb, run_child, setup_django  # noqa: E402

LIMIT_S = 3.0  # every report (issue 9)
HOUSEHOLD_LIMIT_S = 1.0  # the household's 一户一档

BASELINE_HTML = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>基准</title></head><body>
<h1>新市镇入户走访情况说明</h1>
<p>本月全镇帮扶责任人按照每户每月不少于两次、每次不少于三十分钟的要求开展入户走访，拧拧水管、看看房屋、翻翻档案、
拉拉家常，及时发现并上报群众反映的问题。</p>
<table><thead><tr><th>村居</th><th>帮扶户</th><th>达标</th><th>尚差走访</th></tr></thead>
<tbody><tr><td>新市村</td><td>28</td><td>25</td><td>3</td></tr><tr><td>闻韶村</td><td>27</td><td>27</td><td>0</td></tr>
<tr><td>王家村</td><td>29</td><td>26</td><td>4</td></tr></tbody></table>
<p>填表人：张帮扶　　审核人：王主任　　制表日期：2026年11月30日</p>
</body></html>"""


def child_setup() -> dict:
    setup_django()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("demo", quiet=True)
    return {"demo_seconds": time.perf_counter() - started}


def _pages(pdf: bytes) -> int | str:
    """pdfinfo's page count (poppler-utils), or "?" without it."""
    if not shutil.which("pdfinfo"):
        return "?"
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _targets() -> list[tuple[str, str, str, bool]]:
    """(label, username, url, is a report) for every PDF of the demo district."""
    from django.db.models import Count
    from django.urls import reverse

    from taizhang.assistance.models import AssistedHousehold
    from taizhang.assistance.rules import Month
    from taizhang.core import clock
    from taizhang.renewal.models import Agreement, CompensationPolicy, FreezeNotice, ProjectHousehold, Publicity

    today = clock.today()
    last_month = Month(today.year, today.month - 1) if today.month > 1 else Month(today.year - 1, 12)
    assisted = AssistedHousehold.objects.annotate(n=Count("visits")).order_by("-n", "id").first()
    entry = ProjectHousehold.objects.annotate(n=Count("household__members")).order_by("-n", "id").first()
    publicity = Publicity.objects.annotate(n=Count("lines")).order_by("-n", "id").first()
    agreement = Agreement.objects.order_by("id").first()
    policy = CompensationPolicy.objects.order_by("-id").first()
    notice = FreezeNotice.objects.order_by("id").first()
    month = f"{last_month.year}-{last_month.month:02d}"
    reports = reverse("assistance:reports")
    targets = [
        ("一户一档（帮扶户）", "xs_admin", reverse("registry:household_pdf", args=[assisted.household_id]), False),
        ("一户一档（征收户）", "jy_admin", reverse("registry:household_pdf", args=[entry.household_id]), False),
        ("明白卡", "xs_admin", reverse("assistance:household_card", args=[assisted.pk]), False),
        ("帮扶手册", "xs_admin", reverse("assistance:household_handbook", args=[assisted.pk]), False),
    ]
    for kind, label in (
        ("archives", "一户一档缺项错项清单"),
        ("compliance", "入户走访达标"),
        ("problems", "问题台账"),
        ("trainings", "调度培训出席"),
        ("deliveries", "家具采购与送达"),
    ):
        targets.append((label, "xs_admin", f"{reports}?kind={kind}&format=pdf&month={month}", True))
    if publicity:
        targets.append(("界定结果公示", "jy_admin", reverse("renewal:publicity_pdf", args=[publicity.pk]), True))
    if agreement:
        targets.append(("征收补偿协议", "jy_admin", reverse("renewal:agreement_pdf", args=[agreement.pk]), False))
    if policy:
        url = reverse("renewal:policy_published", args=[policy.pk]) + "?format=pdf"
        targets.append(("补偿安置标准", "jy_admin", url, True))
    if notice:
        targets.append(("冻结公告", "jy_admin", reverse("renewal:freeze_notice_pdf", args=[notice.project_id]), True))
    return targets


def _timed(run, runs: int) -> tuple[float, float, object]:
    """Warm-up, then the median wall and CPU seconds of `runs` calls, and the last result."""
    result = run()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def child_measure(runs: str) -> dict:
    setup_django(migrate=False)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from taizhang.documents.pdf import render_pdf

    wall, cpu, pdf = _timed(lambda: render_pdf(BASELINE_HTML), int(runs))
    measured = {"database": connection.vendor, "baseline": {"wall": wall, "cpu": cpu, "pages": _pages(pdf)}}
    clients: dict[str, Client] = {}
    from taizhang.org.models import User

    for label, username, url, is_report in _targets():
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]

        def fetch(url=url, client=client):
            response = client.get(url)
            assert response.status_code == 200 and response["Content-Type"] == "application/pdf", (url, response)
            return response.content

        with CaptureQueriesContext(connection) as captured:
            fetch()
        queries = len(captured.captured_queries)  # read now: the next request resets the connection's query log
        wall, cpu, pdf = _timed(fetch, int(runs))
        measured[label] = {
            "wall": wall,
            "cpu": cpu,
            "pages": _pages(pdf),
            "queries": queries,
            "report": is_report,
        }
    measured["batch"] = _batch(User.objects.get(username="xs_admin"))
    return measured


def _batch(user) -> dict:
    """批量打印 of 新市村 (every household of the village into one PDF), run in this process as the thread would."""
    from taizhang.core import clock
    from taizhang.org.models import OrgNode
    from taizhang.registry.models import PrintJob
    from taizhang.registry.printing import print_job_run

    village = OrgNode.objects.get(name="新市村")
    now = clock.now()
    job = PrintJob.objects.create(
        unit=village.parent, community=village, requested_by=user, total=0, created_at=now, heartbeat_at=now
    )
    before = peak_rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    print_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == PrintJob.Status.DONE, job.error
    return {
        "households": job.done,
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "pages": _pages(job.file.read()),
        "mb": job.file.size / 1e6,
        "rss_before": before,
        "rss_after": peak_rss_mb(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps({"setup": child_setup, "measure": child_measure}[kind](*rest), ensure_ascii=False))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ["MEDIA_ROOT"] = f"{tmp}/media"
        setup = run_child(__file__, "setup")
        measured = run_child(__file__, "measure", str(args.runs))

    baseline, batch = measured.pop("baseline"), measured.pop("batch")
    print(
        f"数据库：{measured.pop('database')}；演示区县（taizhang demo，{setup['demo_seconds']:.0f} s）；每项取 {args.runs} 次中位数"
    )
    print("耗时：服务器端墙钟时间；CPU：本进程的 CPU 时间（机器繁忙时比墙钟稳定）；倍数：对基准（一页中文）之比")
    print(f"{'文档':<16}{'页数':>4}{'SQL':>6}{'耗时 s':>9}{'倍数':>7}{'CPU s':>8}{'倍数':>7}")
    b = baseline
    print(f"{'基准：一页中文':<16}{b['pages']:>4}{0:>6}{b['wall']:>9.2f}{1:>7.1f}{b['cpu']:>8.2f}{1:>7.1f}")
    failures = []
    for label, m in measured.items():
        ratio, cpu_ratio = m["wall"] / baseline["wall"], m["cpu"] / baseline["cpu"]
        print(
            f"{label:<16}{m['pages']:>4}{m['queries']:>6}{m['wall']:>9.2f}{ratio:>7.1f}{m['cpu']:>8.2f}{cpu_ratio:>7.1f}"
        )
        limit = LIMIT_S if m["report"] or not label.startswith("一户一档") else HOUSEHOLD_LIMIT_S
        if m["wall"] >= limit:
            failures.append(f"{label} {m['wall']:.2f} s ≥ {limit:.0f} s")
    print(
        f"批量打印新市村 {batch['households']} 户：{batch['wall']:.1f} s（CPU {batch['cpu']:.1f} s，每户 "
        f"{batch['wall'] / batch['households']:.2f} s），{batch['pages']} 页、{batch['mb']:.1f} MB；进程峰值内存 "
        f"{batch['rss_before']:.0f} → {batch['rss_after']:.0f} MB"
    )
    print("\n" + ("未达标：" + "；".join(failures) if failures else "全部达标"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
