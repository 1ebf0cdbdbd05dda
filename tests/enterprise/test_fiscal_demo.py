"""The fiscal demo on the `ez` zone: five years of revenue, the sharing rule, infrastructure, stakes in the zone's
enterprises with valuations and one exit; a second run changes nothing; a zone without enterprises gets no stakes."""

from datetime import date

from taizhang.audit.models import AuditEntry
from taizhang.enterprise import demo_fiscal, selectors_fiscal
from taizhang.enterprise.models import EquityExit, EquityStake, InfraSpending, Revenue, SharingRule, Valuation

TODAY = date(2024, 5, 20)


def counts(unit):
    return [
        model.objects.filter(unit=unit).count()
        for model in (Revenue, SharingRule, InfraSpending, EquityStake, Valuation, EquityExit)
    ] + [AuditEntry.objects.filter(object_type__startswith="enterprise.").count()]


def test_the_demo_builds_the_books_once(ez, clock):
    clock.set(TODAY)
    demo_fiscal.build(unit=ez.unit, seed=7, today=TODAY)
    first = counts(ez.unit)
    assert first[:6] == [35, 1, 5, 3, first[4], 1]  # 5 years × 7 sources; 3 enterprises still in the zone
    assert first[4] >= 3
    years = selectors_fiscal.sharing_years(ez.unit.pk)
    assert [y.year for y in years] == [2019, 2020, 2021, 2022, 2023]
    assert years[1].split.shortfall > 0 and years[1].split.zone == 0  # the dip year shares nothing
    assert years[-1].split.zone > 0 and years[-1].split.zone + years[-1].split.district == years[-1].split.increment
    demo_fiscal.build(unit=ez.unit, seed=7, today=TODAY)
    assert counts(ez.unit) == first


def test_a_zone_without_enterprises_gets_its_books_but_no_stakes(world, clock):
    clock.set(TODAY)
    demo_fiscal.build(unit=world.jiyang, seed=7, today=TODAY)
    assert Revenue.objects.filter(unit=world.jiyang).count() == 35
    assert not EquityStake.objects.filter(unit=world.jiyang).exists()
