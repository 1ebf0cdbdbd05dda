"""The demo's books of 济北开发区: five years of revenue by source, the 增量分享 rule with the district (60 % of the
increment over the first year's tax and non-tax revenue), infrastructure the district paid for, and the
产业投资公司's stakes in about eight of the zone's enterprises with valuations and one exit (回购). Idempotent:
what exists is left alone. Enterprises are read from the registry; without them no stake is made."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from taizhang.enterprise import fiscal, fiscal_equity
from taizhang.enterprise.models import Enterprise, EquityStake, InfraSpending, Revenue, RevenueSource, SharingRule

YEARS = 5
STAKES = 8
ZONE_SHARE = Decimal(60)
SHARED_KINDS = (RevenueSource.Kind.TAX, RevenueSource.Kind.NON_TAX)
# Each default source's revenue in the first year (万元), and the zone's growth over it year by year: the second
# year dips below the base (a shortfall year, nothing shared), then the zone grows.
FIRST_YEAR_REVENUE = {
    "增值税": 42000,
    "企业所得税": 18000,
    "个人所得税": 3200,
    "其他税收": 6500,
    "非税收入": 5200,
    "土地出让收入": 36000,
    "上级转移支付": 8000,
}
GROWTH = [Decimal("1"), Decimal("0.96"), Decimal("1.08"), Decimal("1.17"), Decimal("1.27")]
INFRASTRUCTURE = [
    ("济北大道东延工程", 0, 6800, "区交通运输局"),
    ("智能制造城污水处理厂扩建", 1, 4200, "区住房城乡建设局"),
    ("食品饮料城供热管网", 2, 2650, "区住房城乡建设局"),
    ("开发区220千伏变电站配套", 3, 3900, "区发展和改革局"),
    ("园区道路绿化提升", 4, 1180.5, "区城市管理局"),
]
BASES = ["评估报告", "新一轮融资", "年度审计净资产"]


def build(*, unit, seed: int, today: date) -> None:
    fiscal.sources_ensure(unit.pk)
    first = today.year - YEARS
    _revenue(unit, seed, first)
    if not SharingRule.objects.filter(unit=unit).exists():
        fiscal.sharing_rule_save(
            actor=None,
            unit_id=unit.pk,
            effective_year=first,
            base_year=first,
            base_amount=None,
            zone_share=ZONE_SHARE,
            sources=list(RevenueSource.objects.filter(unit=unit, kind__in=SHARED_KINDS)),
            note="区政府关于济北开发区财政体制的意见（示例）",
        )
    if not InfraSpending.objects.filter(unit=unit).exists():
        for project, offset, amount, department in INFRASTRUCTURE:
            fiscal.infra_create(
                actor=None,
                unit_id=unit.pk,
                project=project,
                year=first + offset,
                amount=Decimal(str(amount)),
                department=department,
                note="区级财政资金",
            )
    _stakes(unit, seed, today)


def _revenue(unit, seed: int, first: int) -> None:
    recorded = set(Revenue.objects.filter(unit=unit, status="active").values_list("year", "source_id"))
    sources = {s.name: s for s in RevenueSource.objects.filter(unit=unit)}
    rng = random.Random(seed)
    for offset, growth in enumerate(GROWTH):
        for name, amount in FIRST_YEAR_REVENUE.items():
            noise = Decimal(str(round(rng.uniform(0.97, 1.03), 4))) if offset else Decimal(1)
            source = sources.get(name)
            if source is None or (first + offset, source.pk) in recorded:
                continue
            value = (Decimal(amount) * growth * noise).quantize(Decimal("0.0001"))
            fiscal.revenue_set(actor=None, unit_id=unit.pk, year=first + offset, source=source, amount=value)


def _stakes(unit, seed: int, today: date) -> None:
    enterprises = list(Enterprise.objects.filter(unit=unit, status=Enterprise.Status.ACTIVE).order_by("id")[:STAKES])
    held = set(EquityStake.objects.filter(unit=unit).values_list("enterprise_id", flat=True))
    for n, enterprise in enumerate(enterprises):
        if enterprise.pk in held:
            continue
        rng = random.Random(seed * 1000 + n)
        invested_on = date(today.year - rng.randint(2, 4), rng.randint(1, 12), 15)
        invested = Decimal(rng.randrange(500, 5000, 50))
        stake = fiscal_equity.stake_create(
            actor=None,
            unit_id=unit.pk,
            enterprise=enterprise,
            project=enterprise.projects.order_by("id").first(),
            invested=invested,
            share=Decimal(rng.randint(5, 30)),
            invested_on=invested_on,
            note="产业投资公司直投",
        )
        for k in range(1, rng.randint(1, 3) + 1):
            valued_on = min(invested_on + timedelta(days=365 * k), today)
            factor = Decimal(str(round(rng.uniform(0.85, 1.25) + 0.1 * k, 2)))
            fiscal_equity.valuation_add(
                actor=None, stake=stake, valued_on=valued_on, value=invested * factor, basis=rng.choice(BASES)
            )
        if n == 0:  # one stake already bought back by the enterprise
            fiscal_equity.exit_register(
                actor=None,
                stake=stake,
                exited_on=max(today - timedelta(days=60), invested_on),
                proceeds=(invested * Decimal("1.35")).quantize(Decimal("0.0001")),
                kind="buyback",
                note="企业按协议回购",
            )
