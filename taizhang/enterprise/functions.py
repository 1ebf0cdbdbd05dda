"""Writes on the functions a zone hands to the streets and on its supervision notes: each checked against who acts
(policies_functions) and the state rules (rules.functions), in one transaction, audited as enterprise.function and
enterprise.function_note under the receiving street's unit."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.enterprise.models import FunctionNote, HandedFunction
from taizhang.enterprise.policies_functions import hands_over, side_of
from taizhang.enterprise.rules import functions as rules
from taizhang.org.models import OrgNode

FUNCTION, NOTE = "enterprise.function", "enterprise.function_note"


def _draft(record, object_type: str, action: str, changes: dict, reason: str = "") -> Draft:
    name = record.name if isinstance(record, HandedFunction) else f"{record.function.name} · 督办"
    return Draft(
        action=action,
        object_type=object_type,
        object_id=str(record.pk),
        object_repr=f"{record.unit.name} · {name}"[:200],
        unit_id=record.unit_id,
        changes=changes,
        reason=reason[:200],
    )


def _check(problem: str, field: str | None = None) -> None:
    if problem:
        raise ValidationError({field: problem} if field else problem)


def _locked(function: HandedFunction) -> HandedFunction:
    return HandedFunction.objects.select_for_update(of=("self",)).select_related("unit").get(pk=function.pk)


def receiving_problem(zone: OrgNode, street: OrgNode | None) -> str:
    if street is None or street.kind != OrgNode.Kind.UNIT:
        return "承接单位须是本区的街道（单位）"
    if street.pk == zone.pk:
        return "不能移交给本单位"
    return ""


def hand_over(
    *,
    actor,
    zone: OrgNode,
    street: OrgNode,
    number: int,
    name: str,
    category: str,
    handed_on: date,
    basis: str = "",
    batch=None,
    audit: bool = True,
) -> HandedFunction:
    """The zone hands function `number` of its list to `street` (state 移交 on `handed_on`)."""
    if actor is not None and not (hands_over(actor) and actor.unit_id == zone.pk):
        raise PermissionDenied("只有本单位的工作人员可以移交职能")
    _check(receiving_problem(zone, street), "street")
    _check("" if 1 <= number <= rules.NUMBER_MAX else f"序号应在 1—{rules.NUMBER_MAX} 之间", "number")
    _check("" if category in rules.CATEGORIES else f"类别应是：{'、'.join(rules.CATEGORIES)}", "category")
    _check(rules.date_problem(handed_on, previous=None, today=clock.today()), "handed_on")
    with transaction.atomic():
        taken = HandedFunction.objects.filter(
            handed_by=zone, unit=street, number=number, withdrawn_on__isnull=True
        ).exists()
        _check(f"第 {number} 项职能已移交给{street.name}" if taken else "", "number")
        function = HandedFunction.objects.create(
            unit=street,
            handed_by=zone,
            number=number,
            name=name.strip(),
            category=category,
            basis=basis.strip(),
            handed_on=handed_on,
            import_batch=batch,
        )
        if audit:
            changes = {"序号": [None, number], "职能": [None, function.name], "承接单位": [None, street.name]}
            changes["移交日期"] = [None, handed_on.isoformat()]
            audit_append([_draft(function, FUNCTION, AuditEntry.Action.CREATE, changes)], actor=actor)
    return function


def move(*, actor, function: HandedFunction, target: str, on: date | None = None) -> HandedFunction:
    """The street takes the function on (承接) or reports it running (运行), on `on` (default today)."""
    on = on or clock.today()
    with transaction.atomic():
        function = _locked(function)
        side = side_of(actor, function)
        if not side:
            raise PermissionDenied("只有移交单位和承接街道的工作人员可以办理")
        _check("" if function.withdrawn_on is None else "该职能的移交已撤回")
        _check(rules.move_problem(function.state, target, side=side))
        _check(rules.date_problem(on, previous=function.date_of(function.state), today=clock.today()), "on")
        before = function.state
        function.state = target
        setattr(function, rules.DATE_FIELDS[target], on)
        function.save(update_fields=["state", rules.DATE_FIELDS[target]])
        changes = {"状态": [rules.LABELS[before], rules.LABELS[target]], f"{rules.LABELS[target]}日期": [None, str(on)]}
        audit_append([_draft(function, FUNCTION, AuditEntry.Action.UPDATE, changes)], actor=actor)
    return function


def withdraw(*, actor, function: HandedFunction, reason: str) -> HandedFunction:
    """Withdraw the last move made by mistake, with the reason: the street's 承接/运行 go back one state; the zone's
    移交 (only while the street has not taken it on) withdraws the handover, which stays on record."""
    reason = reason.strip()
    _check("" if reason else "请填写撤回原因", "reason")
    with transaction.atomic():
        function = _locked(function)
        side = side_of(actor, function)
        if not side:
            raise PermissionDenied("只有移交单位和承接街道的工作人员可以办理")
        _check("" if function.withdrawn_on is None else "该职能的移交已撤回")
        _check(rules.withdraw_problem(function.state, side=side))
        state, back = function.state, rules.before(function.state)
        field = rules.DATE_FIELDS[state]
        changes = {f"{rules.LABELS[state]}日期": [str(getattr(function, field)), None]}
        if back is None:
            _check("有未销号的督办事项，不能撤回移交" if function.notes.filter(closed_on__isnull=True).exists() else "")
            function.withdrawn_on, function.withdraw_reason = clock.today(), reason[:200]
            function.save(update_fields=["withdrawn_on", "withdraw_reason"])
            changes["移交"] = ["有效", "已撤回"]
        else:
            function.state = back
            setattr(function, field, None)
            function.save(update_fields=["state", field])
            changes["状态"] = [rules.LABELS[state], rules.LABELS[back]]
        audit_append([_draft(function, FUNCTION, AuditEntry.Action.VOID, changes, reason)], actor=actor)
    return function


def set_staffing(*, actor, function: HandedFunction, note: str) -> HandedFunction:
    """The street (or the zone) records how the function is staffed and funded."""
    with transaction.atomic():
        function = _locked(function)
        if not side_of(actor, function):
            raise PermissionDenied("只有移交单位和承接街道的工作人员可以填写")
        note = note.strip()[:300]
        if note != function.staffing_note:
            changes = {"人员与经费保障": [function.staffing_note, note]}
            function.staffing_note = note
            function.save(update_fields=["staffing_note"])
            audit_append([_draft(function, FUNCTION, AuditEntry.Action.UPDATE, changes)], actor=actor)
    return function


def _zone_only(actor, record) -> None:
    if side_of(actor, record) != rules.ZONE:
        raise PermissionDenied("督办由移交单位的工作人员办理")


def note_write(*, actor, function: HandedFunction, text: str, deadline: date) -> FunctionNote:
    """The zone asks the street to fix something on the function by `deadline`."""
    text = text.strip()
    _check("" if text else "请填写督办事项", "text")
    _check(rules.deadline_problem(deadline, clock.today()), "deadline")
    with transaction.atomic():
        function = _locked(function)
        _zone_only(actor, function)
        _check("" if function.withdrawn_on is None else "该职能的移交已撤回")
        note = FunctionNote.objects.create(
            unit_id=function.unit_id,
            handed_by_id=function.handed_by_id,
            function=function,
            text=text[:500],
            deadline=deadline,
            written_by=actor,
            written_on=clock.today(),
        )
        changes = {"督办事项": [None, note.text], "整改期限": [None, str(deadline)]}
        audit_append([_draft(note, NOTE, AuditEntry.Action.CREATE, changes)], actor=actor)
    return note


def _locked_note(note: FunctionNote) -> FunctionNote:
    return FunctionNote.objects.select_for_update(of=("self",)).select_related("unit", "function").get(pk=note.pk)


def note_answer(*, actor, note: FunctionNote, answer: str) -> FunctionNote:
    """The street answers what it has done (again, if the zone reopened the note)."""
    answer = answer.strip()
    _check("" if answer else "请填写答复", "answer")
    with transaction.atomic():
        note = _locked_note(note)
        if side_of(actor, note) != rules.STREET:
            raise PermissionDenied("督办事项由承接街道的工作人员答复")
        _check("该督办事项已销号" if note.closed_on else "")
        changes = {"街道答复": [note.answer or None, answer[:500]]}
        note.answer, note.answered_on, note.answered_by = answer[:500], clock.today(), actor
        note.save(update_fields=["answer", "answered_on", "answered_by"])
        audit_append([_draft(note, NOTE, AuditEntry.Action.UPDATE, changes)], actor=actor)
    return note


def note_close(*, actor, note: FunctionNote) -> FunctionNote:
    """The zone is satisfied with the answer and closes (销号) the note."""
    with transaction.atomic():
        note = _locked_note(note)
        _zone_only(actor, note)
        _check("该督办事项已销号" if note.closed_on else "")
        _check("" if note.answered_on else "街道尚未答复，不能销号")
        note.closed_on, note.closed_by = clock.today(), actor
        note.save(update_fields=["closed_on", "closed_by"])
        changes = {"状态": ["已答复", "已销号"]}
        audit_append([_draft(note, NOTE, AuditEntry.Action.UPDATE, changes)], actor=actor)
    return note


def note_reopen(*, actor, note: FunctionNote, reason: str, deadline: date) -> FunctionNote:
    """The zone is not satisfied (or closed the note by mistake): the note is open again with a new deadline, and
    the street must answer again."""
    reason = reason.strip()
    _check("" if reason else "请填写重新督办的原因", "reason")
    _check(rules.deadline_problem(deadline, clock.today()), "deadline")
    with transaction.atomic():
        note = _locked_note(note)
        _zone_only(actor, note)
        _check("" if note.answered_on else "街道尚未答复，无需重新督办")
        changes = {"状态": [note.status, "待答复"], "整改期限": [str(note.deadline), str(deadline)]}
        note.closed_on = note.closed_by = note.answered_on = note.answered_by = None
        note.deadline, note.reopen_reason = deadline, reason[:200]
        note.save(update_fields=["closed_on", "closed_by", "answered_on", "answered_by", "deadline", "reopen_reason"])
        audit_append([_draft(note, NOTE, AuditEntry.Action.UPDATE, changes, reason)], actor=actor)
    return note
