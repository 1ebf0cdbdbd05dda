"""The registry's ledgers through the kernel's import pages (/imports/): the enterprise list of the user's unit, and
a year's figures (this year and the five before)."""

from __future__ import annotations

from taizhang.core import clock
from taizhang.documents.importing import Ledger, Target
from taizhang.enterprise import policies, registry_import, registry_undo
from taizhang.imports.ledgers import runner, unit_targets

YEARS_OFFERED = 6


def _unit_targets(user) -> list[Target]:
    return [t for t in unit_targets(user, policies.can_work(user)) if policies.can_work(user, t.unit.pk)]


def year_target(unit, year: int, *, key: str = "") -> Target:
    return Target(unit=unit, label=f"{unit.name} {year} 年度", key=key or str(year), kwargs={"year": year})


def _year_targets(user) -> list[Target]:
    this_year = clock.today().year
    return [
        year_target(target.unit, year, key=f"{target.key}-{year}" if target.key else str(year))
        for target in _unit_targets(user)
        for year in range(this_year, this_year - YEARS_OFFERED, -1)
    ]


ENTERPRISES = Ledger(
    key="enterprise.enterprises",
    title="企业名录",
    required=registry_import.COLUMNS,
    optional=registry_import.OPTIONAL,
    run=runner(registry_import.enterprises_import),
    targets=_unit_targets,
    undo=registry_undo.enterprises_undo,
    examples={
        "统一社会信用代码": "91370125MA3C00001Q",
        "企业名称": "济南鲁味食品有限公司",
        "园区": "食品饮料城",
        "产业链": "食品饮料",
        "标签": "新技术、规上",
        "用地面积": "50",
        "成立日期": "2019-03-15",
        "入园日期": "2019-06-01",
        "地址": "济北开发区食品饮料城 1 号",
        "联系人": "王经理",
        "联系电话": "0531-84200000",
    },
    help="每行一家企业。统一社会信用代码 18 位（不用字母 I、O、S、V、Z，最后一位是校验位）；园区、产业链须与系统中名称一致；"
    "标签用顿号分隔（新技术、新产业、新业态、新模式、高新技术企业、规上、专精特新）；用地面积以亩计。系统中已有的代码更新该企业，"
    "表中各列的内容即为该企业的新信息（空的园区、标签即清空）；可选列不出现时不改动。撤销批次则恢复导入前的信息。",
    order=80,
)

FIGURES = Ledger(
    key="enterprise.figures",
    title="企业年度数据",
    required=registry_import.FIGURE_COLUMNS,
    run=runner(registry_import.figures_import),
    targets=_year_targets,
    undo=registry_undo.figures_undo,
    examples={
        "统一社会信用代码": "91370125MA3C00001Q",
        "营业收入": "12850.5",
        "税收": "630",
        "工业总产值": "15200",
        "研发投入": "420",
        "综合能耗": "860",
    },
    help="每行一家企业一年的统计数据：金额以万元计，综合能耗以吨标准煤计，可带千分位逗号，空格表示没有该项。企业须已在本单位的"
    "企业名录中。该年度已有数据的企业，其数据由本表替换（预览中标明“替换”）；撤销批次则恢复替换前的数据。",
    order=81,
)
