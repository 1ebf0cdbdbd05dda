"""申诉: a staff member appeals their locked result within the cycle's appeal window; the committee answers —
upheld (the grade changes, the appeal and answer as its reason, audited) or rejected with a reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.hub.notifications import notify
from taizhang.people.assessment import GRADE_LABELS, result_draft
from taizhang.people.elimination import recommendations_sync
from taizhang.people.kpi import require_manager, required_text
from taizhang.people.models import Appeal, Cycle, Result
from taizhang.people.rules import kpi as rules


def deadline_of(cycle: Cycle):
    return rules.appeal_deadline(timezone.localdate(cycle.locked_at), cycle.appeal_days) if cycle.locked_at else None


def appeal_refusal(result: Result, user) -> str:
    """Why the user may not appeal this result now ("" when they may)."""
    cycle = result.cycle
    if result.user_id != user.pk:
        return "只能对本人的考核结果申诉"
    if cycle.status != Cycle.Status.LOCKED:
        return "考核结果锁定公布后才能申诉"
    if clock.today() > deadline_of(cycle):
        return f"申诉期已于 {deadline_of(cycle):%Y-%m-%d} 结束"
    if Appeal.objects.filter(result=result, status=Appeal.Status.OPEN).exists():
        return "您的申诉正在处理中"
    return ""


def _draft(appeal: Appeal, action: str, changes: dict, reason: str = "") -> Draft:
    return Draft(
        action=action,
        object_type="people.appeal",
        object_id=str(appeal.pk),
        object_repr=f"{appeal.result.cycle.code} {appeal.result.user.full_name} 考核申诉",
        unit_id=appeal.unit_id,
        changes=changes,
        reason=reason,
    )


@transaction.atomic
def appeal_file(*, actor, result: Result, reason: str) -> Appeal:
    reason = required_text(reason, "申诉理由", 1000)
    result = Result.objects.select_for_update().select_related("cycle", "user").get(pk=result.pk)
    refusal = appeal_refusal(result, actor)
    if refusal:
        raise (PermissionDenied if result.user_id != actor.pk else ValidationError)(refusal)
    appeal = Appeal.objects.create(
        unit_id=result.unit_id, result=result, user=actor, reason=reason, filed_at=clock.now()
    )
    audit_append([_draft(appeal, AuditEntry.Action.CREATE, field_changes({}, {"申诉理由": reason}))], actor=actor)
    return appeal


@transaction.atomic
def appeal_answer(*, actor, appeal: Appeal, upheld: bool, answer: str, grade: str = "") -> Appeal:
    require_manager(actor, appeal.unit_id)
    answer = required_text(answer, "答复意见", 1000)
    appeal = Appeal.objects.select_for_update().select_related("result__cycle", "result__user").get(pk=appeal.pk)
    if appeal.status != Appeal.Status.OPEN:
        raise ValidationError("该申诉已经答复过了")
    result = appeal.result
    if upheld:
        if grade not in GRADE_LABELS or grade == result.grade:
            raise ValidationError("申诉成立时请选择改定后的等次（须与现等次不同）")
        old = result.grade
        result.grade = grade
        result.calibration_reason = f"申诉成立：{answer}"[:500]
        result.calibrated_by, result.calibrated_at = actor, clock.now()
        result.save(update_fields=["grade", "calibration_reason", "calibrated_by", "calibrated_at"])
        audit_append(
            [
                result_draft(
                    result, {"等次": [GRADE_LABELS.get(old, ""), GRADE_LABELS[grade]]}, f"申诉：{appeal.reason}"[:500]
                )
            ],
            actor=actor,
        )
    appeal.status = Appeal.Status.UPHELD if upheld else Appeal.Status.REJECTED
    appeal.new_grade = grade if upheld else ""
    appeal.answer, appeal.answered_by, appeal.answered_at = answer, actor, clock.now()
    appeal.save(update_fields=["status", "new_grade", "answer", "answered_by", "answered_at"])
    if upheld:
        recommendations_sync(cycle=result.cycle)  # the grade the rules read has changed
    audit_append(
        [
            _draft(
                appeal,
                AuditEntry.Action.UPDATE,
                field_changes({"状态": "待处理"}, {"状态": appeal.get_status_display()}),
                answer,
            )
        ],
        actor=actor,
    )
    notify(
        result.user,
        f"您对 {result.cycle.code} 考核结果的申诉已答复：{appeal.get_status_display()}",
        reverse("people:my_result", args=[result.cycle_id]),
        actor=actor,
    )
    return appeal
