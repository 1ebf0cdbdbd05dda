from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.registry.models import Household
from tests.example_module import rules, selectors
from tests.example_module.models import Note
from tests.example_module.services import note_close, note_create


@pytest.fixture
def xs001(seeded):
    return Household.objects.get(household_no="XS001")


def test_a_note_is_recorded_on_the_households_unit_and_village_and_audited(seeded, xs001):
    note = note_create(
        actor=seeded.xs_worker,
        household=xs001,
        title=" 询问医保缴费 ",
        opened_on=date(2026, 3, 2),
        due_on=date(2026, 3, 9),
    )
    assert (note.unit_id, note.community_id, note.title) == (seeded.xinshi.id, seeded.xinshi_village.id, "询问医保缴费")
    entry = AuditEntry.objects.get(object_type="example.note", object_id=str(note.pk))
    assert entry.household_id == xs001.pk and entry.changes["办结期限"] == [None, "2026-03-09"]


def test_it_refuses_a_household_outside_the_users_scope(seeded, xs001):
    with pytest.raises(PermissionDenied):
        note_create(
            actor=seeded.jy_admin, household=xs001, title="x", opened_on=date(2026, 3, 2), due_on=date(2026, 3, 9)
        )
    assert not Note.objects.exists()


def test_it_refuses_a_deadline_before_the_note(seeded, xs001):
    with pytest.raises(ValidationError):
        note_create(
            actor=seeded.xs_admin, household=xs001, title="x", opened_on=date(2026, 3, 2), due_on=date(2026, 3, 1)
        )


def test_closing_is_audited_and_happens_once(seeded, xs001):
    note = note_create(
        actor=seeded.xs_admin, household=xs001, title="x", opened_on=date(2026, 3, 2), due_on=date(2026, 3, 9)
    )
    note_close(actor=seeded.xs_worker, note=note, on=date(2026, 3, 5))
    assert AuditEntry.objects.filter(object_type="example.note", action="update").count() == 1
    with pytest.raises(ValidationError):
        note_close(actor=seeded.xs_admin, note=note, on=date(2026, 3, 6))


def test_the_overdue_query_agrees_with_the_rule(seeded, xs001):
    today = timezone.localdate()
    for offset in (-3, 0, 3):
        note_create(
            actor=seeded.xs_admin,
            household=xs001,
            title=f"{offset}",
            opened_on=today - timedelta(days=10),
            due_on=today + timedelta(days=offset),
        )
        if offset == -3:
            note_create(
                actor=seeded.xs_admin,
                household=xs001,
                title="closed",
                opened_on=today - timedelta(days=10),
                due_on=today - timedelta(days=5),
            )
            note_close(actor=seeded.xs_admin, note=Note.objects.get(title="closed"), on=today)
    notes = selectors.note_list(seeded.xs_admin)
    by_rule = {n.pk for n in notes if rules.is_overdue(due_on=n.due_on, closed_on=n.closed_on, today=today)}
    assert set(selectors.overdue(notes, today).values_list("pk", flat=True)) == by_rule and len(by_rule) == 1
