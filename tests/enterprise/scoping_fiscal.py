"""The fiscal area's URL keywords for the scoping walk: records of 新市镇."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from taizhang.enterprise import fiscal, fiscal_equity
from taizhang.enterprise.models import Revenue, RevenueSource, Valuation
from taizhang.enterprise.rules.uscc import with_check


def revenue_id(world):
    fiscal.sources_ensure(world.xinshi.pk)
    source = RevenueSource.objects.filter(unit=world.xinshi).first()
    found = Revenue.objects.filter(unit=world.xinshi, status="active").first()
    return (
        found or fiscal.revenue_set(actor=None, unit_id=world.xinshi.pk, year=2020, source=source, amount=Decimal(1))
    ).pk


def spending_id(world):
    return fiscal.infra_create(
        actor=None,
        unit_id=world.xinshi.pk,
        project="扫描测试道路",
        year=2020,
        amount=Decimal(1),
        department="区交通运输局",
    ).pk


def _stake(world):
    from taizhang.enterprise.models import Enterprise, EquityStake

    enterprise, _ = Enterprise.objects.get_or_create(
        unit=world.xinshi, uscc=with_check("91370125MA3T00002"), defaults={"name": "扫描测试被投企业有限公司"}
    )
    found = EquityStake.objects.filter(enterprise=enterprise, status="active").first()
    return found or fiscal_equity.stake_create(
        actor=None, unit_id=world.xinshi.pk, enterprise=enterprise, invested=Decimal(1), share=Decimal(1),
        invested_on=date(2020, 1, 1), agreement=ContentFile(b"%PDF-1.4 scan", name="协议.pdf"),
    )  # fmt: skip


def stake_id(world):
    return _stake(world).pk


def valuation_id(world):
    stake = _stake(world)
    found = Valuation.objects.filter(stake=stake).first()
    return (found or fiscal_equity.valuation_add(
        actor=None, stake=stake, valued_on=date(2020, 6, 1), value=Decimal(2), basis="扫描测试"
    )).pk  # fmt: skip


FACTORIES = {"revenue_id": revenue_id, "spending_id": spending_id, "stake_id": stake_id, "valuation_id": valuation_id}
