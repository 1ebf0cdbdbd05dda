"""Running the detectors keeps their findings as signals (new, seen again, gone); reviews and parameter versions are
audited; a kind's precision comes from the reviews."""

from datetime import date, time, timedelta

import pytest

from taizhang.audit.models import AuditEntry
from taizhang.integrity import params, services
from taizhang.integrity.kinds import kind_named
from taizhang.integrity.models import Signal, SignalRun, Verdict
from taizhang.integrity.selectors import kind_lines, precision_by_month
from tests.integrity import fakes
from tests.integrity.conftest import MARCH, signal

MARCH_1, MARCH_31 = date(2026, 3, 1), date(2026, 3, 31)


def run(world, unit=None):
    return services.run_signals(actor=world.xs_admin, unit=unit or world.xinshi, start=MARCH_1, end=MARCH_31)


def test_a_run_keeps_each_finding_once_as_a_new_signal(world, found):
    found(world.xinshi, fakes.pair(MARCH), fakes.late(MARCH), fakes.pair(MARCH))  # the same pair found twice
    found(world.jiyang, fakes.late(MARCH, visit_id=90))
    done = run(world)
    assert (done.found, done.new, done.gone) == (2, 2, 0)
    assert set(Signal.objects.filter(unit=world.xinshi).values_list("kind", flat=True)) == {fakes.PAIR, fakes.LATE}
    assert not Signal.objects.filter(unit=world.jiyang).exists()
    entry = AuditEntry.objects.get(object_type="integrity.run")
    assert entry.unit_id == world.xinshi.pk and entry.changes["新发现"] == [None, 2]


def test_findings_outside_the_period_are_not_kept(world, found):
    found(world.xinshi, fakes.pair(date(2026, 4, 1)), fakes.late(MARCH_31))
    assert run(world).found == 1 and Signal.objects.get().day == MARCH_31


def test_a_second_run_sees_the_same_signal_again_and_marks_the_vanished_one_gone(world, found, clock):
    found(world.xinshi, fakes.pair(MARCH), fakes.late(MARCH))
    run(world)
    pair = Signal.objects.get(kind=fakes.PAIR)
    services.review_signal(actor=world.xs_admin, signal=pair, verdict=Verdict.PROBLEM, note="户主说当天没人来过")
    clock.advance(timedelta(days=1))
    fakes.FOUND[:] = [(world.xinshi.pk, fakes.pair(MARCH))]  # the late entry was corrected
    done = run(world)
    assert (done.found, done.new, done.gone) == (1, 0, 1)
    pair.refresh_from_db()
    assert pair.seen_at == clock.now() and pair.gone_at is None and pair.verdict == Verdict.PROBLEM
    assert Signal.objects.get(kind=fakes.LATE).gone_at == clock.now()
    # Found again later: back, not new, its history kept.
    fakes.FOUND.append((world.xinshi.pk, fakes.late(MARCH)))
    done = run(world)
    assert (done.found, done.new, done.gone) == (2, 0, 0)
    assert Signal.objects.get(kind=fakes.LATE).gone_at is None and Signal.objects.count() == 2


def test_a_run_of_one_module_leaves_the_other_modules_signals_alone(world, found):
    signal(world.xinshi, fakes.late(MARCH))
    Signal.objects.update(module="renewal")
    done = services.run_signals(actor=None, unit=world.xinshi, start=MARCH_1, end=MARCH_31, module_keys={"assistance"})
    assert done.gone == 0 and Signal.objects.get().gone_at is None
    assert run(world).gone == 1  # all the unit's modules: the renewal signal is no longer found


def test_the_detector_gets_the_units_parameters_in_force_on_the_periods_first_day(world, found):
    services.setting_set(
        actor=world.xs_admin, unit=world.xinshi, kind=fakes.PAIR, param="minutes", value="15",
        effective_from=MARCH_1, note="镇里决定",
    )  # fmt: skip
    services.setting_set(
        actor=world.xs_admin, unit=world.xinshi, kind=fakes.PAIR, param="minutes", value="20",
        effective_from=date(2026, 4, 1),
    )  # fmt: skip
    run(world)
    run(world, world.jiyang)
    xinshi, jiyang = fakes.SCOPES
    assert xinshi.param(fakes.PAIR, "minutes") == 15.0 and xinshi.param(fakes.PAIR, "night_from") == time(21, 0)
    assert jiyang.param(fakes.PAIR, "minutes") == 10.0  # another unit keeps the default


def test_a_review_is_audited_and_a_later_one_replaces_it_with_both_in_the_trail(world, found):
    found(world.xinshi, fakes.pair(MARCH, community_id=world.xinshi_village.pk))
    run(world)
    pair = Signal.objects.get()
    services.review_signal(actor=world.xs_admin, signal=pair, verdict=Verdict.NORMAL, note="电话核实属实")
    services.review_signal(actor=world.xs_admin, signal=pair, verdict=Verdict.RECTIFY, note="补走访一次")
    pair.refresh_from_db()
    assert (pair.verdict, pair.review_note, pair.reviewed_by) == (Verdict.RECTIFY, "补走访一次", world.xs_admin)
    entries = AuditEntry.objects.filter(object_type="integrity.signal", object_id=str(pair.pk)).order_by("id")
    assert [e.changes["核实结论"] for e in entries] == [[None, "已核实正常"], ["已核实正常", "需整改"]]
    assert entries[0].community_id == world.xinshi_village.pk


@pytest.mark.parametrize(
    "verdict, note, message",
    [("", "电话核实", "请选择核实结论"), ("maybe", "电话核实", "请选择核实结论"), ("normal", " ", "请写明核实了什么")],
)
def test_a_review_needs_a_verdict_and_a_note(world, verdict, note, message):
    pair = signal(world.xinshi, fakes.pair(MARCH))
    with pytest.raises(ValueError, match=message):
        services.review_signal(actor=world.xs_admin, signal=pair, verdict=verdict, note=note)
    assert not AuditEntry.objects.filter(object_type="integrity.signal").exists()


def test_parameter_versions_apply_from_their_day_and_the_same_day_is_replaced(world):
    def minutes(on):
        return params.texts_in_force(world.xinshi.pk, [kind_named(fakes.PAIR)[1]], on)[fakes.PAIR]["minutes"]

    def set_minutes(value, day):
        services.setting_set(
            actor=world.xs_admin, unit=world.xinshi, kind=fakes.PAIR, param="minutes", value=value, effective_from=day
        )

    set_minutes("15", date(2026, 3, 1))
    set_minutes("20", date(2026, 5, 1))
    set_minutes(" 25 ", date(2026, 5, 1))
    assert [minutes(d) for d in (date(2026, 2, 28), date(2026, 3, 1), date(2026, 4, 30), date(2026, 5, 1))] == [
        "10",
        "15",
        "15",
        "25",
    ]
    assert [e.action for e in AuditEntry.objects.filter(object_type="integrity.setting").order_by("id")] == [
        "create",
        "create",
        "update",
    ]


@pytest.mark.parametrize(
    "param, value, message",
    [
        ("minutes", "十", "不是数字"),
        ("minutes", "-1", "不小于 0"),
        ("night_from", "25:00", "不是时刻"),
        ("x", "1", "没有这个参数"),
    ],
)
def test_a_parameter_value_the_rule_cannot_read_is_refused(world, param, value, message):
    with pytest.raises(ValueError, match=message):
        services.setting_set(
            actor=world.xs_admin, unit=world.xinshi, kind=fakes.PAIR, param=param, value=value, effective_from=MARCH
        )


def test_a_kinds_precision_counts_the_reviewed_signals_of_the_unit(world):
    for visit_id, verdict in enumerate(["problem", "rectify", "normal", "normal", ""], start=10):
        signal(world.xinshi, fakes.pair(MARCH, visit_id, visit_id + 100), verdict=verdict)
    signal(world.jiyang, fakes.pair(MARCH, 1, 2), verdict="normal")
    signal(world.xinshi, fakes.late(date(2026, 1, 5)), verdict="problem")  # another month: counts for precision
    lines = {line.kind.key: line for line in kind_lines(world.xs_admin, start=MARCH_1, end=MARCH_31)}
    assert (lines[fakes.PAIR].total, lines[fakes.PAIR].open) == (5, 1)
    assert (lines[fakes.PAIR].precision.true, lines[fakes.PAIR].precision.reviewed) == (2, 4)
    assert lines[fakes.PAIR].precision.percent == 50
    assert (lines[fakes.LATE].total, lines[fakes.LATE].precision.percent) == (0, 100)
    # The district auditor sees both units together, or one unit.
    both = {line.kind.key: line for line in kind_lines(world.auditor, start=MARCH_1, end=MARCH_31)}
    assert (both[fakes.PAIR].precision.true, both[fakes.PAIR].precision.reviewed) == (2, 5)
    one = kind_lines(world.auditor, start=MARCH_1, end=MARCH_31, unit_id=world.jiyang.pk)
    assert [(line.precision.true, line.precision.reviewed) for line in one] == [(0, 1), (0, 0)]


def test_precision_over_time_is_per_month_of_the_signals_day(world):
    signal(world.xinshi, fakes.pair(date(2026, 1, 5)), verdict="problem")
    signal(world.xinshi, fakes.pair(date(2026, 3, 5), 3, 4), verdict="normal")
    signal(world.xinshi, fakes.pair(date(2026, 3, 6), 5, 6), verdict="rectify")
    signal(world.xinshi, fakes.pair(date(2026, 3, 7), 7, 8))
    signal(world.xinshi, fakes.pair(date(2025, 1, 7), 9, 10), verdict="problem")  # before the window
    trend = precision_by_month(world.xs_admin, since=date(2025, 4, 1))[fakes.PAIR]
    assert [(str(month)[:7], p.true, p.reviewed) for month, p in trend] == [("2026-01", 1, 1), ("2026-03", 1, 2)]


def test_runs_are_listed_newest_first(world, found, clock):
    run(world)
    clock.advance(timedelta(hours=1))
    run(world)
    assert SignalRun.objects.first().ran_at == clock.now()
