"""The unit's assessment committee (考核委员会): the unit admin seats and unseats its members, audited. A member who
leaves keeps their row, ended with the reason, so who sat on the committee when it decided stays on record."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.org.models import Role, User
from taizhang.people.kpi import required_text
from taizhang.people.models import Committee


def _check_admin(actor, unit_id: int) -> None:
    if actor is None or actor.is_superuser:
        return
    if not (actor.role == Role.UNIT_ADMIN and actor.unit_id == unit_id):
        raise PermissionDenied("只有本单位管理员可以调整考核委员会")


def _draft(member: Committee, action: str, changes: dict, reason: str = "") -> Draft:
    return Draft(
        action=action,
        object_type="people.committee",
        object_id=str(member.pk),
        object_repr=f"考核委员会 {member.user.full_name or member.user.username}",
        unit_id=member.unit_id,
        changes=changes,
        reason=reason,
    )


def sitting(unit_id: int):
    return Committee.objects.filter(unit_id=unit_id, ended_at__isnull=True).select_related("user", "user__node")


@transaction.atomic
def member_add(*, actor, unit_id: int, user: User, title: str) -> Committee:
    _check_admin(actor, unit_id)
    title = (title or "").strip() or "委员"
    if len(title) > 32:
        raise ValidationError("职务最多 32 个字")
    if user.unit_id != unit_id or not user.is_active:
        raise ValidationError("只能选本单位在用的工作人员")
    if sitting(unit_id).filter(user=user).exists():
        raise ValidationError(f"{user.full_name or user.username} 已是考核委员会委员")
    member = Committee.objects.create(unit_id=unit_id, user=user, title=title, added_at=clock.now())
    audit_append(
        [_draft(member, AuditEntry.Action.CREATE, field_changes({}, {"委员": user.full_name, "职务": title}))],
        actor=actor,
    )
    return member


@transaction.atomic
def member_remove(*, actor, member: Committee, reason: str) -> Committee:
    _check_admin(actor, member.unit_id)
    reason = required_text(reason, "离任原因", 200)
    member = Committee.objects.select_for_update().select_related("user").get(pk=member.pk)
    if member.ended_at is not None:
        raise ValidationError("该委员已经离任")
    member.ended_at, member.end_reason = clock.now(), reason
    member.save(update_fields=["ended_at", "end_reason"])
    audit_append([_draft(member, AuditEntry.Action.UPDATE, {"状态": ["在任", "离任"]}, reason)], actor=actor)
    return member
