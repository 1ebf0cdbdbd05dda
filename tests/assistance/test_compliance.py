"""Monthly visit compliance: counted in SQL exactly as the rules say, in a constant number of queries."""

import random
from datetime import date, timedelta

import pytest

from taizhang.assistance import rules
from taizhang.assistance.households import assisted_mark
from taizhang.assistance.models import Category, Visit
from taizhang.assistance.selectors import month_compliance, my_households, unit_rules
from taizhang.assistance.visit_rules import rule_version_create
from taizhang.assistance.visits import visit_void
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household
from tests.assistance.conftest import household, visit
from tests.conftest import csv_bytes, household_rows

MARCH = rules.Month(2026, 3)


def by_no(report):
    return {h.household_no: h for h in report.households}


def test_two_valid_visits_make_a_household_compliant(assisted):
    worker = assisted.xs_worker
    visit(worker, "XS001", date(2026, 3, 2), "09:00", 30)  # exactly 30 minutes counts
    visit(worker, "XS001", date(2026, 3, 9), "09:00", 29)  # 29 does not
    visit(worker, "XS001", date(2026, 2, 28), "09:00", 60)  # the last day of the previous month does not
    report = month_compliance(assisted.xs_admin, MARCH, today=date(2026, 3, 20))
    xs001 = by_no(report)["XS001"]
    assert (xs001.valid, xs001.required, xs001.result.label) == (1, 2, "未达标")
    assert xs001.helpers == ["张帮扶"] and xs001.head == "张三" and xs001.community == "新市村"
    visit(worker, "XS001", date(2026, 3, 31), "23:40", 40)  # starts on the 31st, ends in April: March's
    xs001 = by_no(month_compliance(assisted.xs_admin, MARCH))["XS001"]
    assert (xs001.valid, xs001.result.label) == (2, "达标")


def test_voided_visits_do_not_count(assisted):
    kept = visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    visit_void(actor=assisted.xs_admin, visit=kept, reason="重复")
    assert by_no(month_compliance(assisted.xs_admin, MARCH))["XS001"].valid == 0


def test_past_months_are_judged_by_the_rules_of_their_time(assisted):
    worker = assisted.xs_worker
    for day in (date(2026, 2, 3), date(2026, 2, 10), date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 20)):
        visit(worker, "XS001", day, "09:00", 40)
    rule_version_create(
        actor=assisted.xs_admin,
        unit=assisted.xinshi,
        effective_from=date(2026, 3, 15),
        min_visits_per_month=3,
        min_minutes=45,
    )
    february = by_no(month_compliance(assisted.xs_admin, rules.Month(2026, 2)))["XS001"]
    assert (february.valid, february.required) == (2, 2)  # untouched by the March change
    march = by_no(month_compliance(assisted.xs_admin, MARCH))["XS001"]
    assert (march.valid, march.required) == (2, 2)  # 40 minutes after the 15th no longer counts
    april = rules.Month(2026, 4)
    assert by_no(month_compliance(assisted.xs_admin, april))["XS001"].required == 3


def test_groups_by_helper_village_and_in_total(assisted):
    for day in (date(2026, 3, 2), date(2026, 3, 9)):
        visit(assisted.xs_worker, "XS001", day, "09:00", 40)
    visit(assisted.wenshao_worker, "XS002", date(2026, 3, 2), "10:00", 40)
    report = month_compliance(assisted.xs_admin, MARCH, today=date(2026, 3, 25))
    assert [(g.name, g.households, g.met) for g in report.by_community] == [("新市村", 1, 1), ("闻韶村", 1, 0)]
    assert {g.name: (g.met, g.valid_visits, g.missing_visits) for g in report.by_helper} == {
        "张帮扶": (1, 2, 0),
        "孙帮扶": (0, 1, 1),
    }
    assert (report.total.households, report.total.met, report.total.valid_visits) == (2, 1, 3)
    assert [h.household_no for h in report.due] == ["XS002"] and report.days_left == 7


def test_each_user_sees_their_scope(assisted):
    assert [h.household_no for h in month_compliance(assisted.jy_admin, MARCH).households] == ["JY001"]
    assert [h.household_no for h in month_compliance(assisted.xs_worker, MARCH).households] == ["XS001"]
    assert len(month_compliance(assisted.leader, MARCH).households) == 3
    assert [h.household_no for h in my_households(assisted.wenshao_worker, MARCH).households] == ["XS002"]


def test_households_not_yet_or_no_longer_assisted_are_left_out(assisted):
    assert month_compliance(assisted.xs_admin, rules.Month(2024, 12)).households == []


def _more_households(world, n):
    rows = [row for i in range(n) for row in household_rows(f"XS{100 + i}", "新市村", 2, 200 + 10 * i)]
    assert household_import(unit=world.xinshi, data=csv_bytes(rows), filename="more.csv").ok
    for i in range(n):
        assisted_mark(
            actor=world.xs_admin,
            household=Household.objects.get(household_no=f"XS{100 + i}"),
            category=Category.MONITORED,
            start_date=date(2025, 6, 1),
            helpers=[world.xs_worker],
        )


def test_the_query_count_does_not_grow_with_the_households(assisted, django_assert_max_num_queries):
    visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    with django_assert_max_num_queries(6) as few:
        month_compliance(assisted.xs_admin, MARCH)
    _more_households(assisted, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        report = month_compliance(assisted.xs_admin, MARCH)
    assert len(report.households) == 14


def test_sql_counting_agrees_with_the_rules_for_random_visits(assisted):
    """The compliance query is rules.visit_validity in SQL: random visits, both ways, same counts."""
    rule_version_create(
        actor=assisted.xs_admin,
        unit=assisted.xinshi,
        effective_from=date(2026, 3, 12),
        min_visits_per_month=3,
        min_minutes=35,
    )
    rng = random.Random(7)
    start = date(2026, 2, 26)
    for slot in range(1, 41):
        day = start + timedelta(days=rng.randint(0, 40))
        recorded = (
            visit(
                assisted.xs_worker, "XS001", day, f"{6 + slot % 12:02d}:{rng.choice((0, 30)):02d}", rng.randint(20, 50)
            )
            if not Visit.objects.filter(visit_date=day).exists()
            else None
        )
        if recorded and rng.random() < 0.2:
            visit_void(actor=assisted.xs_admin, visit=recorded, reason="抽查作废")
    versions = unit_rules(assisted.xinshi.id)
    for month in (rules.Month(2026, 2), MARCH, rules.Month(2026, 4)):
        expected = sum(
            rules.visit_validity(day=v.visit_date, minutes=v.minutes, voided=v.status == "voided", rules=versions)[0]
            for v in Visit.objects.filter(
                assisted=household("XS001"), visit_date__year=month.year, visit_date__month=month.month
            )
        )
        assert by_no(month_compliance(assisted.xs_admin, month))["XS001"].valid == expected, month


@pytest.mark.parametrize("month", ["2026-03", "2026-3"])
def test_months_parse(month):
    assert rules.Month.parse(month) == MARCH
