"""The measurement signals' rules: a courtyard far above its neighbours, a re-measurement far from the earlier one,
buildings built after the freeze."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.renewal.rules.signals_measurement import MeasuredSite, area_changes, area_outliers, built_after_freeze

DAY = date(2020, 7, 1)
LANE = ("老城区棚改", "城里居", "第一工作组")


def site(site_id, area, *, id=None, day=DAY, place=LANE, **kwargs):
    return MeasuredSite(
        id or site_id * 10,
        site_id,
        f"院落 CL-{site_id:04d}",
        day,
        D(area),
        place,
        "城里居第一工作组",
        **kwargs,
    )


NEIGHBOURS = [site(n, a) for n, a in enumerate(["100", "110", "120", "130", "140"], start=1)]  # median 120


@pytest.mark.parametrize(
    "subject, neighbours, flagged",
    [
        (site(9, "300.01"), NEIGHBOURS, True),
        (site(9, "300"), NEIGHBOURS, False),  # exactly 2.5 times the median does not count
        (site(9, "20"), NEIGHBOURS, False),  # measured short: the household objects in the publicity
        (site(9, "600"), NEIGHBOURS[:4], False),  # four neighbours are too few
        (site(9, "600", courtyard=False), NEIGHBOURS, False),  # a factory hall has no typical size
        (site(9, "600", remeasure=True), NEIGHBOURS, False),  # already asked to be measured again
        (site(9, "600", place=("老城区棚改", "东关居", None)), NEIGHBOURS, False),  # another lane's courtyards
        # Neighbours waiting to be measured again count for nothing.
        (site(9, "600"), [*NEIGHBOURS[:4], site(5, "140", remeasure=True)], False),
        # The subject's own current measurement is not its neighbour: the median stays 120.
        (site(9, "301", id=91), [*NEIGHBOURS, site(9, "301", id=91)], True),
    ],
)
def test_area_outliers(subject, neighbours, flagged):
    found = area_outliers([subject], neighbours, ratio=2.5, min_neighbours=5)
    assert [h.ids for h in found] == ([(subject.id,)] if flagged else [])


def test_an_outlier_names_the_courtyard_its_area_and_the_neighbours_median():
    [hint] = area_outliers([site(9, "420")], NEIGHBOURS, ratio=2.5, min_neighbours=5)
    assert hint.day == DAY
    assert hint.detail == (
        "院落 CL-0009 2020-07-01 测得建筑面积 420.00 m²，是城里居第一工作组其余 5 处院落面积中位数 120.00 m² 的 "
        "3.50 倍，超过 2.5 倍"
    )


areas = st.lists(st.integers(min_value=2000, max_value=40000), min_size=5, max_size=30)


@given(areas, st.integers(min_value=1, max_value=250))
def test_a_courtyard_within_the_ratio_of_its_neighbours_median_never_flags(values, percent):
    neighbours = [site(n, D(v) / 100) for n, v in enumerate(values, start=1)]
    ordered = sorted(D(v) / 100 for v in values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    subject = site(999, median * D(percent) / 100)
    assert area_outliers([subject], neighbours, ratio=2.5, min_neighbours=5) == []


@given(areas, st.integers(min_value=1, max_value=100000), st.integers(min_value=-3000, max_value=3000))
def test_shifting_every_date_or_scaling_every_area_changes_nothing(values, subject_area, days):
    subjects = [site(n, D(v) / 100) for n, v in enumerate([*values, subject_area], start=1)]

    def flagged(shift, scale):
        moved = [site(s.site_id, s.floor_area * scale, day=s.measured_on + shift) for s in subjects]
        return [h.ids for h in area_outliers(moved, moved, ratio=2.5, min_neighbours=5)]

    assert flagged(timedelta(days=days), 3) == flagged(timedelta(0), 1)


@pytest.mark.parametrize(
    "history, flagged",
    [
        ([("2020-05-01", "100"), ("2020-07-01", "110.01")], [(1, 2)]),
        ([("2020-05-01", "100"), ("2020-07-01", "110")], []),  # exactly 10 % is within
        ([("2020-05-01", "100"), ("2020-07-01", "89.99")], [(1, 2)]),  # down as well as up
        ([("2020-05-01", "100"), ("2020-07-01", "100")], []),
        ([("2020-07-01", "160")], []),  # a first measurement has nothing to differ from
        # The later one voided: it is no longer claimed.
        ([("2020-05-01", "100"), ("2020-07-01", "160", {"voided": True})], []),
        # The earlier one voided: still what the measurers first saw.
        ([("2020-05-01", "100", {"voided": True}), ("2020-07-01", "160")], [(1, 2)]),
        # The earlier one asked to be measured again: compared with the one before it.
        ([("2020-04-01", "100"), ("2020-05-01", "1200", {"remeasure": True}), ("2020-07-01", "105")], []),
        ([("2020-04-01", "100"), ("2020-05-01", "1200", {"remeasure": True}), ("2020-07-01", "150")], [(1, 3)]),
        # Each re-measurement against the one just before it.
        ([("2020-04-01", "100"), ("2020-05-01", "108"), ("2020-07-01", "116")], []),
    ],
)
def test_area_changes(history, flagged):
    measurements = [
        site(1, area, id=n, day=date.fromisoformat(day), **(extra[0] if extra else {}))
        for n, (day, area, *extra) in enumerate(history, start=1)
    ]
    assert [h.ids for h in area_changes(measurements, percent=10)] == flagged


def test_a_change_names_both_measurements_and_a_void():
    [hint] = area_changes(
        [
            site(1, "120", id=1, day=date(2020, 5, 20), voided=True, void_reason="录入错误"),
            site(1, "168", id=2, day=date(2020, 7, 2)),
        ],
        percent=10,
    )
    assert hint.day == date(2020, 7, 2)
    assert hint.detail == (
        "院落 CL-0001 2020-07-02 测得建筑面积 168.00 m²，比 2020-05-20 的测量（120.00 m²）多 48.00 m²（40.0%）；"
        "前一次测量已作废，原因：录入错误"
    )


@given(
    st.integers(min_value=1000, max_value=50000),
    st.lists(st.integers(min_value=-980, max_value=980), min_size=1, max_size=8),
    st.integers(min_value=-2000, max_value=2000),
)
def test_re_measurements_within_the_tolerance_never_flag_whatever_the_dates(start, steps, days):
    """Each re-measurement within 10 % of the one before it (steps in per ten thousand of it, kept under 9.8 %: areas
    are kept to the hundredth of a square metre, which moves a small area's step by up to 0.2 %), on shifted dates."""
    measurements, area = [site(1, D(start) / 100, id=0, day=DAY + timedelta(days=days))], D(start) / 100
    for n, step in enumerate(steps, start=1):
        area += area * D(step) / 10000
        measurements.append(site(1, area, id=n, day=DAY + timedelta(days=days + 30 * n)))
    assert area_changes(measurements, percent=10) == []


FREEZE = date(2020, 6, 1)


@pytest.mark.parametrize(
    "buildings, voided, flagged",
    [
        ((("正房", date(1990, 1, 1)), ("东厢房", FREEZE)), False, False),  # the freeze day itself is before
        ((("正房", date(1990, 1, 1)), ("东厢房", FREEZE + timedelta(days=1))), False, True),
        ((("正房", None),), False, False),  # no built date recorded
        ((("东厢房", FREEZE + timedelta(days=30)),), True, False),  # a voided measurement claims nothing
    ],
)
def test_built_after_freeze(buildings, voided, flagged):
    m = site(1, "100", freeze_on=FREEZE, buildings=buildings, voided=voided)
    assert [h.ids for h in built_after_freeze([m])] == ([(10,)] if flagged else [])


def test_a_late_building_says_whether_the_violation_ledger_has_it():
    late = (("正房", date(1990, 1, 1)), ("东厢房", date(2020, 6, 15)))
    [unknown] = built_after_freeze([site(1, "100", freeze_on=FREEZE, buildings=late)])
    [known] = built_after_freeze([site(1, "100", freeze_on=FREEZE, buildings=late, violation_reported=True)])
    assert unknown.detail == (
        "院落 CL-0001 2020-07-01 测量登记东厢房建成于 2020-06-15，晚于冻结日 2020-06-01；控违台账中没有该户的违建记录"
    )
    assert known.detail.endswith("控违台账已有该户违建记录")


@given(st.integers(min_value=-5000, max_value=5000), st.lists(st.integers(min_value=-60, max_value=60), max_size=5))
def test_shifting_the_freeze_and_the_built_dates_together_changes_nothing(days, offsets):
    shift = timedelta(days=days)
    buildings = tuple((f"房{n}", FREEZE + timedelta(days=o)) for n, o in enumerate(offsets))
    moved = tuple((label, built + shift) for label, built in buildings)
    before = built_after_freeze([site(1, "100", freeze_on=FREEZE, buildings=buildings)])
    after = built_after_freeze([site(1, "100", freeze_on=FREEZE + shift, buildings=moved)])
    assert [h.ids for h in after] == [h.ids for h in before] == ([(10,)] if any(o > 0 for o in offsets) else [])
