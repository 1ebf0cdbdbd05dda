"""Visit integrity signals against planted fakes (issue 14).

Precision (one child process, fresh database): a town of 1,340 households in 15 村居 a few km apart, 60 genuine
helpers and 7 more with a fake habit, three months of visits (the signals that look back read the first two), and
in the last month more than 2,000 genuine visits plus about 55 plants of every visit signal kind, each a little
different (bench/integrity_plants.py). Then taizhang.integrity.detection.detect for the month: per kind, how many
plants a signal of that kind points at (recall) and how many genuine visits it names (as a share of them).

Speed (a second child, the same database): 5,000 households and 250 helpers, three months (about 9,000 visits in
the last), the month's detection against the bare read of the same visits (two selects into tuples) and against
assistance.integrity.facts.load (the same visits as the rows every detector starts from, with local times and notes joined).

    .venv/bin/python bench/integrity.py
    scripts/with-postgres .venv/bin/python bench/integrity.py

Exits 1 if detection of the 5,000 households' month takes more than 2 s (median of 5 runs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import run_child, setup_django, stopwatch, timed  # noqa: E402

MONTHS = [
    (date(2026, 7, 1), date(2026, 7, 31)),
    (date(2026, 8, 1), date(2026, 8, 31)),
    (date(2026, 9, 1), date(2026, 9, 30)),
]
FIRST, LAST = MONTHS[-1]
UNIT_HOLIDAY = date(2026, 9, 11)  # the town's own day off (a Friday), set as the odd-hours signal's holidays
HOUSEHOLDS_PER_HELPER = 20
GENUINE_HELPERS = 60
LIMIT_S = 2.0
RECALL_GOAL, GENUINE_FLAGGED_GOAL = 0.90, 0.05

KINDS = [
    ("assistance.similar_notes", "走访记录近似雷同"),
    ("assistance.uniform_notes", "记录长期千篇一律"),
    ("assistance.impossible_travel", "行程时间不够"),
    ("assistance.overfull_day", "单日走访超出工作时间"),
    ("assistance.minimum_cluster", "时长扎堆在下限"),
    ("assistance.odd_hours", "非工作时段走访"),
    ("assistance.late_entry", "补录过晚"),
    ("assistance.bulk_entry", "集中补录"),
    ("assistance.edited_after_close", "月结后修改"),
    ("assistance.same_photo", "照片重复"),
    ("assistance.same_position", "位置完全相同"),
    ("assistance.far_from_home", "位置偏离"),
]


def make_town(seed: int, *, households: int, helpers: int, code: str, holidays: frozenset[date]):
    """Three months of genuine visits, the plant helpers' habits included, then the last month's plants."""
    from integrity_plants import plant_all, plant_habits
    from integrity_town import genuine_edits, genuine_month, office_catch_up, outbox_bursts, town

    t = town(seed, households=households, helpers=helpers, code=code)
    t.holidays = holidays
    plant_habits(t)
    rng = random.Random(seed + 1)
    for first, last in MONTHS:
        genuine_month(t, rng, first, last)
    outbox_bursts(t, rng)
    office_catch_up(t, rng)
    genuine_edits(t, rng, FIRST, LAST, count=max(10, households // 60))
    return t, plant_all(t, rng, FIRST, LAST)


PRECISION = ("疑点镇", "YD", (GENUINE_HELPERS + 7) * HOUSEHOLDS_PER_HELPER)
SPEED = ("疑点速度镇", "YS")


def registry(speed_households: int) -> list[tuple]:
    """Both units' registry rows, as one call of demo_rows makes them (no ID number twice in the database)."""
    villages = [(f"第{v + 1}村", "village") for v in range(15)]
    return [
        (PRECISION[0], "town", PRECISION[1], villages, PRECISION[2]),
        (SPEED[0], "town", SPEED[1], villages, speed_households),
    ]


def unit_holidays() -> frozenset[date]:
    """The town's own day off, when the odd-hours signal has a holidays parameter to hold it."""
    from taizhang.integrity.kinds import kind_named

    named = kind_named("assistance.odd_hours")
    return frozenset({UNIT_HOLIDAY}) if named and any(p.key == "holidays" for p in named[1].params) else frozenset()


def child_precision(seed: str, speed_households: str) -> dict:
    setup_django()
    from integrity_db import write_town

    from taizhang.integrity.detection import detect
    from taizhang.integrity.services import setting_set

    holidays = unit_holidays()
    name, code, households = PRECISION
    t, plants = make_town(int(seed), households=households, helpers=GENUINE_HELPERS + 7, code=code, holidays=holidays)
    unit, pks = write_town(t, unit_name=name, code=code, seed=int(seed), registry=registry(int(speed_households)))
    for day in holidays:
        setting_set(
            actor=None,
            unit=unit,
            kind="assistance.odd_hours",
            param="holidays",
            value=day.isoformat(),
            effective_from=date(2026, 1, 1),
        )
    with stopwatch() as seconds:
        found = detect(unit.pk, FIRST, LAST)
    key_of = {pk: key for key, pk in pks.items()}
    named: dict[str, set[int]] = {}
    for f in found:
        refs = {int(r.ref.split(":")[1]) for r in f.finding.records if r.ref.startswith("visit:")}
        named.setdefault(f.finding.kind, set()).update(key_of[pk] for pk in refs if pk in key_of)
    month = {p.key for p in t.plans if FIRST <= p.start.date() <= LAST}
    fakes = {k for p in plants for k in p.fakes}
    sources = {k for p in plants for k in p.sources}
    genuine = month - fakes - sources
    return {
        "visits": len(month),
        "genuine": len(genuine),
        "helpers": len(t.helpers),
        "households": len(t.homes),
        "findings": len(found),
        "detect_seconds": seconds(),
        "holiday_planted": bool(holidays),
        "plants": [
            {"kind": p.kind, "what": p.what, "found": bool(named.get(p.kind, set()) & set(p.fakes))} for p in plants
        ],
        "genuine_flagged": {kind: sorted(keys & genuine) for kind, keys in named.items()},
    }


BARE_FIELDS = (
    *("id", "assisted_id", "community_id", "recorded_by_id", "source", "started_at", "ended_at", "created_at"),
    *("minutes", "start_latitude", "start_longitude", "end_latitude", "end_longitude"),
    *("assisted__household__household_no", "assisted__latitude", "assisted__longitude"),
)


def child_speed(seed: str, households: str) -> dict:
    setup_django()
    from integrity_db import write_town

    from taizhang.assistance.integrity import facts
    from taizhang.core.findings import SignalScope
    from taizhang.integrity.detection import detect

    helpers = round(int(households) / HOUSEHOLDS_PER_HELPER)
    name, code = SPEED
    t, _ = make_town(int(seed) + 7, households=int(households), helpers=helpers, code=code, holidays=unit_holidays())
    unit, _ = write_town(t, unit_name=name, code=code, seed=int(seed), registry=registry(int(households)))
    scope = SignalScope(unit_id=unit.pk, start=FIRST, end=LAST)
    from django.db import connection

    from taizhang.assistance.models import Visit
    from taizhang.assistance.visits import VISIT_TEXT_FIELDS

    def bare():
        """The month's visits with what the signals read of them, their household's number and position, and their
        helpers: as plain rows, in two selects."""
        month = Visit.objects.filter(unit_id=unit.pk, status="active", visit_date__range=(FIRST, LAST))
        rows = list(month.values_list(*BARE_FIELDS, *VISIT_TEXT_FIELDS))
        links = list(Visit.helpers.through.objects.filter(visit__in=month).values_list("visit_id", "user_id"))
        return rows, links

    return {
        "database": connection.vendor,
        "households": int(households),
        "helpers": helpers,
        "visits": sum(1 for p in t.plans if FIRST <= p.start.date() <= LAST),
        "findings": len(detect(unit.pk, FIRST, LAST)),
        "bare": timed(bare, 5),
        "load": timed(lambda: facts.load(scope), 5),
        "detect": timed(lambda: detect(unit.pk, FIRST, LAST), 5),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--households", type=int, default=5_000, help="the speed town's households")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps({"precision": child_precision, "speed": child_speed}[kind](*rest), ensure_ascii=False))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MEDIA_ROOT"] = f"{tmp}/media"
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        precision = run_child(__file__, "precision", str(args.seed), str(args.households))
        speed = run_child(__file__, "speed", str(args.seed), str(args.households))
    failures = report_precision(precision)
    failures += report_speed(speed)
    print("\n" + ("未达标：" + "；".join(failures) if failures else "全部达标"))
    return 1 if any(f.startswith("检测") for f in failures) else 0


def report_precision(r: dict) -> list[str]:
    print(
        f"精度：{r['households']:,} 户、{r['helpers']} 名帮扶责任人，{FIRST:%Y-%m} 共 "
        f"{r['visits']:,} 次走访，其中真实 {r['genuine']:,} 次、植入 {len(r['plants'])} 处；检测 {r['detect_seconds']:.2f} s，"
        f"{r['findings']} 条疑点"
    )
    print("\n| 疑点类型 | 植入 | 发现 | 召回 | 被标记的真实走访 | 占真实走访 |\n|---|---|---|---|---|---|")
    flagged_any: set[int] = set()
    planted = found = 0
    for key, label in KINDS:
        mine = [p for p in r["plants"] if p["kind"] == key]
        hits = sum(p["found"] for p in mine)
        flagged = r["genuine_flagged"].get(key, [])
        flagged_any.update(flagged)
        planted, found = planted + len(mine), found + hits
        print(
            f"| {label} `{key.split('.')[1]}` | {len(mine)} | {hits} | {_pct(hits, len(mine))} | {len(flagged)} | "
            f"{_pct(len(flagged), r['genuine'])} |"
        )
    for key, flagged in r["genuine_flagged"].items():
        if key not in dict(KINDS):
            flagged_any.update(flagged)
            print(f"| `{key}`（无植入） | 0 | 0 | – | {len(flagged)} | {_pct(len(flagged), r['genuine'])} |")
    share = len(flagged_any) / r["genuine"]
    print(f"| **合计** | {planted} | {found} | **{_pct(found, planted)}** | {len(flagged_any)} | **{share:.1%}** |")
    if not r["holiday_planted"]:
        print("（odd_hours 尚无 holidays 参数：单位自定休息日那一处未植入）")
    missed = [f"{p['kind'].split('.')[1]}：{p['what']}" for p in r["plants"] if not p["found"]]
    if missed:
        print("未发现的植入：" + "；".join(missed[:20]) + ("……" if len(missed) > 20 else ""))
    failures = []
    if found < RECALL_GOAL * planted:
        failures.append(f"召回 {_pct(found, planted)} 低于 {RECALL_GOAL:.0%}")
    if share > GENUINE_FLAGGED_GOAL:
        failures.append(f"真实走访被标记 {share:.1%} 高于 {GENUINE_FLAGGED_GOAL:.0%}")
    return failures


def report_speed(r: dict) -> list[str]:
    bare, load, found = r["bare"], r["load"], r["detect"]
    print(
        f"\n速度（{r['database']}）：{r['households']:,} 户、{r['helpers']} 名帮扶责任人，{FIRST:%Y-%m} 共 {r['visits']:,} 次走访，"
        f"{r['findings']} 条疑点（以下为 5 次运行的中位数）"
    )
    print(f"裸读（本月走访、户编号与位置、帮扶人，两条 SELECT 取成元组）：{bare['median_ms']:.0f} ms")
    print(
        f"facts.load（同样的数据整理成各检测共用的行）：{load['median_ms']:.0f} ms，{load['queries']} 条 SQL，"
        f"为裸读的 {load['median_ms'] / bare['median_ms']:.1f} 倍"
    )
    print(
        f"检测 detect（全部疑点类型，含 facts.load）：{found['median_ms']:.0f} ms，最大 {found['max_ms']:.0f} ms，"
        f"{found['queries']} 条 SQL，为裸读的 {found['median_ms'] / bare['median_ms']:.1f} 倍、"
        f"facts.load 的 {found['median_ms'] / load['median_ms']:.1f} 倍"
    )
    return (
        [f"检测 {found['median_ms'] / 1000:.2f} s 超过 {LIMIT_S:.0f} s"] if found["median_ms"] > LIMIT_S * 1000 else []
    )


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


if __name__ == "__main__":
    sys.exit(main())
