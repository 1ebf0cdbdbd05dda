"""Police-data cross-check benchmark (issue 4): 100,000 ledger persons against a 1,000,000-row police extract (CSV).

The extract covers the police station's whole district; 110,000 of its rows lie in the project's four
communities. Seeded differences: names in traditional characters or with spaces, lower-case x, moved in after the
freeze, dead or cancelled, persons missing on either side, one ID in two households. Timed end to end in a child
process: read and normalise the extract, compare, write the discrepancy workbook. Baseline: a bare hash join of
the same two files on the ID column (csv module, dict).

    .venv/bin/python bench/renewal_crosscheck.py
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, peak_rss_mb, run_child, setup_django, stopwatch  # noqa: E402

LEDGER_SIZE, POLICE_SIZE, AREA_EXTRA = 100_000, 1_000_000, 10_000
AREA = ["城里居", "东关居", "南关居", "西关居"]
FREEZE = date(2020, 6, 1)
TARGET_SECONDS, MEMORY_LIMIT_MB = 10, 2048
TRADITIONAL = str.maketrans(
    "张陈刘黄赵孙马罗郑谢许韩冯邓萧叶苏吕卢钟谭陆贾韦邹龙贺顾龚万钱严汤国华红军兰凤丽伟强东长荣庆贵宝云静杰涛刚辉兴发胜义卫丰凯鹏飞爱满财庄亚连进宁广",
    "張陳劉黃趙孫馬羅鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龍賀顧龔萬錢嚴湯國華紅軍蘭鳳麗偉強東長榮慶貴寶雲靜傑濤剛輝興發勝義衛豐凱鵬飛愛滿財莊亞連進寧廣",
)


def generate(seed: int) -> tuple[Path, Path]:
    """ledger.csv (户编号, 姓名, 身份证号) and police.csv (the extract's six columns), cached."""
    ledger_path, police_path = OUT / f"crosscheck-ledger-{seed}.csv", OUT / f"crosscheck-police-{seed}.csv"
    if ledger_path.exists() and police_path.exists():
        return ledger_path, police_path
    setup_django(migrate=False)
    from taizhang.hub.demo import GIVEN, SURNAMES
    from taizhang.registry.rules import compose_id_number

    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    used: set[str] = set()

    def person_id() -> str:
        while True:
            birth = date(rng.randint(1930, 2019), rng.randint(1, 12), rng.randint(1, 28))
            candidate = compose_id_number("370125", birth, rng.randrange(1000))
            if candidate not in used:
                used.add(candidate)
                return candidate

    def name() -> str:
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))

    people = [(person_id(), name()) for _ in range(LEDGER_SIZE + AREA_EXTRA)]
    with (
        ledger_path.open("w", newline="", encoding="utf-8") as ledger_file,
        police_path.open("w", newline="", encoding="utf-8") as police_file,
    ):
        ledger, police = csv.writer(ledger_file), csv.writer(police_file)
        ledger.writerow(["户编号", "姓名", "身份证号"])
        police.writerow(["姓名", "身份证号", "户号", "住址", "迁入日期", "户籍状态"])
        police_rows = 0
        for n, (id_number, person) in enumerate(people):
            household = f"JY{n // 3:06d}"
            community = AREA[n % 4]
            in_ledger = n < LEDGER_SIZE  # the rest: 台账未登记 (in the area)
            in_police = n >= LEDGER_SIZE or rng.random() > 0.01  # 1 %: 公安无此人
            if in_ledger:
                ledger_id = id_number.lower() if id_number.endswith("X") and rng.random() < 0.5 else id_number
                ledger.writerow([household, person, ledger_id])
                if rng.random() < 0.0005:
                    ledger.writerow([f"JY9{n:05d}", person, ledger_id])  # 重复登记
            if in_police:
                shown = person.translate(TRADITIONAL) if rng.random() < 0.05 else person
                shown = shown[0] + " " + shown[1:] if rng.random() < 0.02 else shown
                if rng.random() < 0.005:
                    shown = name()  # 姓名不符
                moved = date(rng.randint(1950, 2020), rng.randint(1, 12), rng.randint(1, 28))
                if moved > FREEZE and rng.random() < 0.7:
                    moved = date(2019, 1, 1)
                status = "死亡" if rng.random() < 0.003 else "正常"
                police.writerow(
                    [
                        shown,
                        id_number,
                        f"H{n // 3:07d}",
                        f"济阳区济阳街道{community}{n % 300}号",
                        moved.isoformat(),
                        status,
                    ]
                )
                police_rows += 1
        for m in range(POLICE_SIZE - police_rows):  # the rest of the police district
            police.writerow([name(), person_id(), f"Q{m:07d}", f"济阳区其他街道{m % 500}号", "2001-05-01", "正常"])
    return ledger_path, police_path


def child_run(ledger_path: str, police_path: str, out: str) -> dict:
    setup_django(migrate=False)
    from taizhang.renewal.crosscheck import crosscheck_file, write_details
    from taizhang.renewal.rules import LedgerPerson

    with stopwatch() as seconds:
        with open(ledger_path, encoding="utf-8") as stream:
            rows = csv.reader(stream)
            next(rows)
            ledger = [
                LedgerPerson(i, name, id_number, household) for i, (household, name, id_number) in enumerate(rows)
            ]
        result = crosscheck_file(ledger, Path(police_path), Path(police_path).name, freeze_date=FREEZE, area_words=AREA)
        written = write_details(result, out)
    return {
        "seconds": seconds(),
        "peak_rss_mb": peak_rss_mb(),
        "rows": result.report.rows,
        "ledger": len(ledger),
        "written": written,
        "lines": result.lines(),
    }


def child_baseline(ledger_path: str, police_path: str) -> dict:
    with stopwatch() as seconds:
        with open(ledger_path, encoding="utf-8") as stream:
            rows = csv.reader(stream)
            next(rows)
            ledger = {id_number: name for _, name, id_number in rows}
        matched = 0
        with open(police_path, encoding="utf-8") as stream:
            rows = csv.reader(stream)
            next(rows)
            for row in rows:
                matched += row[1] in ledger
    return {"seconds": seconds(), "matched": matched}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps({"run": child_run, "baseline": child_baseline}[kind](*rest), ensure_ascii=False))
        return 0
    ledger_path, police_path = generate(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "数据比对.xlsx")
        baseline = run_child(__file__, "baseline", str(ledger_path), str(police_path))
        result = run_child(__file__, "run", str(ledger_path), str(police_path), out)
    print(
        f"台账 {result['ledger']:,} 人，公安数据 {result['rows']:,} 行（CSV，{police_path.stat().st_size / 1e6:.0f} MB）"
    )
    print("\n".join(result["lines"]))
    print(
        f"比对（读取、规范化、比较、写出 {result['written']:,} 行差异工作簿）：{result['seconds']:.2f} s，"
        f"峰值内存 {result['peak_rss_mb']:.0f} MB"
    )
    print(
        f"裸哈希连接（csv + dict，按身份证号）：{baseline['seconds']:.2f} s；比对耗时为其 "
        f"{result['seconds'] / baseline['seconds']:.1f} 倍"
    )
    failures = []
    if result["seconds"] >= TARGET_SECONDS:
        failures.append(f"耗时超过 {TARGET_SECONDS} s")
    if result["peak_rss_mb"] >= MEMORY_LIMIT_MB:
        failures.append("峰值内存超过 2 GB")
    print("\n" + ("未达标：" + "；".join(failures) if failures else "全部达标"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
