"""The flags of a measurement's absurd values and of buildings built after the freeze."""

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal.rules import (
    REMEASURE,
    building_footprint,
    m2,
    measurement_flags,
    needs_remeasure,
)
from taizhang.renewal.rules import (
    MeasuredBuilding as B,
)

FREEZE = date(2020, 6, 1)


@pytest.mark.parametrize(
    "buildings, site_area, flags",
    [
        ([B("主房", D("120.50"), 2)], D("80"), []),
        ([B("主房", D("0"))], D("80"), [f"{REMEASURE}：主房建筑面积为零或负数（0.00 m²）"]),
        ([B("厢房", D("-3.2"))], None, [f"{REMEASURE}：厢房建筑面积为零或负数（-3.20 m²）"]),
        ([B("主房", D("2000.01"))], D("3000"), [f"{REMEASURE}：主房建筑面积 2000.01 m²，超过 2000 m²，请核实"]),
        ([B("主房", D("2000"))], D("3000"), []),  # the bound itself is fine
        ([B("车间", D("5000"), 1, "厂房")], D("6000"), []),  # a factory hall may be large
        (
            [B("主房", D("100"), 1), B("厢房", D("30"), 1)],
            D("120"),
            [f"{REMEASURE}：占地面积 120.00 m² 小于房屋占地 130.00 m²（各房屋建筑面积÷层数之和）"],
        ),
        ([B("主房", D("200"), 2)], D("100"), []),  # two floors: 100 m² of ground
        (
            [B("主房", D("200"), 2)],
            D("99.99"),
            [f"{REMEASURE}：占地面积 99.99 m² 小于房屋占地 100.00 m²（各房屋建筑面积÷层数之和）"],
        ),
        ([B("主房", D("100"))], D("0"), [f"{REMEASURE}：占地面积为零或负数（0.00 m²）"]),
        ([B("主房", D("100"))], None, []),  # no site area measured
        ([], None, [f"{REMEASURE}：没有登记房屋，建筑面积为零"]),
        ([B("主房", D("100"), 1, "住宅", FREEZE)], D("200"), []),  # built on the freeze day counts
        (
            [B("偏房", D("20"), 1, "住宅", date(2020, 6, 2))],
            D("200"),
            ["偏房：冻结日后（2020-06-02）新建、扩建，不予补偿"],
        ),
        ([B("主房", D("100"), 0)], D("200"), [f"{REMEASURE}：主房层数为 0，应至少为 1"]),
    ],
)
def test_measurement_flags(buildings, site_area, flags):
    assert measurement_flags(buildings, site_area, FREEZE) == flags


def test_a_building_after_the_freeze_is_not_a_reason_to_measure_again():
    flags = measurement_flags([B("偏房", D("20"), built_on=date(2021, 1, 1))], D("50"), FREEZE)
    assert flags and not needs_remeasure(flags)
    assert needs_remeasure(measurement_flags([B("主房", D("0"))], None, FREEZE))


def test_the_footprint_divides_each_building_by_its_floors():
    assert building_footprint([B("a", D("100"), 3), B("b", D("50"), 1)]) == D("83.33")


areas = st.decimals(min_value=D("0.01"), max_value=D("2000"), places=2)
buildings = st.lists(
    st.builds(
        B,
        st.sampled_from(["主房", "厢房", "偏房"]),
        areas,
        st.integers(1, 6),
        st.sampled_from(["住宅", "经营"]),
        st.one_of(st.none(), st.dates(date(1950, 1, 1), FREEZE)),
    ),
    min_size=1,
    max_size=6,
)


@given(buildings)
def test_sane_measurements_have_no_flags(items):
    site_area = building_footprint(items) + D("1")
    assert measurement_flags(items, site_area, FREEZE) == []


@given(buildings)
def test_the_footprint_is_never_more_than_the_floor_area(items):
    assert building_footprint(items) <= m2(sum(b.floor_area for b in items))


@given(buildings, st.decimals(min_value=D("0.01"), max_value=D("10000"), places=2), st.randoms())
def test_the_order_of_the_buildings_does_not_change_which_flags_there_are(items, site_area, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert sorted(measurement_flags(items, site_area, FREEZE)) == sorted(measurement_flags(shuffled, site_area, FREEZE))


@given(buildings, st.decimals(min_value=D("0.01"), max_value=D("10000"), places=2))
def test_a_larger_site_never_adds_a_flag(items, site_area):
    assert len(measurement_flags(items, site_area + D("100"), FREEZE)) <= len(
        measurement_flags(items, site_area, FREEZE)
    )


@given(buildings, st.decimals(max_value=D("0"), min_value=D("-100"), places=2))
def test_a_non_positive_building_area_always_asks_for_a_remeasurement(items, bad):
    items = [*items, B("坏数", bad)]
    assert needs_remeasure(measurement_flags(items, None, FREEZE))
