"""The subsidies' demo on the test zone: the three policy sets, a budget, city subsidies, grants in every state and a
clawback; run twice, it changes nothing."""

from datetime import date

import pytest

from taizhang.core import clock
from taizhang.enterprise import demo_subsidies, selectors_subsidies
from taizhang.enterprise.models import CitySubsidy, Clause, Enterprise, EnterpriseFigure, Grant, Policy, SubsidyBudget

pytestmark = pytest.mark.django_db
TODAY = date(2021, 4, 15)


def counts():
    return [m.objects.count() for m in (Policy, Clause, CitySubsidy, Grant, SubsidyBudget)] + [
        sorted(Grant.objects.values_list("state", flat=True))
    ]


def test_the_demo_builds_every_state_and_a_clawback_and_is_idempotent(ez):
    # More figures so that more clauses match: the zone's 2020 figures grow 25 % on 2019.
    EnterpriseFigure.objects.filter(year=2020).update(revenue=12500, rd=1200)
    Enterprise.objects.filter(pk=ez.enterprises[2].pk).update(tag_new_industry=True, tag_specialized=True)
    with clock.frozen(TODAY):
        demo_subsidies.build(unit=ez.unit, seed=7, today=TODAY)
        first = counts()
        demo_subsidies.build(unit=ez.unit, seed=7, today=TODAY)
        assert counts() == first
        clawbacks = selectors_subsidies.clawbacks(ez.admin, as_of=TODAY)
    assert [p.name for p in Policy.objects.order_by("name")] == ["人才驱动十条", "工业经济发展17条", "科技创新十条"]
    assert all(8 <= p.clauses.count() <= 10 for p in Policy.objects.all())
    assert set(first[-1]) >= {"proposed", "reviewed", "approved", "paid", "withdrawn"}
    assert SubsidyBudget.objects.get(year=2020).amount >= 10_000_000
    assert CitySubsidy.objects.filter(year=2020).exists()
    assert len({g.enterprise_id for g in clawbacks}) == 1  # one enterprise moved out after being paid


def test_the_demo_does_not_fail_without_enterprises(world):
    with clock.frozen(TODAY):
        demo_subsidies.build(unit=world.xinshi, seed=1, today=TODAY)
    assert Policy.objects.count() == 3 and not Grant.objects.exists()
