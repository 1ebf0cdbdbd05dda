"""Population determination through the services: the rules decide, the history is kept, the household's
determined_on follows, and only the right people may record."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.registry.models import LifeStatus, Person
from taizhang.renewal import rules, selectors
from taizhang.renewal.determinations import determination_override, determination_record
from taizhang.renewal.models import Determination
from tests.renewal.conftest import FREEZE

pytestmark = pytest.mark.django_db


def people(entry):
    return list(Person.objects.filter(household=entry.household).order_by("id"))


def record(renewal, entry, person, actor=None, **facts):
    facts.setdefault("registered_on", date(2010, 1, 1))
    return determination_record(
        actor=actor or renewal.jy_population_worker,
        entry=entry,
        person=person,
        decided_on=facts.pop("decided_on", date(2020, 7, 1)),
        **facts,
    )


def test_moved_in_on_the_freeze_date_counts_and_the_day_after_does_not(renewal):
    entry = renewal.entry("JY001")
    a, b = people(entry)
    on = record(renewal, entry, a, registered_on=FREEZE)
    after = record(renewal, entry, b, registered_on=FREEZE + timedelta(days=1))
    assert (on.verdict, after.verdict) == (rules.COUNTED, rules.NOT_COUNTED)
    assert "冻结日后" in after.reason
    assert on.source == Determination.Source.RULES and on.decided_by == renewal.jy_population_worker


@pytest.mark.parametrize("left_for", sorted(rules.SPECIAL_CASES))
def test_each_special_case_counts_through_the_service(renewal, left_for):
    entry = renewal.entry("JY001")
    person = people(entry)[0]
    d = record(renewal, entry, person, left_on=date(2019, 9, 1), left_for=left_for)
    assert d.verdict == rules.COUNTED and rules.SPECIAL_CASES[left_for] in d.reason


def test_a_special_case_the_project_does_not_count_is_not_counted(renewal):
    renewal.project.counted_special_cases = "college"
    renewal.project.save()
    entry = renewal.entry("JY001")
    d = record(renewal, entry, people(entry)[0], left_on=date(2019, 9, 1), left_for="soldier")
    assert d.verdict == rules.NOT_COUNTED and "不予认定" in d.reason


def test_an_empty_registration_is_not_counted(renewal):
    entry = renewal.entry("JY001")
    d = record(renewal, entry, people(entry)[0], resident=False)
    assert d.verdict == rules.NOT_COUNTED and "空挂户" in d.reason


def test_a_child_born_after_the_freeze_counts_until_the_cutoff(renewal):
    renewal.project.newborn_cutoff = date(2020, 12, 31)
    renewal.project.save()
    entry = renewal.entry("JY001")
    a, b = people(entry)
    # The born_on fact comes from the registry person's birth date.
    Person.objects.filter(pk=a.pk).update(birth_date=date(2020, 12, 31))
    Person.objects.filter(pk=b.pk).update(birth_date=date(2021, 1, 1))
    a.refresh_from_db()
    b.refresh_from_db()
    on = record(renewal, entry, a, registered_on=date(2021, 1, 2), decided_on=date(2021, 2, 1))
    after = record(renewal, entry, b, registered_on=date(2021, 1, 2), decided_on=date(2021, 2, 1))
    assert on.verdict == rules.COUNTED and "出生" in on.reason
    assert after.verdict == rules.NOT_COUNTED


def test_a_spouse_married_in_before_the_cutoff_counts(renewal):
    renewal.project.marriage_cutoff = date(2020, 10, 1)
    renewal.project.save()
    entry = renewal.entry("JY001")
    d = record(renewal, entry, people(entry)[1], registered_on=date(2020, 9, 1), married_in_on=date(2020, 9, 1))
    assert d.verdict == rules.COUNTED and "婚入" in d.reason


def test_an_unknown_move_in_date_is_pending(renewal):
    entry = renewal.entry("JY001")
    assert record(renewal, entry, people(entry)[0], registered_on=None).verdict == rules.PENDING


def test_a_new_decision_keeps_the_earlier_one_in_history_and_is_audited(renewal):
    entry = renewal.entry("JY001")
    person = people(entry)[0]
    first = record(renewal, entry, person, registered_on=None)
    second = record(renewal, entry, person, registered_on=date(2001, 1, 1))
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert Determination.objects.filter(person=person).count() == 2
    audit = AuditEntry.objects.filter(object_type="renewal.determination").order_by("id")
    assert [a.action for a in audit] == [AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE]
    assert audit.last().changes["界定结果"] == [rules.PENDING, rules.COUNTED]
    assert audit.last().household_id == entry.household_id


def test_recording_the_same_facts_again_changes_nothing(renewal):
    entry = renewal.entry("JY001")
    person = people(entry)[0]
    first = record(renewal, entry, person)
    again = record(renewal, entry, person)
    assert again.pk == first.pk and Determination.objects.filter(person=person).count() == 1


def test_determined_on_is_set_when_no_member_is_pending_and_cleared_when_one_is(renewal):
    entry = renewal.entry("JY001")
    a, b = people(entry)
    record(renewal, entry, a, decided_on=date(2020, 7, 1))
    entry.refresh_from_db()
    assert entry.determined_on is None  # one member still undetermined
    record(renewal, entry, b, registered_on=FREEZE + timedelta(days=3), decided_on=date(2020, 7, 3))
    entry.refresh_from_db()
    assert entry.determined_on == date(2020, 7, 3)
    record(renewal, entry, a, registered_on=FREEZE - timedelta(days=1), decided_on=date(2020, 8, 1))
    entry.refresh_from_db()
    assert entry.determined_on == date(2020, 7, 3)  # still 已界定: the day it became so is kept
    record(renewal, entry, b, registered_on=None, decided_on=date(2020, 8, 2))
    entry.refresh_from_db()
    assert entry.determined_on is None


def test_a_deceased_member_must_be_determined_too(renewal):
    entry = renewal.entry("JY001")
    a, b = people(entry)
    Person.objects.filter(pk=b.pk).update(life_status=LifeStatus.DECEASED)
    record(renewal, entry, a)
    entry.refresh_from_db()
    assert entry.determined_on is None
    d = record(renewal, entry, b, left_on=date(2019, 3, 1))
    entry.refresh_from_db()
    assert d.verdict == rules.NOT_COUNTED and entry.determined_on == date(2020, 7, 1)


def test_facts_that_contradict_each_other_are_refused(renewal):
    entry = renewal.entry("JY001")
    person = people(entry)[0]
    with pytest.raises(ValidationError, match="迁出日期"):
        record(renewal, entry, person, registered_on=date(2010, 1, 1), left_on=date(2009, 1, 1))
    with pytest.raises(ValidationError, match="迁出日期"):
        record(renewal, entry, person, left_for="college")
    with pytest.raises(ValidationError, match="不能晚于今天"):
        record(renewal, entry, person, decided_on=timezone.localdate() + timedelta(days=1))


def test_a_person_of_another_household_is_refused(renewal):
    with pytest.raises(ValidationError, match="不是户"):
        record(renewal, renewal.entry("JY001"), people(renewal.entry("JY101"))[0])


def test_who_may_record(renewal):
    world = renewal.world
    chengli, dongguan = renewal.entry("JY001"), renewal.entry("JY101")
    for actor in (world.jy_admin, renewal.jy_population_worker, renewal.jy_group_leader, world.jy_worker):
        record(renewal, chengli, people(chengli)[0], actor=actor, registered_on=date(2000 + actor.pk % 20, 1, 1))
    record(renewal, dongguan, people(dongguan)[0], actor=renewal.jy_population_worker)
    # 吴工作 works in 城里居: not in 东关居; nobody of another unit, and no read-only role.
    for actor in (world.jy_worker, renewal.jy_group_leader, world.xs_admin, world.leader, world.auditor):
        with pytest.raises(PermissionDenied):
            record(renewal, dongguan, people(dongguan)[1], actor=actor)


def test_a_unit_admin_may_override_with_a_reason_and_it_is_marked(renewal):
    entry = renewal.entry("JY001")
    person = people(entry)[0]
    record(renewal, entry, person, registered_on=None)
    with pytest.raises(ValidationError, match="理由"):
        determination_override(
            actor=renewal.world.jy_admin, entry=entry, person=person, verdict=rules.COUNTED, reason=" "
        )
    with pytest.raises(PermissionDenied):
        determination_override(
            actor=renewal.jy_population_worker, entry=entry, person=person, verdict=rules.COUNTED, reason="派出所证明"
        )
    d = determination_override(
        actor=renewal.world.jy_admin,
        entry=entry,
        person=person,
        verdict=rules.COUNTED,
        reason="派出所出具证明，冻结前已落户",
    )
    assert d.source == Determination.Source.OVERRIDE and d.reason.startswith("人工界定：")
    assert d.registered_on is None and Determination.objects.filter(person=person).count() == 2
    audit = AuditEntry.objects.filter(object_type="renewal.determination").order_by("id").last()
    assert audit.reason == "派出所出具证明，冻结前已落户" and audit.changes["来源"][1] == "管理员人工界定"


def test_the_household_rows_count_verdicts_and_filter_by_status(renewal):
    entry = renewal.entry("JY001")
    a, b = people(entry)
    record(renewal, entry, a)
    record(renewal, entry, b, registered_on=None)
    rows = {r.household.household_no: r for r in selectors.household_rows(renewal.world.jy_admin, renewal.project)}
    row = rows["JY001"]
    assert (row.counted, row.not_counted, row.pending, row.member_count) == (1, 0, 1, 2)
    assert selectors.household_status(row) == selectors.PARTLY_PENDING
    assert selectors.household_status(rows["JY101"]) == selectors.UNDETERMINED
    pending = selectors.household_rows(renewal.world.jy_admin, renewal.project, status=selectors.PARTLY_PENDING)
    assert [r.household.household_no for r in pending] == ["JY001"]
    undetermined = selectors.household_rows(renewal.world.jy_admin, renewal.project, status=selectors.UNDETERMINED)
    assert [r.household.household_no for r in undetermined] == ["JY101", "JY102"]
    mine = selectors.household_rows(renewal.world.jy_worker, renewal.project)
    assert [r.household.household_no for r in mine] == ["JY001"]
