"""The subsidies' URL keywords for the scoping walk: a policy, a clause and a paid grant of 新市镇 (paid, so that the
unit admin reaches every grant page, recovery included)."""

from datetime import date
from decimal import Decimal

from taizhang.enterprise.models import Clause, Enterprise, Grant, Policy
from taizhang.enterprise.rules.uscc import with_check


def subsidy_policy_id(world):
    found, _ = Policy.objects.get_or_create(unit=world.xinshi, name="扫描测试政策", defaults={"first_year": 2020})
    return found.pk


def subsidy_clause_id(world):
    found, _ = Clause.objects.get_or_create(
        unit=world.xinshi,
        policy_id=subsidy_policy_id(world),
        code="第一条",
        defaults={"title": "扫描测试", "formula": {"kind": "fixed", "amount": "100"}, "clawback_years": 3},
    )
    return found.pk


def subsidy_grant_id(world):
    enterprise, _ = Enterprise.objects.get_or_create(
        unit=world.xinshi,
        uscc=with_check("91370125MA3T00002"),
        defaults={"name": "扫描测试迁出企业", "status": "left", "left_on": date(2020, 6, 1)},
    )
    found, _ = Grant.objects.get_or_create(
        unit=world.xinshi,
        enterprise=enterprise,
        clause_id=subsidy_clause_id(world),
        year=2019,
        defaults={"amount": Decimal(100), "state": "paid", "paid_on": date(2020, 1, 2), "voucher": "扫描"},
    )
    return found.pk


FACTORIES = {
    "subsidy_policy_id": subsidy_policy_id,
    "subsidy_clause_id": subsidy_clause_id,
    "subsidy_grant_id": subsidy_grant_id,
}
