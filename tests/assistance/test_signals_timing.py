"""The timing signals: schedules nobody could keep (impossible_travel, overfull_day), durations stuck at the minimum
(minimum_cluster), visits at night or on holidays (odd_hours) — tables of cases, properties, and a run through the
kernel's detection."""

import math
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.assistance.models import AssistedHousehold
from taizhang.assistance.rules import (
    Names,
    Road,
    VisitFacts,
    VisitRule,
    distance_metres,
    holiday_names,
    impossible_travel,
    minimum_cluster,
    odd_hours,
    overfull_day,
)
from taizhang.assistance.rules.signals_timing import in_night, travel
from taizhang.assistance.visit_rules import rule_version_create
from taizhang.integrity.detection import detect
from tests.assistance.conftest import household, visit

NAMES = Names({10: "XS0012", 11: "XS0031", 12: "XS0040"}, {7: "张帮扶", 8: "孙帮扶"})
HOME = (36.9784, 117.1769)
EAST_2_4_KM = (36.9784, 117.2038)  # 0.0269° of longitude at 37° north


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def made(id, household, start, end, helper=7, community=1, start_position=None, end_position=None):
    return VisitFacts(
        id, household, helper, at(start), at(end), at(end), "", start_position, end_position, community_id=community
    )


# --- the least time on the road ---------------------------------------------------------------------------------------


def test_the_example_positions_are_two_point_four_kilometres_apart():
    assert 2385 < distance_metres(HOME, EAST_2_4_KM) < 2395


@pytest.mark.parametrize(
    "earlier, later, homes, minutes",
    [
        # both households' recorded positions: 3 + 2.39 km at 20 km/h
        (made(1, 10, "2026-03-05 09:00", "2026-03-05 09:40"), made(2, 11, "2026-03-05 10:00", "2026-03-05 10:40"),
         {10: HOME, 11: EAST_2_4_KM}, 3 + 2390 / 333.33),
        # a household without a position: where the phone was (the earlier visit's end, the later one's start)
        (made(1, 10, "2026-03-05 09:00", "2026-03-05 09:40", end_position=EAST_2_4_KM),
         made(2, 11, "2026-03-05 10:00", "2026-03-05 10:40", start_position=HOME), {}, 3 + 2390 / 333.33),
        # the recorded position wins over the phone's
        (made(1, 10, "2026-03-05 09:00", "2026-03-05 09:40", end_position=EAST_2_4_KM),
         made(2, 11, "2026-03-05 10:00", "2026-03-05 10:40"), {10: HOME, 11: HOME}, 3),
        # a position missing, two 村居: the unit's minutes between villages
        (made(1, 10, "2026-03-05 09:00", "2026-03-05 09:40", community=1),
         made(2, 11, "2026-03-05 10:00", "2026-03-05 10:40", community=2), {10: HOME}, 10),
        # a position missing, one 村居: nothing is claimed
        (made(1, 10, "2026-03-05 09:00", "2026-03-05 09:40"), made(2, 11, "2026-03-05 10:00", "2026-03-05 10:40"),
         {10: HOME}, None),
        # the same household: no road
        (made(1, 10, "2026-03-05 09:00", "2026-03-05 09:40"), made(2, 10, "2026-03-05 10:00", "2026-03-05 10:40"),
         {10: HOME}, None),
    ],
    ids=["homes", "phones", "home-first", "villages", "one-village", "same-household"],
)  # fmt: skip
def test_the_least_time_on_the_road(earlier, later, homes, minutes):
    found = travel(earlier, later, homes, Road()).minutes
    assert found == (None if minutes is None else pytest.approx(minutes, abs=0.05))


# --- impossible_travel ------------------------------------------------------------------------------------------------


def test_two_households_too_far_apart_for_the_gap_between_the_visits():
    visits = [made(1, 10, "2026-03-05 08:30", "2026-03-05 09:10"), made(2, 11, "2026-03-05 09:16", "2026-03-05 09:50")]
    [signal] = impossible_travel(visits, {10: HOME, 11: EAST_2_4_KM}, names=NAMES)
    assert signal.kind == "impossible_travel" and signal.visit_ids == (1, 2) and signal.day == date(2026, 3, 5)
    assert signal.detail == (
        "XS0012 3月5日 08:30 与 XS0031 3月5日 09:16：两户相距约 2.4 公里，路上至少需 11 分钟，"
        "而前一次 09:10 结束、后一次 09:16 开始，只隔 6 分钟"
    )


@pytest.mark.parametrize(
    "visits, homes, expected",
    [
        # 11 minutes is enough for 2.4 km
        ([made(1, 10, "2026-03-05 08:30", "2026-03-05 09:10"), made(2, 11, "2026-03-05 09:21", "2026-03-05 09:50")],
         {10: HOME, 11: EAST_2_4_KM}, []),
        # between two 村居 without positions, 6 minutes is short of 10
        ([made(1, 10, "2026-03-05 08:30", "2026-03-05 09:10", community=1),
          made(2, 11, "2026-03-05 09:16", "2026-03-05 09:50", community=2)], {}, ["两户不在同一村居，缺少位置"]),
        # within one 村居 without positions nothing is claimed, unless the visits overlap
        ([made(1, 10, "2026-03-05 08:30", "2026-03-05 09:10"), made(2, 11, "2026-03-05 09:11", "2026-03-05 09:50")],
         {}, []),
        ([made(1, 10, "2026-03-05 08:30", "2026-03-05 09:10"), made(2, 11, "2026-03-05 09:00", "2026-03-05 09:50")],
         {}, ["而前一次 09:10 才结束，后一次 09:00 已开始，两次走访重叠 10 分钟"]),
        # the same household twice, or two helpers each at their own household
        ([made(1, 10, "2026-03-05 08:30", "2026-03-05 09:10"), made(2, 10, "2026-03-05 09:11", "2026-03-05 09:50")],
         {10: HOME}, []),
        ([made(1, 10, "2026-03-05 08:30", "2026-03-05 09:10", helper=7),
          made(2, 11, "2026-03-05 09:11", "2026-03-05 09:50", helper=8)], {10: HOME, 11: EAST_2_4_KM}, []),
    ],
    ids=["enough", "villages", "one-village", "overlap", "same-household", "two-helpers"],
)  # fmt: skip
def test_impossible_travel_cases(visits, homes, expected):
    found = impossible_travel(visits, homes)
    assert len(found) == len(expected) and all(part in s.detail for s, part in zip(found, expected, strict=True))


def test_a_pair_two_helpers_made_together_is_one_signal():
    pair = [("2026-03-05 08:30", "2026-03-05 09:10", 10, 1), ("2026-03-05 09:16", "2026-03-05 09:50", 11, 2)]
    visits = [made(id, hh, start, end, helper=helper) for start, end, hh, id in pair for helper in (7, 8)]
    assert [s.visit_ids for s in impossible_travel(visits, {10: HOME, 11: EAST_2_4_KM})] == [(1, 2)]


# a helper's day: households somewhere within ~10 km, visits of 15 to 90 minutes, and some slack on the road
DAY = st.lists(
    st.tuples(st.floats(36.95, 37.05), st.floats(117.10, 117.20), st.integers(15, 90), st.floats(0, 30), st.booleans()),
    min_size=2,
    max_size=12,
)


ROAD = Road()


def schedule(stops, road=ROAD, start=datetime(2026, 3, 5, 7, 0)):
    """Visits one after the other, each leaving at least the road time before the next (a stop may revisit the
    previous household)."""
    visits, homes, clock = [], {}, start
    for i, (lat, lng, minutes, slack, same_as_before) in enumerate(stops):
        household = visits[-1].household_id if same_as_before and visits else 100 + i
        homes.setdefault(household, (lat, lng))
        here = made(i + 1, household, str(clock), str(clock + timedelta(minutes=minutes)))
        if visits:
            needed = math.ceil(travel(visits[-1], here, homes, road).minutes or 0)
            clock = visits[-1].ended_at + timedelta(minutes=needed + slack)
            here = made(i + 1, household, str(clock), str(clock + timedelta(minutes=minutes)))
        visits.append(here)
        clock = here.ended_at
    return visits, homes


@given(DAY)
def test_a_genuine_schedule_with_enough_travel_time_never_flags(stops):
    visits, homes = schedule(stops)
    assert impossible_travel(visits, homes) == []
    spent = (visits[-1].ended_at - visits[0].started_at).total_seconds() / 60
    assert overfull_day(visits, homes, working_minutes=spent + 1) == []


@given(DAY, st.integers(-3000, 3000), st.booleans())
def test_shifting_every_visit_by_the_same_amount_changes_nothing(stops, shift_minutes, whole_days):
    visits, homes = schedule(stops, start=datetime(2026, 3, 5, 7, 0))
    squeezed = [v if i % 3 else _moved(v, -25) for i, v in enumerate(visits)]  # some gaps now too short
    delta = timedelta(days=shift_minutes // 100) if whole_days else timedelta(minutes=shift_minutes)
    shifted = [_moved(v, delta.total_seconds() / 60) for v in squeezed]

    def ids(signals):
        return [s.visit_ids for s in signals]

    assert ids(impossible_travel(shifted, homes)) == ids(impossible_travel(squeezed, homes))
    if whole_days:
        assert ids(overfull_day(shifted, homes, working_minutes=300)) == ids(
            overfull_day(squeezed, homes, working_minutes=300)
        )
        night = dict(night_from=time(21), night_until=time(6, 30), holidays={})
        assert ids(odd_hours(shifted, **night)) == ids(odd_hours(squeezed, **night))


def _moved(visit: VisitFacts, minutes: float) -> VisitFacts:
    delta = timedelta(minutes=minutes)
    return made(visit.id, visit.household_id, str(visit.started_at + delta), str(visit.ended_at + delta))


# --- overfull_day -----------------------------------------------------------------------------------------------------


def test_a_day_of_visits_and_roads_longer_than_the_working_day():
    starts = ["07:00", "08:10", "09:20", "10:30", "11:40", "13:00", "14:10", "15:20", "16:30", "17:40"]
    visits = [
        made(i + 1, 10 + i % 2, f"2026-03-05 {s}", str(at(f"2026-03-05 {s}") + timedelta(minutes=60)))
        for i, s in enumerate(starts)
    ]
    [signal] = overfull_day(visits, {10: HOME, 11: EAST_2_4_KM}, working_minutes=600, names=NAMES)
    assert signal.visit_ids == tuple(range(1, 11)) and signal.key == "7:2026-03-05"
    assert signal.detail.startswith(
        "张帮扶 3月5日走访 10 次（2 户，07:00 至 18:40），走访共 600 分钟，户间路上至少 92 分钟，合计 692 分钟，"
        "超过一天 600 分钟的工作时长：XS0012 3月5日 07:00、XS0031 3月5日 08:10"
    )
    assert signal.detail.endswith("等 10 次")
    assert overfull_day(visits, {10: HOME, 11: EAST_2_4_KM}, working_minutes=700) == []
    assert overfull_day(visits[:1], {}, working_minutes=30) == []  # one long visit is not a full day of visits


# --- minimum_cluster --------------------------------------------------------------------------------------------------


def durations(minutes, helper=7, first=date(2026, 3, 2), ids_from=1):
    """One visit a day from `first`, at 09:00, lasting the given minutes."""
    starts = [datetime.combine(first + timedelta(days=i), time(9)) for i in range(len(minutes))]
    return [
        made(ids_from + i, 10 + i % 3, str(start), str(start + timedelta(minutes=m)), helper)
        for i, (start, m) in enumerate(zip(starts, minutes, strict=True))
    ]


RULES = [VisitRule(date(2020, 1, 1), 2, 30)]


@pytest.mark.parametrize(
    "minutes, flagged",
    [
        ([31, 30, 33, 32, 31, 30, 58, 75], 6),  # 6 of 8 (75 %) from 30 to 33 minutes
        ([31, 30, 33, 45, 52, 40, 58, 75], 0),  # 3 of 8
        ([31, 30, 33, 32, 45, 52, 40, 58, 33, 31], 6),  # 6 of 10: exactly 60 % is enough
        ([31, 30, 33, 32, 31], 0),  # 5 visits: too few to speak of a distribution
        ([34, 35, 34, 36, 35, 34, 35], 0),  # short, but not stuck at the minimum
        ([20, 25, 31, 29, 28, 22, 40], 0),  # below the minimum is another matter (不计入)
    ],
)
def test_durations_stuck_just_above_the_minimum(minutes, flagged):
    found = minimum_cluster(durations(minutes), RULES, margin_minutes=3, share=0.6, min_visits=6)
    assert sum(len(s.visit_ids) for s in found) == flagged


def test_the_minimum_is_the_one_in_force_on_each_visits_day():
    rules = [*RULES, VisitRule(date(2026, 3, 5), 2, 45)]
    visits = durations([31, 32, 30, 46, 47, 45, 45, 90])  # Mar 2–4 at 30, from Mar 5 at 45
    [signal] = minimum_cluster(visits, rules, margin_minutes=3, share=0.6, min_visits=6, names=NAMES)
    assert signal.visit_ids == (1, 2, 3, 4, 5, 6, 7) and signal.key == "7:2026-03"
    assert signal.detail.startswith(
        "张帮扶 3月的 8 次走访中有 7 次（88%）时长只比当日规定的最少时长（30、45 分钟）多 3 分钟以内："
        "XS0012 3月2日 09:00、XS0031 3月3日 09:00、XS0040 3月4日 09:00 等 7 次"
    )
    later = durations([46, 47, 45, 45, 46, 45], first=date(2026, 3, 5))
    [one_minimum] = minimum_cluster(later, rules, margin_minutes=3, share=0.6, min_visits=6)
    assert "时长在 45–48 分钟，紧贴规定的最少 45 分钟" in one_minimum.detail


def test_each_helper_and_month_is_judged_apart():
    visits = durations([31] * 4, helper=7) + durations([31] * 4, helper=8, ids_from=11)
    visits += durations([31] * 4, first=date(2026, 2, 20), ids_from=21)  # Feb 20–23: another month
    assert minimum_cluster(visits, RULES, margin_minutes=3, share=0.6, min_visits=6) == []


# --- odd_hours --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, night",
    [
        ("2026-03-05 21:00", "2026-03-05 21:40", True),  # starting at 21:00 is at night
        ("2026-03-05 20:20", "2026-03-05 21:00", False),  # ending at 21:00 is not
        ("2026-03-05 20:30", "2026-03-05 21:10", True),  # running into the night is
        ("2026-03-06 06:30", "2026-03-06 07:10", False),  # starting at 06:30 is not
        ("2026-03-06 06:00", "2026-03-06 06:30", True),  # ending at 06:30 is
        ("2026-03-05 22:40", "2026-03-05 23:20", True),
        ("2026-03-06 02:00", "2026-03-06 02:40", True),
        ("2026-03-05 12:00", "2026-03-05 12:40", False),
    ],
)
def test_the_night_boundaries(start, end, night):
    assert in_night(at(start), at(end), time(21), time(6, 30)) is night


def test_a_night_that_does_not_cross_midnight_and_no_night_at_all():
    assert in_night(at("2026-03-05 01:00"), at("2026-03-05 01:30"), time(0), time(5))
    assert not in_night(at("2026-03-05 23:00"), at("2026-03-05 23:50"), time(0), time(5))
    assert not in_night(at("2026-03-05 23:00"), at("2026-03-05 23:50"), time(0), time(0))


@given(st.datetimes(datetime(2024, 1, 1), datetime(2027, 12, 1)), st.integers(1, 720), st.integers(-400, 400))
def test_the_night_does_not_depend_on_the_day(start, minutes, days):
    end = start + timedelta(minutes=minutes)
    shift = timedelta(days=days)
    assert in_night(start, end, time(21), time(6, 30)) == in_night(start + shift, end + shift, time(21), time(6, 30))


def test_visits_at_night_or_on_holidays():
    visits = [
        made(1, 10, "2026-03-05 22:40", "2026-03-05 23:20"),
        made(2, 11, "2026-10-01 09:10", "2026-10-01 09:50"),
        made(3, 12, "2026-10-08 09:10", "2026-10-08 09:50"),
        made(4, 12, "2026-10-09 09:10", "2026-10-09 09:50"),
    ]
    holidays = holiday_names([v.started_at.date() for v in visits], {date(2026, 10, 9)})
    found = odd_hours(visits, night_from=time(21), night_until=time(6, 30), holidays=holidays, names=NAMES)
    assert [(s.visit_ids, s.detail) for s in found] == [
        ((1,), "XS0012 3月5日 22:40 的走访（22:40–23:20）在夜间（21:00 至次日 06:30）"),
        ((2,), "XS0031 10月1日 09:10 的走访（09:10–09:50）在国庆节"),
        ((4,), "XS0040 10月9日 09:10 的走访（09:10–09:50）在单位规定的休息日"),
    ]


@pytest.mark.parametrize(
    "day, name",
    [
        (date(2026, 10, 1), "国庆节"),
        (date(2026, 2, 17), "春节"),
        (date(2026, 3, 7), None),  # a Saturday is not a holiday here
        (date(2026, 2, 14), None),  # a make-up working day (调休)
        (date(2030, 10, 1), None),  # a year chinese_calendar does not cover yet
    ],
)
def test_public_holidays_by_name(day, name):
    assert holiday_names([day]).get(day) == name


# --- through the kernel -----------------------------------------------------------------------------------------------


def test_detection_names_the_visits_of_an_impossible_schedule_at_local_times(assisted):
    from taizhang.assistance.households import helpers_assign

    helpers_assign(
        actor=assisted.xs_admin,
        assisted=household("XS002"),
        helpers=[assisted.wenshao_worker, assisted.xs_worker],
        on=date(2026, 1, 1),
    )
    day = date(2026, 11, 5)
    first = visit(assisted.xs_worker, "XS001", day, "08:30", 40)
    second = visit(assisted.xs_worker, "XS002", day, "09:16", 34)
    late = visit(assisted.xs_worker, "XS002", day, "22:40", 40)
    period = (assisted.xinshi.pk, date(2026, 11, 1), date(2026, 11, 30))
    kinds = {"assistance.impossible_travel", "assistance.odd_hours"}

    [travel_finding, night_finding] = [f.finding for f in detect(*period, kinds=kinds)]
    assert travel_finding.kind == "assistance.impossible_travel"
    assert travel_finding.detail == (
        "XS001 11月5日 08:30 与 XS002 11月5日 09:16：两户不在同一村居，缺少位置，按村居之间路上至少 10 分钟计，"
        "而前一次 09:10 结束、后一次 09:16 开始，只隔 6 分钟"
    )
    assert [r.ref for r in travel_finding.records] == [f"visit:{first.pk}", f"visit:{second.pk}"]
    assert night_finding.kind == "assistance.odd_hours" and night_finding.records[0].ref == f"visit:{late.pk}"
    assert night_finding.detail == "XS002 11月5日 22:40 的走访（22:40–23:20）在夜间（21:00 至次日 06:30）"
    assert night_finding.community_id == assisted.wenshao.pk

    # With both households' positions recorded, 540 metres fit in 6 minutes; 2.4 kilometres do not.
    AssistedHousehold.objects.filter(pk=household("XS001").pk).update(latitude=HOME[0], longitude=HOME[1])
    AssistedHousehold.objects.filter(pk=household("XS002").pk).update(latitude=HOME[0], longitude=117.1830)
    assert detect(*period, kinds={"assistance.impossible_travel"}) == []
    AssistedHousehold.objects.filter(pk=household("XS002").pk).update(longitude=EAST_2_4_KM[1])
    [found] = detect(*period, kinds={"assistance.impossible_travel"})
    assert "两户相距约 2.4 公里，路上至少需 11 分钟，而前一次 09:10 结束" in found.finding.detail


def test_detection_reads_the_minimum_in_force(assisted):
    rule_version_create(
        actor=assisted.xs_admin,
        unit=assisted.xinshi,
        effective_from=date(2026, 11, 1),
        min_visits_per_month=2,
        min_minutes=45,
    )
    for day in range(2, 9):
        visit(assisted.xs_worker, "XS001", date(2026, 11, day), "09:00", 46 if day < 8 else 90)
    [found] = detect(assisted.xinshi.pk, date(2026, 11, 1), date(2026, 11, 30), kinds={"assistance.minimum_cluster"})
    assert found.finding.detail.startswith(
        "张帮扶 11月的 7 次走访中有 6 次（86%）时长在 45–48 分钟，紧贴规定的最少 45 分钟：XS001 11月2日 09:00"
    )
    assert found.finding.key == f"{assisted.xs_worker.pk}:2026-11" and len(found.finding.records) == 6


def test_the_units_own_days_off_and_night_hours_are_read_from_its_settings(assisted):
    from taizhang.integrity.services import setting_set

    for param, value in (("holidays", "2026-11-06"), ("night_from", "20:00")):
        setting_set(
            actor=assisted.xs_admin,
            unit=assisted.xinshi,
            kind="assistance.odd_hours",
            param=param,
            value=value,
            effective_from=date(2026, 11, 1),
        )
    day_off = visit(assisted.xs_worker, "XS001", date(2026, 11, 6), "09:00", 40)
    evening = visit(assisted.xs_worker, "XS001", date(2026, 11, 9), "20:10", 40)
    found = detect(assisted.xinshi.pk, date(2026, 11, 1), date(2026, 11, 30), kinds={"assistance.odd_hours"})
    assert [(f.finding.records[0].ref, f.finding.detail) for f in found] == [
        (f"visit:{day_off.pk}", "XS001 11月6日 09:00 的走访（09:00–09:40）在单位规定的休息日"),
        (f"visit:{evening.pk}", "XS001 11月9日 20:10 的走访（20:10–20:50）在夜间（20:00 至次日 06:30）"),
    ]
