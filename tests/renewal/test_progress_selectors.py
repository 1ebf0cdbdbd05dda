"""The progress figures as of a day (whole project, per community, per group), the series, the brief: counted from
the rows' own dates, scoped, in a fixed number of queries. Rows are made directly with the ORM (the factories
below, which keep the owners' first measured day as the measurement services do; the other test_progress_* files
use them too)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models import Min

from taizhang.core.models import RecordStatus
from taizhang.renewal import progress
from taizhang.renewal.models import Agreement, Site, Violation
from taizhang.renewal.rules import ProgressFigures

D = date(2020, 9, 15)


# --- factories ------------------------------------------------------------------------------------------


def site(
    renewal,
    number: str,
    owners=(),
    measured_on: date | None = D,
    *,
    kind=Site.Kind.COURTYARD,
    status=RecordStatus.ACTIVE,
    community=None,
    group=None,
) -> Site:
    owners = [renewal.entry(no) for no in owners]
    community = community or (owners[0].community if owners else renewal.world.chengli)
    made = Site.objects.create(
        unit=renewal.project.unit,
        community=community,
        project=renewal.project,
        group=group or (owners[0].group if owners else None),
        kind=kind,
        number=number,
        enterprise="" if kind == Site.Kind.COURTYARD else "济阳机械厂",
        measured_on=measured_on,
        status=status,
    )
    made.owners.set(owners)
    for owner in owners:  # what the measurement services keep (test_progress_contract.py holds them to it)
        owner.measured_on = Site.objects.filter(owners=owner, status=RecordStatus.ACTIVE).aggregate(
            first=Min("measured_on")
        )["first"]
        owner.save(update_fields=["measured_on"])
    return made


def determined(renewal, no: str, on: date = D) -> None:
    entry = renewal.entry(no)
    entry.determined_on = on
    entry.save(update_fields=["determined_on"])


def agreement(renewal, no: str, signed_on: date | None = D, vacated_on: date | None = None) -> Agreement:
    entry = renewal.entry(no)
    status = (
        Agreement.Status.VACATED if vacated_on else Agreement.Status.SIGNED if signed_on else Agreement.Status.UNSIGNED
    )
    return Agreement.objects.create(
        unit=entry.unit,
        community=entry.community,
        project=entry.project,
        entry=entry,
        group=entry.group,
        option=Agreement.Option.MONETARY,
        status=status,
        signed_on=signed_on,
        vacated_on=vacated_on,
    )


def violation(
    renewal, found_on: date = D, demolished_on: date | None = None, *, community=None, status=RecordStatus.ACTIVE
) -> Violation:
    return Violation.objects.create(
        unit=renewal.project.unit,
        community=community or renewal.world.chengli,
        project=renewal.project,
        group=renewal.first_group,
        location="城里居北街",
        description="冻结后加盖二层",
        found_on=found_on,
        demolished_on=demolished_on,
        progress=Violation.Progress.DEMOLISHED if demolished_on else Violation.Progress.REPORTED,
        status=status,
    )


def busy_project(renewal) -> None:
    """Some of everything: JY001 (城里居) with two courtyards, JY101 and JY102 (东关居) sharing one, a factory."""
    site(renewal, "CL-01", ["JY001"], D - timedelta(days=10))
    site(renewal, "CL-02", ["JY001"], D)
    site(renewal, "DG-01", ["JY101", "JY102"], D - timedelta(days=3))
    site(
        renewal,
        "CF-01",
        kind=Site.Kind.FACTORY,
        measured_on=D - timedelta(days=1),
        community=renewal.world.chengli,
        group=renewal.first_group,
    )
    determined(renewal, "JY001", D - timedelta(days=2))
    determined(renewal, "JY101", D)
    agreement(renewal, "JY001", D, D + timedelta(days=5))
    violation(renewal, D - timedelta(days=20), D - timedelta(days=2))


# --- the figures as of a day ----------------------------------------------------------------------------


def test_a_courtyard_measured_on_the_day_counts_on_that_day_and_not_the_day_before(renewal):
    site(renewal, "CL-01", ["JY001"], D)
    user = renewal.world.jy_admin
    assert progress.progress_as_of(user, renewal.project, D).total.measured == 1
    assert progress.progress_as_of(user, renewal.project, D).total.courtyards == 1
    day_before = progress.progress_as_of(user, renewal.project, D - timedelta(days=1)).total
    assert (day_before.measured, day_before.courtyards) == (0, 0)


def test_voided_courtyards_and_violations_do_not_count(renewal):
    site(renewal, "CL-01", ["JY001"], D, status=RecordStatus.VOIDED)
    violation(renewal, status=RecordStatus.VOIDED)
    total = progress.progress_as_of(renewal.world.jy_admin, renewal.project, D).total
    assert (total.measured, total.courtyards, total.violations_found) == (0, 0, 0)
    assert total.households == 3


def test_a_site_not_yet_measured_does_not_count(renewal):
    site(renewal, "CL-01", ["JY001"], None)
    assert progress.progress_as_of(renewal.world.jy_admin, renewal.project, D).total.measured == 0


def test_a_household_with_two_courtyards_counts_once_and_a_shared_courtyard_counts_each_owner(renewal):
    busy_project(renewal)
    total = progress.progress_as_of(renewal.world.jy_admin, renewal.project, D).total
    assert total == ProgressFigures(
        households=3,
        measured=3,
        courtyards=3,
        factories=1,
        determined=2,
        signed=1,
        vacated=0,
        violations_found=1,
        violations_demolished=1,
    )


def test_only_a_factory_measured_measures_no_household(renewal):
    site(renewal, "CF-01", kind=Site.Kind.FACTORY)
    total = progress.progress_as_of(renewal.world.jy_admin, renewal.project, D).total
    assert (total.measured, total.factories) == (0, 1)


@pytest.mark.parametrize(
    "as_of, expected",
    [
        (D - timedelta(days=30), ProgressFigures(households=3)),
        (D - timedelta(days=10), ProgressFigures(households=3, measured=1, courtyards=1, violations_found=1)),
        (
            D - timedelta(days=1),
            ProgressFigures(
                households=3,
                measured=3,
                courtyards=2,
                factories=1,
                determined=1,
                violations_found=1,
                violations_demolished=1,
            ),
        ),
        (
            D + timedelta(days=5),
            ProgressFigures(
                households=3,
                measured=3,
                courtyards=3,
                factories=1,
                determined=2,
                signed=1,
                vacated=1,
                violations_found=1,
                violations_demolished=1,
            ),
        ),
    ],
)
def test_each_figure_counts_from_its_own_date(renewal, as_of, expected):
    busy_project(renewal)
    assert progress.progress_as_of(renewal.world.jy_admin, renewal.project, as_of).total == expected


def test_the_figures_per_community_and_per_group(renewal):
    busy_project(renewal)
    result = progress.progress_as_of(renewal.world.jy_admin, renewal.project, D)
    by_community = {row.name: row.figures for row in result.communities}
    assert list(by_community) == ["城里居", "东关居"]
    assert by_community["城里居"] == ProgressFigures(
        households=1,
        measured=1,
        courtyards=2,
        factories=1,
        determined=1,
        signed=1,
        violations_found=1,
        violations_demolished=1,
    )
    assert by_community["东关居"] == ProgressFigures(households=2, measured=2, courtyards=1, determined=1)
    by_group = {row.name: row.figures for row in result.groups}
    assert list(by_group) == ["第一工作组", "第二工作组", "人口界定工作组"]
    assert by_group["第一工作组"] == by_community["城里居"]
    assert by_group["第二工作组"] == by_community["东关居"]
    assert by_group["人口界定工作组"] == ProgressFigures(determined=2)  # it determines for the whole project


def test_records_without_a_group_get_their_own_row(renewal):
    entry = renewal.entry("JY101")
    entry.group = None
    entry.save(update_fields=["group"])
    result = progress.progress_as_of(renewal.world.jy_admin, renewal.project, D)
    assert result.groups[-1].name == "未分组" and result.groups[-1].figures.households == 1


def test_a_community_worker_sees_only_their_community(renewal):
    busy_project(renewal)
    worker = renewal.world.jy_worker  # 吴工作, 城里居
    result = progress.progress_as_of(worker, renewal.project, D)
    assert [row.name for row in result.communities] == ["城里居"]
    assert result.total == ProgressFigures(
        households=1,
        measured=1,
        courtyards=2,
        factories=1,
        determined=1,
        signed=1,
        violations_found=1,
        violations_demolished=1,
    )
    assert {row.name: row.figures.households for row in result.groups}["第二工作组"] == 0
    text, _ = progress.brief(worker, renewal.project, D, D)
    assert text.startswith("截至目前,城里居累计测量1户,")


def test_communities_come_in_the_units_order(renewal):
    renewal.dongguan.sort_order = 0
    renewal.dongguan.save(update_fields=["sort_order"])
    renewal.world.chengli.sort_order = 1
    renewal.world.chengli.save(update_fields=["sort_order"])
    assert [c.name for c in progress.project_communities(renewal.world.jy_admin, renewal.project)] == [
        "东关居",
        "城里居",
    ]


def test_the_figures_take_the_same_few_queries_however_many_rows(renewal, django_assert_num_queries):
    user = renewal.world.jy_admin
    progress.progress_as_of(user, renewal.project, D)  # the user's scope is worked out once
    with django_assert_num_queries(6):  # households, sites, agreements, violations, communities, groups
        progress.progress_as_of(user, renewal.project, D)
    busy_project(renewal)
    for n in range(20):
        site(renewal, f"X-{n:02d}", ["JY102"], D - timedelta(days=n))
    with django_assert_num_queries(6):
        progress.progress_as_of(user, renewal.project, D)


# --- the series and the brief ---------------------------------------------------------------------------


def test_the_series_cumulates_each_figure_by_the_week_from_the_start(renewal):
    busy_project(renewal)
    as_of = D + timedelta(days=5)
    series = progress.progress_series(renewal.world.jy_admin, renewal.project, as_of)
    assert series.points[0] == renewal.project.start_date + timedelta(days=6) and series.points[-1] == as_of
    last = progress.progress_as_of(renewal.world.jy_admin, renewal.project, as_of).total
    for key, values in series.lines.items():
        assert values == sorted(values) and values[-1] == getattr(last, key), key
    week = next(i for i, p in enumerate(series.points) if p >= D - timedelta(days=3))
    assert series.lines["measured"][week - 1] <= 1


def test_the_series_counts_a_household_from_its_first_measured_courtyard(renewal):
    site(renewal, "CL-01", ["JY001"], D - timedelta(days=40))
    site(renewal, "CL-02", ["JY001"], D)
    series = progress.progress_series(renewal.world.jy_admin, renewal.project, D)
    first = next(i for i, p in enumerate(series.points) if p >= D - timedelta(days=40))
    assert series.lines["measured"][first] == 1 and series.lines["measured"][-1] == 1
    assert series.lines["courtyards"][first] == 1 and series.lines["courtyards"][-1] == 2


def test_the_brief_for_an_earlier_day_names_the_date(renewal):
    busy_project(renewal)
    text, figures = progress.brief(renewal.world.jy_admin, renewal.project, D, D + timedelta(days=30))
    assert text == (
        "截至2020年9月15日,城里居、东关居累计测量3户,测量院落3个,测量厂房1所,人口界定2户。累计签约1户。"
        "控违拆违发现违法建设1处,拆除1处。"
    )
    assert figures.total.measured == 3
