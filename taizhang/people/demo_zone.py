"""The demo's zone assessment: 济北开发区 among five peer zones, the last two years' figures imported as the zone's
committee would (one batch a year). Idempotent: a year that already has figures is left alone. The module's demo
step calls `build`."""

from __future__ import annotations

import io
import random
from decimal import Decimal

from taizhang.core import clock
from taizhang.documents.tabular import write_csv
from taizhang.imports.ledgers import declared
from taizhang.imports.services import import_run
from taizhang.people.ledgers_zone import year_target
from taizhang.people.rules.zone import DEFAULT_INDICATORS
from taizhang.people.selectors_zone import current_batch_id
from taizhang.people.zone_import import COLUMNS

ZONE = "济北开发区"
PEERS = ["济南新材料产业园", "商河经济开发区", "平阴经济开发区", "济南临空经济区", "章丘明水经济开发区"]
# A typical figure of each default indicator, in its measure; zones spread around it.
TYPICAL = {
    "营业收入": 480,
    "规上工业总产值": 360,
    "一般公共预算收入": 26,
    "固定资产投资": 85,
    "实际利用外资": 4200,
    "亩均税收": 24,
    "研发经费投入强度": Decimal("2.4"),
    "单位增加值能耗": Decimal("0.52"),
    "高新技术产业产值占比": 41,
}


def figures(year: int, seed: int) -> list[list[str]]:
    """One year's rows: our zone a little above the typical zone and improving, the peers spread around it."""
    rng = random.Random(seed * 10_000 + year)
    rows = []
    for zone in [ZONE, *PEERS]:
        for indicator in DEFAULT_INDICATORS:
            typical = Decimal(TYPICAL[indicator.name])
            spread = Decimal(str(round(rng.uniform(0.6, 1.3), 3)))
            if zone == ZONE:
                spread = Decimal("1.12") + Decimal(year % 10) / 100
            value = typical * (spread if indicator.higher_is_better else 2 - spread)
            if zone == PEERS[-1] and indicator.name == "实际利用外资":
                continue  # one peer did not report its foreign investment: ranked last on it
            rows.append([zone, indicator.name, f"{value.quantize(Decimal('0.01'))}"])
    return rows


def build(*, nodes, seed: int, write) -> None:
    unit = nodes[(ZONE,)]
    this_year = clock.today().year
    for year in (this_year - 2, this_year - 1):
        if current_batch_id(unit.pk, year) is not None:
            continue
        stream = io.BytesIO()
        write_csv(stream, COLUMNS, figures(year, seed))
        report, _ = import_run(
            ledger=declared("people.zone_figures"),
            actor=None,
            target=year_target(unit, year),
            data=stream.getvalue(),
            filename=f"demo-{year}年开发区考核数据.csv",
        )
        write(f"{ZONE} {year} 年度开发区综合考核：{report.summary()}")
