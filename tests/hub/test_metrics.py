"""The metric engine: ratios add numerators and denominators, targets in both directions, links, the command."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.core.manifest import Value
from taizhang.hub import metrics
from taizhang.hub.services import unit_modules_set


def test_a_ratio_adds_its_parts_never_averages_rates():
    total = Value(1, 1) + Value(1, 3)
    assert total == Value(2, 4) and total.number == Decimal("50.0")
    assert Value(7, 8).text("%") == "87.5%" and Value(2, 3).text("%") == "66.7%" and Value(1, 8).text("%") == "12.5%"
    assert Value(0, 0).text("%") == "—" and Value(1234).text("户") == "1,234 户"


@pytest.mark.parametrize(
    "higher_is_better, number, target, behind",
    [
        (True, "80.0", "90", True),
        (True, "90.0", "90", False),
        (True, "95.0", "90", False),
        (False, "3", "0", True),
        (False, "0", "0", False),
        (False, "2", "5", False),
        (True, "10", None, False),
        (True, None, "90", False),
    ],
)
def test_a_figure_is_behind_its_target_in_the_direction_of_better(higher_is_better, number, target, behind):
    metric = metrics.Metric("x", "x", "%", "x.y", higher_is_better=higher_is_better)
    assert metrics.is_behind(metric, Decimal(number) if number else None, Decimal(target) if target else None) is behind


def test_each_figure_links_to_its_list_filtered_where_the_list_can_be():
    compliance = metrics.find("assistance.visit_compliance")
    assert (
        compliance.url(unit_id=2, community_id=5, as_of=date(2020, 9, 30))
        == "/assistance/compliance/?month=2020-09&community=5"
    )
    assert compliance.url(unit_id=2, as_of=date(2020, 9, 30)) == "/assistance/compliance/?month=2020-09"
    assert (
        metrics.find("assistance.overdue_problems").url(community_id=5)
        == "/assistance/problems/?overdue=on&community=5"
    )
    assert metrics.find("registry.households").url(unit_id=2) == "/registry/households/?unit=2"


def test_every_published_figure_names_a_function_that_loads():
    for item in metrics.published():
        assert callable(item.spec.load(item.metric.compute)), item.key
        if item.metric.per_person:
            assert callable(item.spec.load(item.metric.per_person)), item.key


def lines(*args) -> list[str]:
    out = io.StringIO()
    call_command("metrics", *args, stdout=out)
    return out.getvalue().splitlines()


def test_the_command_prints_each_units_figures_of_its_modules(seeded):
    unit_modules_set(actor=None, unit=seeded.jiyang, keys={"renewal"})
    printed = lines("--as-of", "2020-09-30")
    assert "新市镇 走访达标率: —" in printed and "新市镇 累计测量户数: 0 户" in printed
    assert "济阳街道 签约户数: 0 户" in printed and not any(line.startswith("济阳街道 走访达标率") for line in printed)
    today = lines("--unit", "新市镇")
    assert today[:2] == ["新市镇 户数: 2 户", "新市镇 人数: 5 人"]
    assert all(line.startswith("新市镇 ") for line in today)


def test_the_command_refuses_a_bad_date_or_unit(seeded):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        lines("--as-of", "2020-13-01")
    with pytest.raises(CommandError, match="没有名为"):
        lines("--unit", "不存在镇")


def test_households_count_as_of_the_day_they_were_registered(seeded):
    from django.utils import timezone

    from taizhang.registry.models import Household

    Household.objects.filter(household_no="XS002").update(created_at=timezone.now() - timezone.timedelta(days=40))
    earlier = metrics.household_counts(
        unit_ids=[seeded.xinshi.pk], as_of=timezone.localdate() - timezone.timedelta(days=10), month=date(2020, 1, 1)
    )
    assert earlier == {(seeded.xinshi.pk, seeded.wenshao.pk): Value(1)}
