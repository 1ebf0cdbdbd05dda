"""The fiscal services: revenue entered and changed, the sharing rule, infrastructure spending, stakes with
valuations and an exit withdrawn; each checked against the actor's unit and audited."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.enterprise import fiscal, fiscal_equity, selectors_fiscal
from taizhang.enterprise.models import EquityExit, Revenue

D = Decimal


def audits(object_type):
    return list(AuditEntry.objects.filter(object_type=object_type).order_by("id").values_list("action", flat=True))


def test_a_unit_enabling_the_module_gets_the_default_revenue_sources(ez):
    names = list(selectors_fiscal.sources(ez.unit.pk).values_list("name", flat=True))
    assert names[:3] == ["增值税", "企业所得税", "个人所得税"] and "上级转移支付" in names
    fiscal.sources_ensure(ez.unit.pk)
    assert selectors_fiscal.sources(ez.unit.pk).count() == len(names)


def test_entering_a_recorded_year_and_source_again_changes_its_amount(ez, books):
    source = books.sources["增值税"]
    fiscal.revenue_set(actor=ez.officer, unit_id=ez.unit.pk, year=2020, source=source, amount=D("1150"))
    assert Revenue.objects.get(unit=ez.unit, year=2020, source=source, status="active").amount == D("1150")
    assert audits("enterprise.revenue")[-1] == AuditEntry.Action.UPDATE


@pytest.mark.parametrize(
    ("year", "amount", "message"),
    [(1999, "1", "年度应在"), (2020, "-1", "不小于 0"), (2020, "1.00001", "四位小数"), (2020, "1e12", "过大")],
)
def test_revenue_outside_the_rules_is_refused(ez, year, amount, message):
    source = selectors_fiscal.sources(ez.unit.pk).first()
    with pytest.raises(ValidationError, match=message):
        fiscal.revenue_set(actor=ez.officer, unit_id=ez.unit.pk, year=year, source=source, amount=D(amount))


def test_another_units_source_and_another_units_worker_are_refused(ez, world):
    jy_source = selectors_fiscal.sources(world.jiyang.pk).first()
    with pytest.raises(ValidationError, match="不是本单位"):
        fiscal.revenue_set(actor=ez.officer, unit_id=ez.unit.pk, year=2020, source=jy_source, amount=D(1))
    with pytest.raises(PermissionDenied):
        fiscal.revenue_set(actor=world.jy_admin, unit_id=ez.unit.pk, year=2020, source=jy_source, amount=D(1))


def test_the_sharing_years_follow_the_rule_with_the_base_years_revenue(ez, books):
    years = {y.year: y.split for y in selectors_fiscal.sharing_years(ez.unit.pk)}
    assert years[2019].base == D(1500) and years[2019].increment == 0
    assert (years[2020].revenue, years[2020].increment) == (D("1700.5"), D("200.5"))  # land revenue not counted
    assert (years[2020].zone, years[2020].district) == (D("120.3"), D("80.2"))
    assert (years[2021].increment, years[2021].shortfall) == (0, D(100))


def test_a_later_rule_governs_from_its_year_and_saving_the_same_year_changes_it(ez, books):
    sources = [books.sources["增值税"]]
    rule = fiscal.sharing_rule_save(
        actor=ez.admin, unit_id=ez.unit.pk, effective_year=2021, base_year=2021, base_amount=D(800),
        zone_share=D(50), sources=sources,
    )  # fmt: skip
    years = {y.year: y for y in selectors_fiscal.sharing_years(ez.unit.pk)}
    assert years[2020].rule == books.rule and years[2021].rule == rule
    assert (years[2021].split.increment, years[2021].split.zone) == (D(100), D(50))
    fiscal.sharing_rule_save(
        actor=ez.admin, unit_id=ez.unit.pk, effective_year=2021, base_year=2021, base_amount=D(800),
        zone_share=D(70), sources=sources,
    )  # fmt: skip
    assert {y.year: y for y in selectors_fiscal.sharing_years(ez.unit.pk)}[2021].split.zone == D(70)
    assert audits("enterprise.sharing_rule") == ["create", "create", "update"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"base_year": 2022}, "不能晚于"),
        ({"zone_share": D("100.5")}, "0%—100%"),
        ({"sources": []}, "至少选择"),
    ],
)
def test_a_rule_that_does_not_hold_together_is_refused(ez, books, changes, message):
    data = {
        "effective_year": 2021, "base_year": 2020, "base_amount": None, "zone_share": D(60),
        "sources": [books.sources["增值税"]], **changes,
    }  # fmt: skip
    with pytest.raises(ValidationError, match=message):
        fiscal.sharing_rule_save(actor=ez.admin, unit_id=ez.unit.pk, **data)


def test_only_the_unit_admin_sets_the_sharing_rule(ez, books):
    with pytest.raises(PermissionDenied):
        fiscal.sharing_rule_save(
            actor=ez.officer, unit_id=ez.unit.pk, effective_year=2022, base_year=2022, base_amount=None,
            zone_share=D(60), sources=[books.sources["增值税"]],
        )  # fmt: skip


def test_infrastructure_spending_is_recorded_and_voided_with_a_reason(ez):
    spending = fiscal.infra_create(
        actor=ez.officer, unit_id=ez.unit.pk, project="济北大道", year=2020, amount=D(300), department="区交通运输局"
    )
    fiscal.infra_void(actor=ez.officer, spending=spending, reason="重复登记")
    spending.refresh_from_db()
    assert spending.is_voided and spending.void_reason == "重复登记"
    assert audits("enterprise.infra_spending") == ["create", "void"]
    with pytest.raises(ValidationError, match="已作废"):
        fiscal.infra_void(actor=ez.officer, spending=spending, reason="再次")


def test_a_stake_needs_an_investee_of_the_unit_and_a_share_up_to_100(ez, jy_enterprise):
    base = {"actor": ez.officer, "unit_id": ez.unit.pk, "invested": D(100), "invested_on": date(2020, 1, 1)}
    with pytest.raises(ValidationError, match="被投企业或被投项目"):
        fiscal_equity.stake_create(**base, share=D(10))
    with pytest.raises(ValidationError, match="不是本单位"):
        fiscal_equity.stake_create(**base, enterprise=jy_enterprise, share=D(10))
    with pytest.raises(ValidationError, match="持股比例"):
        fiscal_equity.stake_create(**base, enterprise=ez.enterprises[0], share=D("100.1"))


def test_an_exit_ends_the_holding_until_withdrawn(ez, books):
    stake = books.valued
    fiscal_equity.exit_register(
        actor=ez.officer, stake=stake, exited_on=date(2022, 1, 10), proceeds=D(2100), kind=EquityExit.Kind.BUYBACK
    )
    with pytest.raises(ValidationError, match="已退出"):
        fiscal_equity.valuation_add(actor=ez.officer, stake=stake, valued_on=date(2022, 2, 1), value=D(1), basis="x")
    with pytest.raises(ValidationError, match="已登记退出"):
        fiscal_equity.stake_void(actor=ez.officer, stake=stake, reason="错")
    figures = selectors_fiscal.portfolio_of(selectors_fiscal.stake_list(ez.officer)).total
    assert (figures.held, figures.current_value, figures.realised) == (1, D(2000), D(2100))
    assert figures.tvpi == D("1.37")  # (2000 at cost + 2100) ÷ 3000

    fiscal_equity.exit_withdraw(actor=ez.officer, stake=stake, reason="退出协议未生效")
    figures = selectors_fiscal.portfolio_of(selectors_fiscal.stake_list(ez.officer)).total
    assert (figures.held, figures.current_value, figures.realised) == (2, D(3800), D(0))
    assert audits("enterprise.stake_exit") == ["create", "void"]
    with pytest.raises(ValidationError, match="没有可撤回"):
        fiscal_equity.exit_withdraw(actor=ez.officer, stake=stake, reason="再次")


def test_an_exit_before_the_investment_or_in_the_future_is_refused(ez, books, clock):
    clock.set(date(2022, 6, 1))
    stake = books.valued
    for day, message in ((date(2018, 1, 1), "早于投资日期"), (date(2022, 6, 2), "晚于今天")):
        with pytest.raises(ValidationError, match=message):
            fiscal_equity.exit_register(actor=ez.officer, stake=stake, exited_on=day, proceeds=D(1), kind="ipo")


def test_the_stakes_list_filters_by_chain_and_status(ez, books):
    def found(**filters):
        return {s.pk for s in selectors_fiscal.stake_list(ez.officer, **filters)}

    assert found(chain=ez.food_chain.pk) == {books.valued.pk}
    assert found(chain=ez.smart_chain.pk) == {books.unvalued.pk}  # through its project's chain
    fiscal_equity.exit_register(
        actor=ez.officer, stake=books.unvalued, exited_on=date(2021, 1, 1), proceeds=D(1), kind="ipo"
    )
    assert found(status="exited") == {books.unvalued.pk} and found(status="held") == {books.valued.pk}
    assert found(q="鲁味") == {books.valued.pk}
