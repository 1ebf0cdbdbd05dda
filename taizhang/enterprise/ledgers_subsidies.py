"""The city subsidies ledger (`统一社会信用代码, 项目, 市级补贴金额`) through the kernel's import pages: one target
per year (this year and the five before) in the user's own unit."""

from __future__ import annotations

from taizhang.core import clock
from taizhang.documents.importing import Ledger, Target
from taizhang.enterprise import policies, subsidies_import
from taizhang.imports.ledgers import runner

YEARS_OFFERED = 6


def year_target(unit, year: int) -> Target:
    return Target(unit=unit, label=f"{unit.name} {year} 年度", key=str(year), kwargs={"year": year})


def _targets(user) -> list[Target]:
    if user.unit_id is None or not policies.can_work(user, user.unit_id):
        return []
    this_year = clock.today().year
    return [year_target(user.unit, year) for year in range(this_year, this_year - YEARS_OFFERED, -1)]


CITY_SUBSIDIES = Ledger(
    key="enterprise.city_subsidies",
    title="市级补贴（四新配套依据）",
    required=subsidies_import.COLUMNS,
    run=runner(subsidies_import.city_subsidies_import),
    targets=_targets,
    undo=subsidies_import.city_subsidies_undo,
    examples={"统一社会信用代码": "91370125MA3C000014", "项目": "市级技术改造补助", "市级补贴金额": "200000.00"},
    help="每行一家企业的一项市级补贴：统一社会信用代码须是企业名录中的企业，金额以元为单位、最多两位小数。"
    "四新企业按市级补贴的 30% 享受开发区配套（免申即享）。",
    order=82,
)
