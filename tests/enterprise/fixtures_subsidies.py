"""Policies for the `ez` zone: a 研发 clause (上年研发投入 ≥ 500 万元 → 10 %, up to 100 万元, recovered if the
enterprise leaves within 3 years), the 四新 top-up of the city's subsidy, and a 2020 budget of 50 万元."""

from dataclasses import dataclass
from decimal import Decimal

from taizhang.enterprise import subsidies
from taizhang.enterprise.models import CitySubsidy, Clause, Policy

YEAR = 2020


@dataclass
class Subsidies:
    policy: Policy
    rd: Clause  # 第三条 研发投入奖励
    topup: Clause  # 第九条 四新企业市级补贴配套


def make_subsidies(ez, *, budget: str = "500000") -> Subsidies:
    policy = subsidies.policy_save(actor=ez.admin, unit=ez.unit, name="科技创新十条", first_year=2019, last_year=None)
    rd = subsidies.clause_save(
        actor=ez.admin,
        policy=policy,
        code="第三条",
        title="研发投入奖励",
        conditions=[{"field": "上年研发投入", "op": "≥", "value": "500"}],
        formula={"kind": "rate", "of": "prev_rd", "rate": "10", "cap": "1000000"},
        clawback_years=3,
    )
    topup = subsidies.clause_save(
        actor=ez.admin,
        policy=policy,
        code="第九条",
        title="四新企业市级补贴配套",
        conditions=[{"field": "四新", "op": "=", "value": "是"}],
        formula={"kind": "topup", "rate": "30"},
    )
    CitySubsidy.objects.create(
        unit=ez.unit, enterprise=ez.enterprises[0], year=YEAR, item="市级技术改造补助", amount=Decimal("123456.78")
    )
    subsidies.budget_set(actor=ez.admin, unit=ez.unit, year=YEAR, amount=Decimal(budget))
    return Subsidies(policy, rd, topup)
