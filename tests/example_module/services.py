"""Writes: keyword-only, atomic, checked, audited (an audit row in the same transaction as the change)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.registry.models import Household
from tests.example_module import rules
from tests.example_module.models import Note


def _draft(note: Note, action: str, changes: dict) -> Draft:
    # Filed under the household, so that it shows on its 一户一档 timeline.
    return Draft(
        action=action,
        object_type="example.note",
        object_id=str(note.pk),
        object_repr=note.title,
        unit_id=note.unit_id,
        community_id=note.community_id,
        household_id=note.household_id,
        changes=changes,
    )


@transaction.atomic
def note_create(*, actor, household: Household, title: str, opened_on: date, due_on: date) -> Note:
    # actor=None is the system (the demo, a command); a person may only write inside their scope.
    if actor is not None and not Household.objects.visible_to(actor).filter(pk=household.pk).exists():
        raise PermissionDenied("您无权为该户登记民情")
    if not rules.deadline_ok(opened_on=opened_on, due_on=due_on):
        raise ValidationError("办结期限不能早于登记日期")
    note = Note(
        unit_id=household.unit_id,
        community_id=household.community_id,
        household=household,
        title=title.strip(),
        opened_on=opened_on,
        due_on=due_on,
        created_by=actor,
    )
    note.full_clean()
    note.save()
    audit_append(
        [
            _draft(
                note,
                AuditEntry.Action.CREATE,
                field_changes({}, {"民情": note.title, "登记日期": opened_on, "办结期限": due_on}),
            )
        ],
        actor=actor,
    )
    return note


@transaction.atomic
def note_close(*, actor, note: Note, on: date) -> Note:
    if actor is not None and not Note.objects.visible_to(actor).filter(pk=note.pk).exists():
        raise PermissionDenied("您无权办结该民情")
    if note.closed_on is not None:
        raise ValidationError("该民情已办结")
    if on < note.opened_on:
        raise ValidationError("办结日期不能早于登记日期")
    note.closed_on = on
    note.save(update_fields=["closed_on"])
    audit_append(
        [_draft(note, AuditEntry.Action.UPDATE, field_changes({"办结日期": None}, {"办结日期": on}))], actor=actor
    )
    return note
