"""The zone figures ledger (`开发区, 指标, 数值`) through the kernel's import pages: one target per zone the user
may import into and year (this year and the five before)."""

from __future__ import annotations

from taizhang.core import clock
from taizhang.documents.importing import Ledger, Target
from taizhang.imports.ledgers import runner
from taizhang.people import policies, zone_import
from taizhang.people.selectors_zone import zone_units

YEARS_OFFERED = 6


def year_target(unit, year: int, *, own: bool = True) -> Target:
    key = str(year) if own else f"{unit.pk}-{year}"
    return Target(unit=unit, label=f"{unit.name} {year} 年度", key=key, kwargs={"year": year})


def _targets(user) -> list[Target]:
    this_year = clock.today().year
    return [
        year_target(unit, year, own=unit.pk == user.unit_id)
        for unit in zone_units(user)
        if policies.imports_zone_figures(user, unit)
        for year in range(this_year, this_year - YEARS_OFFERED, -1)
    ]


ZONE_FIGURES = Ledger(
    key="people.zone_figures",
    title="开发区考核数据",
    required=zone_import.COLUMNS,
    run=runner(zone_import.figures_import),
    targets=_targets,
    undo=zone_import.figures_undo,
    examples={"开发区": "济北开发区", "指标": "营业收入", "数值": "1285.6"},
    help="每行一个开发区的一项指标：本开发区和参与比较的各开发区都列上，开发区名称与系统中一致；指标须是该年度的考核指标，"
    "数值按指标的计量单位填写（可带千分位逗号，百分比可带 %）。整个文件就是该年度的比较数据：再次导入同一年度即取代此前的数据，"
    "撤销批次则恢复此前导入的数据。",
    order=75,
)
