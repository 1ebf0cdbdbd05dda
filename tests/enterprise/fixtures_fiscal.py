"""The fiscal area's test books on the `ez` zone (新市镇): revenue of 2019–2021 for three sources, a sharing rule
from 2019 (base = 2019's tax, 60 % to the zone), and two stakes (鲁味食品 valued, 齐鲁智造 via its project)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from taizhang.enterprise import fiscal, fiscal_equity
from taizhang.enterprise.models import EquityStake, RevenueSource, SharingRule

# (year, source, 万元)
REVENUE = [
    (2019, "增值税", "1000"),
    (2019, "企业所得税", "500"),
    (2019, "土地出让收入", "3000"),
    (2020, "增值税", "1100"),
    (2020, "企业所得税", "600.5"),
    (2020, "土地出让收入", "100"),
    (2021, "增值税", "900"),
    (2021, "企业所得税", "500"),
]


@dataclass
class Books:
    sources: dict[str, RevenueSource]
    rule: SharingRule
    valued: EquityStake  # 鲁味食品: 1,000 万元 for 10 %, valued 1,500 then 1,800
    unvalued: EquityStake  # 齐鲁智造 (智能装配线项目): 2,000 万元, never valued


def make_books(ez) -> Books:
    fiscal.sources_ensure(ez.unit.pk)
    sources = {s.name: s for s in RevenueSource.objects.filter(unit=ez.unit)}
    for year, name, amount in REVENUE:
        fiscal.revenue_set(
            actor=ez.officer, unit_id=ez.unit.pk, year=year, source=sources[name], amount=Decimal(amount)
        )
    rule = fiscal.sharing_rule_save(
        actor=ez.admin,
        unit_id=ez.unit.pk,
        effective_year=2019,
        base_year=2019,
        base_amount=None,
        zone_share=Decimal(60),
        sources=[sources["增值税"], sources["企业所得税"]],
    )
    valued = fiscal_equity.stake_create(
        actor=ez.officer,
        unit_id=ez.unit.pk,
        enterprise=ez.enterprises[0],
        invested=Decimal(1000),
        share=Decimal(10),
        invested_on=date(2019, 3, 1),
    )
    for day, value in ((date(2020, 3, 1), "1500"), (date(2021, 3, 1), "1800")):
        fiscal_equity.valuation_add(
            actor=ez.officer, stake=valued, valued_on=day, value=Decimal(value), basis="评估报告"
        )
    unvalued = fiscal_equity.stake_create(
        actor=ez.officer,
        unit_id=ez.unit.pk,
        project=ez.projects[1],
        invested=Decimal(2000),
        share=Decimal("12.5"),
        invested_on=date(2020, 9, 1),
    )
    return Books(sources, rule, valued, unvalued)


@pytest.fixture
def books(ez) -> Books:
    return make_books(ez)
