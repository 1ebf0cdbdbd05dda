"""360° reviews: ratings entered by the committee or imported, withdrawn with a reason, and the single-use links
through which an enterprise served rates a staff member without an account."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.people.kpi import require_manager, require_open, required_text
from taizhang.people.models import Cycle, RatingInvitation, Review
from taizhang.people.rules import kpi as rules

INVITATION_DAYS = 15  # after the cycle's end
TYPE_WORDS = {label: kind for kind, label in rules.RATER_TYPES.items()} | {
    "服务对象（企业）": rules.CLIENT,
    "自评": rules.SELF,
}


@dataclass
class ReviewIn:
    subject_id: int
    rater_type: str
    rater_name: str
    score: Decimal
    rater_id: int | None = None
    comment: str = ""
    row: int | None = None


def review_problem(review: ReviewIn) -> str:
    if review.rater_type not in rules.RATER_TYPES:
        return "评价人类型只能是上级、同事、服务对象或本人"
    if not review.rater_name or len(review.rater_name) > 64:
        return "评价人不能为空，且不超过 64 个字"
    if not Decimal(0) <= review.score <= Decimal(100):
        return "得分应在 0 到 100 之间"
    if len(review.comment) > 500:
        return "意见不超过 500 字"
    return ""


def _draft(review: Review, action: str, changes: dict, reason: str = "") -> Draft:
    return Draft(
        action=action,
        object_type="people.review",
        object_id=str(review.pk),
        object_repr=f"{review.cycle.code} 评议（{review.get_rater_type_display()}）",
        unit_id=review.unit_id,
        changes=changes,
        reason=reason,
    )


def _fields(review: Review) -> dict:
    return {
        "被考核人": review.subject_id,
        "评价人类型": review.get_rater_type_display(),
        "评价人": review.rater_name,
        "得分": review.score,
    }


@transaction.atomic
def reviews_write(*, actor, cycle: Cycle, reviews: list[ReviewIn], batch=None, invitation=None) -> list[Review]:
    """Add the ratings; refuses them all on any problem."""
    if invitation is None:
        require_manager(actor, cycle.unit_id)
    cycle = require_open(cycle)
    problems = [(r.row, review_problem(r)) for r in reviews]
    problems = [f"第 {row} 行：{p}" if row else p for row, p in problems if p]
    if problems:
        raise ValidationError(problems)
    created = Review.objects.bulk_create(
        [
            Review(
                unit_id=cycle.unit_id,
                cycle=cycle,
                subject_id=r.subject_id,
                rater_type=r.rater_type,
                rater_id=r.rater_id,
                rater_name=r.rater_name,
                score=r.score,
                comment=r.comment,
                import_batch=batch,
                entered_by=actor,
            )
            for r in reviews
        ]
    )
    action = AuditEntry.Action.IMPORT_CREATE if batch else AuditEntry.Action.CREATE
    for review in created:
        review.cycle = cycle
    audit_append([_draft(r, action, field_changes({}, _fields(r))) for r in created], actor=actor)
    return created


@transaction.atomic
def review_withdraw(*, actor, review: Review, reason: str) -> None:
    require_manager(actor, review.unit_id)
    require_open(review.cycle)
    reason = required_text(reason, "撤回理由")
    if RatingInvitation.objects.filter(review=review).exists():
        raise ValidationError("服务对象通过链接作出的评价不能撤回")
    draft = _draft(review, AuditEntry.Action.VOID, field_changes(_fields(review), {}), reason)
    review.delete()
    audit_append([draft], actor=actor)


# --- enterprises' links ---------------------------------------------------------------------------------------


@transaction.atomic
def invitation_create(*, actor, cycle: Cycle, subject, enterprise: str) -> RatingInvitation:
    require_manager(actor, cycle.unit_id)
    cycle = require_open(cycle)
    enterprise = (enterprise or "").strip()
    if not enterprise or len(enterprise) > 64:
        raise ValidationError("请填写服务对象（企业）名称，不超过 64 个字")
    if subject.unit_id != cycle.unit_id:
        raise PermissionDenied("只能邀请评价本单位人员")
    invitation = RatingInvitation.objects.create(
        unit_id=cycle.unit_id,
        cycle=cycle,
        subject=subject,
        enterprise=enterprise,
        token=secrets.token_urlsafe(24),
        expires_on=cycle.ends_on + timedelta(days=INVITATION_DAYS),
        created_by=actor,
    )
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.CREATE,
                object_type="people.invitation",
                object_id=str(invitation.pk),
                object_repr=f"{cycle.code} 服务对象评价邀请",
                unit_id=cycle.unit_id,
                changes=field_changes({}, {"被评价人": subject.full_name, "服务对象": enterprise}),
            )
        ],
        actor=actor,
    )
    return invitation


def invitation_state(invitation: RatingInvitation | None) -> str:
    """ "" when the link can be used, else why not (in Chinese)."""
    if invitation is None:
        return "链接无效，请向开发区索取新的评价链接。"
    if invitation.used_at is not None:
        return "该链接已经评价过了，感谢您的支持。"
    if clock.today() > invitation.expires_on or invitation.cycle.status != Cycle.Status.OPEN:
        return "该链接已过期，评价已经结束。"
    return ""


def invitation_by_token(token: str) -> RatingInvitation | None:
    if not token or len(token) > 64:
        return None
    return RatingInvitation.objects.select_related("cycle", "subject", "subject__node").filter(token=token).first()


@transaction.atomic
def invitation_rate(*, token: str, score: Decimal, comment: str) -> Review:
    """The enterprise's rating through its link: once, before it expires."""
    invitation = RatingInvitation.objects.select_for_update().filter(token=token).first()
    state = invitation_state(invitation)
    if state:
        raise ValidationError(state)
    review = reviews_write(
        actor=None,
        cycle=invitation.cycle,
        reviews=[
            ReviewIn(
                subject_id=invitation.subject_id,
                rater_type=rules.CLIENT,
                rater_name=invitation.enterprise,
                score=score,
                comment=(comment or "").strip(),
            )
        ],
        invitation=invitation,
    )[0]
    invitation.used_at = clock.now()
    invitation.review = review
    invitation.save(update_fields=["used_at", "review"])
    return review
