"""免申即享 and the payment ledger: offers computed from the data, grants through review, approval within the
year's budget and payment, withdrawals with reasons, never paid twice, clawbacks."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.core import clock
from taizhang.enterprise import selectors_subsidies, subsidies
from taizhang.enterprise.models import Enterprise, Grant
from tests.enterprise.fixtures_subsidies import YEAR, make_subsidies

pytestmark = pytest.mark.django_db
TODAY = date(2021, 3, 1)


@pytest.fixture
def sub(ez):
    return make_subsidies(ez)


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(TODAY):
        yield


def offered(ez):
    return {(o.enterprise_name, o.clause.code): o.amount for o in selectors_subsidies.offers(ez.unit.pk, YEAR)}


def test_the_offers_list_who_qualifies_with_amounts_without_anyone_applying(ez, sub):
    # 2019 R&D is 300 × n 万元: n = 2 (齐鲁智造, 600) and n = 3 (黄河饮品, 900) qualify; n = 4 has left the zone.
    assert offered(ez) == {
        ("山东齐鲁智造有限公司", "第三条"): Decimal("600000.00"),
        ("济阳黄河饮品有限公司", "第三条"): Decimal("900000.00"),
        ("济南鲁味食品有限公司", "第九条"): Decimal("37037.03"),  # 123,456.78 × 30 % = 37,037.034
    }


def grants(ez, sub, *picks):
    return subsidies.grants_create(actor=ez.officer, unit=ez.unit, year=YEAR, picks=list(picks))


def test_grants_are_created_from_the_offers_once_and_audited(ez, sub):
    made = grants(ez, sub, (ez.enterprises[1].pk, sub.rd.pk), (ez.enterprises[0].pk, sub.topup.pk))
    assert sorted(g.amount for g in made) == [Decimal("37037.03"), Decimal("600000.00")]
    assert AuditEntry.objects.filter(object_type="enterprise.grant", action="create").count() == 2
    with pytest.raises(ValidationError, match="已生成兑现"):
        grants(ez, sub, (ez.enterprises[1].pk, sub.rd.pk))
    with pytest.raises(ValidationError, match="不符合"):
        grants(ez, sub, (ez.enterprises[3].pk, sub.rd.pk))  # left the zone


def through_approval(ez, grant):
    subsidies.grant_review(actor=ez.officer, grant=grant)
    return subsidies.grant_approve(actor=ez.admin, grant=grant)


def test_the_budget_refuses_what_would_exceed_it_naming_the_remainder(ez, sub):
    small = grants(ez, sub, (ez.enterprises[0].pk, sub.topup.pk))[0]
    through_approval(ez, small)
    big = grants(ez, sub, (ez.enterprises[1].pk, sub.rd.pk))[0]
    subsidies.grant_review(actor=ez.officer, grant=big)
    with pytest.raises(ValidationError) as refused:
        subsidies.grant_approve(actor=ez.admin, grant=big)
    assert "剩余 462,962.97 元" in refused.value.messages[0] and "本笔 600,000.00 元" in refused.value.messages[0]
    subsidies.budget_set(actor=ez.admin, unit=ez.unit, year=YEAR, amount=Decimal("700000"))
    assert subsidies.grant_approve(actor=ez.admin, grant=big).state == Grant.State.APPROVED
    with pytest.raises(ValidationError, match="预算不能低于"):
        subsidies.budget_set(actor=ez.admin, unit=ez.unit, year=YEAR, amount=Decimal("600000"))


def test_only_the_unit_admin_approves_and_pays(ez, sub):
    grant = grants(ez, sub, (ez.enterprises[0].pk, sub.topup.pk))[0]
    subsidies.grant_review(actor=ez.officer, grant=grant)
    with pytest.raises(PermissionDenied):
        subsidies.grant_approve(actor=ez.officer, grant=grant)


def test_payment_is_recorded_with_date_and_voucher_and_never_twice(ez, sub):
    grant = through_approval(ez, grants(ez, sub, (ez.enterprises[0].pk, sub.topup.pk))[0])
    with pytest.raises(ValidationError, match="凭证号"):
        subsidies.grant_pay(actor=ez.admin, grant=grant, paid_on=TODAY, voucher=" ")
    paid = subsidies.grant_pay(actor=ez.admin, grant=grant, paid_on=TODAY, voucher="记-2021-031")
    assert paid.state == Grant.State.PAID and paid.voucher == "记-2021-031"
    with pytest.raises(ValidationError, match="须先审批"):
        subsidies.grant_pay(actor=ez.admin, grant=paid, paid_on=TODAY, voucher="again")
    with pytest.raises(ValidationError, match="已生成兑现"):
        grants(ez, sub, (ez.enterprises[0].pk, sub.topup.pk))


def test_every_step_is_withdrawn_with_a_reason_and_audited(ez, sub):
    grant = through_approval(ez, grants(ez, sub, (ez.enterprises[0].pk, sub.topup.pk))[0])
    grant = subsidies.grant_pay(actor=ez.admin, grant=grant, paid_on=TODAY, voucher="记-1")
    with pytest.raises(PermissionDenied):
        subsidies.grant_withdraw(actor=ez.officer, grant=grant, reason="错付")
    with pytest.raises(ValidationError, match="原因"):
        subsidies.grant_withdraw(actor=ez.admin, grant=grant, reason="")
    states = []
    for _ in range(4):
        grant = subsidies.grant_withdraw(actor=ez.admin, grant=grant, reason="凭证号录错")
        states.append(grant.state)
    assert states == ["approved", "reviewed", "proposed", "withdrawn"]
    assert grant.paid_on is None and grant.voucher == "" and grant.withdraw_reason == "凭证号录错"
    entries = AuditEntry.objects.filter(object_type="enterprise.grant", reason="凭证号录错")
    assert entries.count() == 4
    # Withdrawn, the enterprise may be granted again.
    assert grants(ez, sub, (ez.enterprises[0].pk, sub.topup.pk))


def test_a_paid_grant_whose_enterprise_leaves_within_the_years_is_listed_and_recovered(ez, sub):
    grant = grants(ez, sub, (ez.enterprises[2].pk, sub.rd.pk))[0]
    subsidies.budget_set(actor=ez.admin, unit=ez.unit, year=YEAR, amount=Decimal("1000000"))
    grant = subsidies.grant_pay(
        actor=ez.admin, grant=through_approval(ez, grant), paid_on=date(2021, 1, 10), voucher="记-9"
    )
    assert selectors_subsidies.clawbacks(ez.admin, as_of=TODAY) == []
    Enterprise.objects.filter(pk=ez.enterprises[2].pk).update(status="left", left_on=date(2021, 2, 1))
    assert selectors_subsidies.clawbacks(ez.admin, as_of=TODAY) == [grant]
    with pytest.raises(ValidationError, match="不超过兑现金额"):
        subsidies.grant_recover(actor=ez.admin, grant=grant, recovered_on=TODAY, amount=Decimal("900000.01"))
    subsidies.grant_recover(actor=ez.admin, grant=grant, recovered_on=TODAY, amount=Decimal("900000"), note="已退回")
    grant.refresh_from_db()
    assert grant.recovered_amount == Decimal("900000")
    with pytest.raises(PermissionDenied):
        subsidies.grant_withdraw(actor=ez.admin, grant=grant, reason="x")


def test_a_clause_with_a_bad_condition_is_refused_with_its_name(ez, sub):
    with pytest.raises(ValidationError) as refused:
        subsidies.clause_save(
            actor=ez.admin,
            policy=sub.policy,
            code="第五条",
            title="人才",
            conditions=[{"field": "博士人数", "op": "≥", "value": "1"}],
            formula={"kind": "fixed", "amount": "1"},
        )
    assert refused.value.messages[0].startswith("科技创新十条第五条第1个条件：字段“博士人数”不认识")
    with pytest.raises(PermissionDenied):
        subsidies.clause_save(
            actor=ez.officer,
            policy=sub.policy,
            code="第六条",
            title="x",
            conditions=[],
            formula={"kind": "fixed", "amount": "1"},
        )
