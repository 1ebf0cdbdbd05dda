"""The entry signals (补录过晚, 集中补录, 月结后修改): tables of cases, properties, and the family through detect."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.assistance.integrity.kinds import BULK_ENTRY, EDITED_AFTER_CLOSE, ENTRY, LATE_ENTRY
from taizhang.assistance.models import Visit
from taizhang.assistance.rules.signals import VisitFacts
from taizhang.assistance.rules.signals_entry import (
    Edit,
    bulk_entries,
    close_date,
    edits_after_close,
    late_entries,
)
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.integrity.detection import detect
from tests.assistance.conftest import assist_many, local, visit

T0 = datetime(2026, 3, 5, 1, 0, tzinfo=UTC)


def entered(id, household=10, *, visit_at=0, minutes=30, recorded_after=60, source="form", by=1):
    """Visit `id` to `household`, started `visit_at` minutes after T0, entered `recorded_after` minutes after it
    started, by account `by`."""
    start = T0 + timedelta(minutes=visit_at)
    return VisitFacts(
        id,
        household,
        7,
        start,
        start + timedelta(minutes=minutes),
        start + timedelta(minutes=recorded_after),
        source=source,
        recorded_by_id=by,
    )


DAY = 24 * 60


@pytest.mark.parametrize(
    "recorded_after, source, flagged",
    [
        (30 + 3 * DAY, "form", False),  # exactly three days after it ended
        (30 + 3 * DAY + 1, "form", True),
        (30 + 10 * DAY, "phone", True),  # a phone kept offline for ten days is late all the same
        (30 + 10 * DAY, "import", False),  # the town's old ledger, imported: late by nature
        (35, "form", False),
    ],
)
def test_a_visit_entered_more_than_three_days_after_it_ended_is_late(recorded_after, source, flagged):
    found = late_entries([entered(1, recorded_after=recorded_after, source=source)], days=3)
    assert bool(found) is flagged


def test_a_visit_of_two_helpers_is_late_once():
    visit = entered(1, recorded_after=5 * DAY)
    twice = [visit, VisitFacts(**{**visit.__dict__, "helper_id": 8})]
    assert [s.visit_ids for s in late_entries(twice)] == [(1,)]


def typed_at(minutes: list[float], *, by=1, source="form", first_id=1) -> list[VisitFacts]:
    """Visits to different households (a day apart, the day before), typed in at these minutes after T0 + 1 day."""
    return [
        entered(first_id + i, 100 + i, visit_at=-DAY * (i + 1), recorded_after=DAY * (i + 2) + m, source=source, by=by)
        for i, m in enumerate(minutes)
    ]


@pytest.mark.parametrize(
    "minutes, source, expected",
    [
        ([0, 2, 4, 6, 8], "form", [(1, 2, 3, 4, 5)]),  # five in eight minutes
        ([0, 2, 4, 6], "form", []),  # four are not a burst
        ([0, 2.5, 5, 7.5, 10], "form", [(1, 2, 3, 4, 5)]),  # the first and the fifth exactly ten minutes apart
        ([0, 2.5, 5, 7.5, 10.02], "form", []),  # a second more
        ([0, 2, 4, 6, 8], "phone", []),  # the phone sending what it kept while offline
        ([0, 2, 4, 6, 8], "import", []),
        ([0, 1, 2, 3, 4, 9, 12, 13], "form", [(1, 2, 3, 4, 5, 6, 7, 8)]),  # windows overlapping make one burst
        ([0, 1, 2, 3, 4, 60, 61, 62, 63, 64], "form", [(1, 2, 3, 4, 5), (6, 7, 8, 9, 10)]),
        ([0, 30, 60, 90, 120, 150], "form", []),  # a careful evening of entries, one every half hour
    ],
)
def test_many_visits_typed_in_by_one_account_within_minutes_are_bulk_entry(minutes, source, expected):
    found = bulk_entries(typed_at(minutes, source=source), count=5, minutes=10)
    assert [b.visit_ids for b in found] == expected


def test_entries_of_different_accounts_do_not_make_one_burst():
    visits = typed_at([0, 1, 2], by=1) + typed_at([0.5, 1.5, 2.5], by=2, first_id=10)
    assert bulk_entries(visits, count=5, minutes=10) == []


@given(
    gaps=st.lists(st.floats(min_value=0, max_value=20, allow_nan=False), min_size=1, max_size=20),
    shift=st.integers(min_value=-400 * DAY, max_value=400 * DAY),
    count=st.integers(min_value=2, max_value=8),
)
def test_shifting_every_visit_and_entry_by_the_same_amount_changes_nothing(gaps, shift, count):
    at = [sum(gaps[: i + 1]) for i in range(len(gaps))]
    visits = typed_at(at) + [entered(50, recorded_after=9 * DAY)]
    moved = [
        VisitFacts(
            **{
                **v.__dict__,
                "started_at": v.started_at + timedelta(minutes=shift),
                "ended_at": v.ended_at + timedelta(minutes=shift),
                "recorded_at": v.recorded_at + timedelta(minutes=shift),
            }
        )
        for v in visits
    ]
    bursts = [b.visit_ids for b in bulk_entries(visits, count=count, minutes=10)]
    assert bursts == [b.visit_ids for b in bulk_entries(moved, count=count, minutes=10)]
    assert late_entries(visits) == late_entries(moved)
    # a burst holds at least `count` visits, entered one after another, and no visit is in two bursts
    assert all(len(burst) >= count and list(burst) == sorted(burst) for burst in bursts)
    assert len({i for burst in bursts for i in burst}) == sum(len(burst) for burst in bursts)


@pytest.mark.parametrize(
    "visit_day, close_day, closes",
    [
        (date(2026, 3, 5), 5, date(2026, 4, 5)),
        (date(2026, 12, 31), 5, date(2027, 1, 5)),
        (date(2026, 1, 20), 31, date(2026, 2, 28)),  # the close day past February's end: its last day
        (date(2026, 1, 20), 0, date(2026, 2, 1)),
    ],
)
def test_a_visits_month_closes_on_the_close_day_of_the_next_month(visit_day, close_day, closes):
    assert close_date(visit_day, close_day) == closes


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    "edited_at, flagged",
    [
        ("2026-03-20 10:00", False),  # within its month
        ("2026-04-05 23:59", False),  # on the close day itself
        ("2026-04-06 00:00", True),
        ("2026-07-01 09:00", True),
    ],
)
def test_an_edit_after_the_close_day_of_the_next_month_is_late(edited_at, flagged):
    found = edits_after_close({1: date(2026, 3, 5)}, [Edit(1, at(edited_at), "王主任", ("走访内容",))], close_day=5)
    assert [e.visit_id for e in found] == ([1] if flagged else [])


def test_a_visits_late_edits_make_one_finding_and_other_visits_edits_are_not_asked():
    edits = [
        Edit(1, at("2026-05-02 10:00"), "甲"),
        Edit(1, at("2026-04-10 10:00"), "乙"),
        Edit(2, at("2026-05-01"), "丙"),
    ]
    [late] = edits_after_close({1: date(2026, 3, 5)}, edits, close_day=5)
    assert (late.closed_on, [e.by for e in late.edits]) == (date(2026, 4, 5), ["乙", "甲"])


@given(
    visit_day=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    close_day=st.integers(min_value=1, max_value=31),
    after=st.integers(min_value=-70, max_value=70),
)
def test_an_edit_is_late_exactly_when_it_falls_after_the_close_date(visit_day, close_day, after):
    closes = close_date(visit_day, close_day)
    edit_day = closes + timedelta(days=after)
    found = edits_after_close(
        {1: visit_day}, [Edit(1, datetime(edit_day.year, edit_day.month, edit_day.day, 12), "x")], close_day=close_day
    )
    assert bool(found) is (after > 0)
    assert closes.month != visit_day.month


# --- through detect -------------------------------------------------------------------------------

MARCH = (date(2025, 3, 1), date(2025, 3, 31))


def found_kinds(unit):
    entry = {kind.key for kind in ENTRY}
    return [(f.finding.kind, f.finding.detail, f.finding.records) for f in detect(unit.pk, *MARCH, kinds=entry)]


def test_the_entry_family_finds_late_bulk_and_edited_visits_of_the_month(assisted):
    world = assisted
    numbers = assist_many(world, 6)
    worker = world.wenshao_worker
    typed = [visit(worker, no, date(2025, 3, 3 + i), "09:00", 40) for i, no in enumerate(numbers)]
    phoned = visit(world.xs_worker, "XS001", date(2025, 3, 10), "15:00", 35, source=Visit.Source.PHONE)
    # 孙帮扶 typed six visits in on the evening of 3月12日, two minutes apart; the phone's visit arrived at once
    evening = local(date(2025, 3, 12), "20:00")
    for i, v in enumerate(typed):
        Visit.objects.filter(pk=v.pk).update(created_at=evening + timedelta(minutes=2 * i))
    Visit.objects.filter(pk=phoned.pk).update(created_at=phoned.ended_at + timedelta(minutes=1))
    # the first of them changed on 4月20日, after March closed on 4月5日
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.UPDATE,
                object_type="assistance.visit",
                object_id=str(typed[0].pk),
                object_repr="走访",
                unit_id=world.xinshi.pk,
                changes={"走访内容": ["旧", "新"]},
            )
        ],
        actor=world.xs_admin,
        at=local(date(2025, 4, 20), "10:00"),
    )

    found = found_kinds(world.xinshi)

    kinds = sorted(kind for kind, _, _ in found)
    assert kinds == sorted([BULK_ENTRY, EDITED_AFTER_CLOSE] + [LATE_ENTRY] * 6)  # 3月3日–8日, entered 3月12日
    [(_, bulk, records)] = [f for f in found if f[0] == BULK_ENTRY]
    assert bulk.startswith("孙帮扶 3月12日 20:00–20:10 约 10 分钟内手工录入 6 次走访：")
    assert f"{numbers[0]} 3月3日 09:00" in bulk and len(records) == 6
    assert records[0].columns == (numbers[0], "2025-03-03", "09:00", "孙帮扶")
    [(_, edited, _)] = [f for f in found if f[0] == EDITED_AFTER_CLOSE]
    assert (
        edited
        == f"{numbers[0]} 3月3日 09:00 的走访在 4月5日月结后又被修改：4月20日 10:00 王主任（xs_admin）改了走访内容"
    )
    late = sorted(detail for kind, detail, _ in found if kind == LATE_ENTRY)
    assert late[0] == f"{numbers[0]} 3月3日 09:00 的走访 3月12日 20:00 才录入，距走访结束已 9 天"
