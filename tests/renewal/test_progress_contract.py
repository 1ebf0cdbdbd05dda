"""What the progress figures rely on the measurement services for: a household counts as measured from the first
day a valid measurement of one of its courtyards was taken (ProjectHousehold.measured_on, kept by
renewal.measurements), once however many courtyards it has, and no longer once that measurement is voided."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from taizhang.renewal import measurements, progress
from taizhang.renewal.models import Site
from taizhang.renewal.sites import site_create

D = date(2020, 9, 15)


def courtyard(renewal, number: str, owners: list[str]) -> Site:
    return site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number=number,
        community=renewal.entry(owners[0]).community,
        owners=[renewal.entry(no) for no in owners],
    )


def measure(renewal, site: Site, on: date):
    return measurements.measurement_record(
        actor=renewal.world.jy_admin,
        site=site,
        measured_on=on,
        measurer_names=["吴工作", "陈组长"],
        buildings=[measurements.BuildingIn(floor_area=Decimal("86.50"), structure="砖混")],
    )


def figures(renewal, on: date):
    return progress.progress_as_of(renewal.world.jy_admin, renewal.project, on).total


def test_a_household_measured_on_a_day_counts_from_that_day(renewal):
    measure(renewal, courtyard(renewal, "CL-01", ["JY001"]), D)
    assert (figures(renewal, D).measured, figures(renewal, D).courtyards) == (1, 1)
    assert (figures(renewal, D - timedelta(days=1)).measured, figures(renewal, D - timedelta(days=1)).courtyards) == (
        0,
        0,
    )


def test_two_courtyards_count_the_household_once_from_the_first(renewal):
    measure(renewal, courtyard(renewal, "CL-01", ["JY001"]), D)
    measure(renewal, courtyard(renewal, "CL-02", ["JY001"]), D - timedelta(days=5))
    assert figures(renewal, D - timedelta(days=5)).measured == 1
    assert (figures(renewal, D).measured, figures(renewal, D).courtyards) == (1, 2)


def test_a_shared_courtyard_measures_each_owner(renewal):
    measure(renewal, courtyard(renewal, "DG-01", ["JY101", "JY102"]), D)
    assert (figures(renewal, D).measured, figures(renewal, D).courtyards) == (2, 1)


def test_a_voided_measurement_stops_counting(renewal):
    site = courtyard(renewal, "CL-01", ["JY001"])
    measurement = measure(renewal, site, D)
    measurements.measurement_void(actor=renewal.world.jy_admin, measurement=measurement, reason="测错了院落")
    assert (figures(renewal, D).measured, figures(renewal, D).courtyards) == (0, 0)
