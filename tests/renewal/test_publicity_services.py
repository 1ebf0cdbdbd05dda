"""公示 and objections: the window, the snapshot, objections inside the window only, and when a result is final."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from taizhang.audit.models import AuditEntry
from taizhang.registry.models import Person
from taizhang.renewal import publicity, rules
from taizhang.renewal.determinations import determination_record
from taizhang.renewal.models import Objection, Site

pytestmark = pytest.mark.django_db
START = date(2020, 9, 1)


def courtyard(renewal, number, entries, floor, area, measured_on=date(2020, 7, 1)):
    site = Site.objects.create(
        unit=renewal.project.unit,
        community=entries[0].community,
        project=renewal.project,
        number=number,
        floor_area=Decimal(floor),
        site_area=Decimal(area),
        measured_on=measured_on,
    )
    site.owners.set(entries)
    return site


def determine_all(renewal, entry, registered_on=date(2010, 1, 1)):
    for person in Person.objects.filter(household=entry.household):
        determination_record(
            actor=renewal.world.jy_admin,
            entry=entry,
            person=person,
            registered_on=registered_on,
            decided_on=date(2020, 7, 1),
        )


@pytest.fixture
def posted(renewal):
    """东关居 posted from 2020-09-01: JY101 measured (two courtyards, one shared with JY102) and determined."""
    jy101, jy102 = renewal.entry("JY101"), renewal.entry("JY102")
    courtyard(renewal, "DG-01", [jy101], "120.50", "200.00")
    courtyard(renewal, "DG-02", [jy101, jy102], "30.25", "40.00")
    determine_all(renewal, jy101)
    return publicity.publicity_create(
        actor=renewal.world.jy_admin, project=renewal.project, community=renewal.dongguan, starts_on=START
    )


def test_the_window_counts_the_first_day(renewal, posted):
    assert renewal.project.publicity_days == 7
    assert (posted.starts_on, posted.ends_on) == (START, date(2020, 9, 7))
    assert rules.publicity_window(date(2020, 2, 25), 5) == (date(2020, 2, 25), date(2020, 2, 29))


def test_the_snapshot_lists_heads_courtyards_areas_and_counted_persons(renewal, posted):
    lines = {line.entry.household.household_no: line for line in posted.lines.select_related("entry__household")}
    assert set(lines) == {"JY101", "JY102"}  # JY102: a measured (shared) courtyard, no determination yet
    jy101 = lines["JY101"]
    assert (jy101.head_name, jy101.sites) == ("张三", "DG-01、DG-02（共有）")
    assert (jy101.floor_area, jy101.site_area, jy101.counted_persons) == (Decimal("150.75"), Decimal("240.00"), 3)
    assert (lines["JY102"].floor_area, lines["JY102"].counted_persons) == (Decimal("30.25"), 0)


def test_the_snapshot_does_not_follow_later_changes(renewal, posted):
    Site.objects.filter(number="DG-01").update(floor_area=Decimal("99.00"))
    assert posted.lines.get(entry=renewal.entry("JY101")).floor_area == Decimal("150.75")


def test_nothing_to_post_and_overlapping_windows_are_refused(renewal, posted):
    with pytest.raises(ValidationError, match="没有可公示"):
        publicity.publicity_create(
            actor=renewal.world.jy_admin, project=renewal.project, community=renewal.world.chengli, starts_on=START
        )
    with pytest.raises(ValidationError, match="重叠"):
        publicity.publicity_create(
            actor=renewal.world.jy_admin,
            project=renewal.project,
            community=renewal.dongguan,
            starts_on=date(2020, 9, 7),
        )
    with pytest.raises(PermissionDenied):
        publicity.publicity_create(
            actor=renewal.jy_population_worker,
            project=renewal.project,
            community=renewal.dongguan,
            starts_on=date(2020, 10, 1),
        )
    again = publicity.publicity_create(
        actor=renewal.world.jy_admin, project=renewal.project, community=renewal.dongguan, starts_on=date(2020, 9, 8)
    )
    assert again.ends_on == date(2020, 9, 14)


def objection(renewal, posted, received_on, entry="JY101", actor=None):
    return publicity.objection_record(
        actor=actor or renewal.jy_population_worker,
        publicity=posted,
        entry=renewal.entry(entry),
        submitted_by="张三",
        received_on=received_on,
        content="儿子在外读大学，应当认定",
    )


def test_an_objection_outside_the_window_is_refused(renewal, posted):
    for day in (START - timedelta(days=1), date(2020, 9, 8)):
        with pytest.raises(ValidationError, match="公示期内"):
            objection(renewal, posted, day)
    assert objection(renewal, posted, START).status == Objection.Status.OPEN
    assert objection(renewal, posted, date(2020, 9, 7)).status == Objection.Status.OPEN


def test_an_objection_for_a_household_not_on_the_list_is_refused(renewal, posted):
    with pytest.raises(ValidationError, match="不在本次公示名单"):
        objection(renewal, posted, START, entry="JY001")


def test_a_field_worker_of_another_community_may_not_record_an_objection(renewal, posted):
    with pytest.raises(PermissionDenied):
        objection(renewal, posted, START, actor=renewal.world.jy_worker)


def test_a_result_is_final_only_after_the_window_with_no_open_objection(renewal, posted):
    jy101 = renewal.entry("JY101")
    status = lambda today: publicity.statuses([jy101.pk], today)[jy101.pk]  # noqa: E731
    assert status(date(2020, 8, 31)) == rules.UPCOMING
    assert status(date(2020, 9, 7)) == rules.POSTED
    assert status(date(2020, 9, 8)) == rules.FINAL
    raised = objection(renewal, posted, date(2020, 9, 3))
    assert status(date(2020, 9, 8)) == rules.DISPUTED
    assert status(date(2020, 9, 30)) == rules.DISPUTED
    with pytest.raises(PermissionDenied):
        publicity.objection_answer(actor=renewal.world.jy_worker, objection=raised, answer="维持", outcome="维持原结果")
    publicity.objection_answer(
        actor=renewal.jy_population_worker,
        objection=raised,
        answer="经核实，户口未迁出，维持认定",
        outcome=Objection.Outcome.UPHELD,
        answered_on=date(2020, 9, 5),
    )
    assert status(date(2020, 9, 7)) == rules.POSTED
    assert status(date(2020, 9, 8)) == rules.FINAL
    with pytest.raises(ValidationError, match="已答复"):
        publicity.objection_answer(actor=renewal.world.jy_admin, objection=raised, answer="再答", outcome="已更正")


def test_a_corrected_result_must_be_posted_again(renewal, posted):
    jy101 = renewal.entry("JY101")
    raised = objection(renewal, posted, date(2020, 9, 3))
    publicity.objection_answer(
        actor=renewal.world.jy_admin,
        objection=raised,
        answer="已更正认定人数",
        outcome=Objection.Outcome.CORRECTED,
        answered_on=date(2020, 9, 6),
    )
    assert publicity.statuses([jy101.pk], date(2020, 9, 8))[jy101.pk] == rules.CORRECTED
    publicity.publicity_create(
        actor=renewal.world.jy_admin, project=renewal.project, community=renewal.dongguan, starts_on=date(2020, 9, 10)
    )
    assert publicity.statuses([jy101.pk], date(2020, 9, 17))[jy101.pk] == rules.FINAL


def test_an_answer_needs_text_and_a_known_outcome(renewal, posted):
    raised = objection(renewal, posted, START)
    with pytest.raises(ValidationError, match="答复内容"):
        publicity.objection_answer(actor=renewal.world.jy_admin, objection=raised, answer="", outcome="已更正")
    with pytest.raises(ValidationError, match="处理结果"):
        publicity.objection_answer(actor=renewal.world.jy_admin, objection=raised, answer="好", outcome="驳回")


def test_status_uses_the_local_date_by_default(renewal, posted, clock):
    jy101 = renewal.entry("JY101")
    clock.set(date(2020, 9, 4))
    assert publicity.statuses([jy101.pk])[jy101.pk] == rules.POSTED


@pytest.mark.parametrize(
    "today, open_objections, corrected, expected",
    [
        (date(2020, 8, 31), 0, False, rules.UPCOMING),
        (date(2020, 9, 1), 0, False, rules.POSTED),
        (date(2020, 9, 7), 1, False, rules.POSTED),
        (date(2020, 9, 8), 1, False, rules.DISPUTED),
        (date(2020, 9, 8), 0, True, rules.CORRECTED),
        (date(2020, 9, 8), 0, False, rules.FINAL),
    ],
)
def test_the_publicity_status_rule(today, open_objections, corrected, expected):
    assert (
        rules.publicity_status(
            starts_on=START, ends_on=date(2020, 9, 7), open_objections=open_objections, corrected=corrected, today=today
        )
        == expected
    )


def test_a_household_never_posted_is_not_final():
    assert (
        rules.publicity_status(starts_on=None, ends_on=None, open_objections=0, corrected=False, today=date(2030, 1, 1))
        == rules.NOT_POSTED
    )


def test_a_determination_changed_after_posting_makes_the_publicity_out_of_date(renewal, posted):
    jy101 = renewal.entry("JY101")
    assert publicity.statuses([jy101.pk], date(2020, 9, 8))[jy101.pk] == rules.FINAL
    person = Person.objects.filter(household=jy101.household).order_by("id").first()
    determination_record(
        actor=renewal.world.jy_admin, entry=jy101, person=person, registered_on=None, decided_on=date(2020, 9, 8)
    )
    assert publicity.statuses([jy101.pk], date(2020, 9, 8))[jy101.pk] == rules.OUTDATED
    line = posted.lines.get(entry=jy101)
    assert line.outdated_at is not None and line.counted_persons == 3  # the snapshot itself is kept
    change = AuditEntry.objects.filter(object_type="renewal.determination").latest("id").changes
    assert change["公示"] == ["2020-09-01 起公示", "界定已变更，须重新公示"]
    # posting again clears it
    publicity.publicity_create(
        actor=renewal.world.jy_admin, project=renewal.project, community=renewal.dongguan, starts_on=date(2020, 9, 10)
    )
    assert publicity.statuses([jy101.pk], date(2020, 9, 17))[jy101.pk] == rules.FINAL


def test_recording_the_same_facts_again_leaves_the_publicity_current(renewal, posted):
    jy101 = renewal.entry("JY101")
    determine_all(renewal, jy101)  # nothing changes
    assert not posted.lines.filter(outdated_at__isnull=False).exists()
    assert publicity.statuses([jy101.pk], date(2020, 9, 8))[jy101.pk] == rules.FINAL


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2021, 1, 1)),
    st.integers(min_value=0, max_value=3),
    st.booleans(),
)
def test_an_outdated_posting_is_never_final(today, open_objections, corrected):
    status = rules.publicity_status(
        starts_on=START,
        ends_on=date(2020, 9, 7),
        open_objections=open_objections,
        corrected=corrected,
        today=today,
        outdated=True,
    )
    assert status == rules.OUTDATED and status in rules.MUST_REPOST
