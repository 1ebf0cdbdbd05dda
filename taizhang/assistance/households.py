"""Writes of assisted households (帮扶户): marking, their helpers, measures and location; each inside a
transaction, leaving an audit entry."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.assistance.models import AssistedHousehold, HelperAssignment
from taizhang.assistance.policies import require_manager
from taizhang.assistance.selectors import may_act_for
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core.models import RecordStatus
from taizhang.org.models import User
from taizhang.registry.models import Household


def assisted_draft(
    assisted: AssistedHousehold,
    action: str,
    object_type: str,
    object_id,
    object_repr: str,
    changes: dict,
    reason: str = "",
) -> Draft:
    return Draft.filed_under(
        assisted,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr,
        changes=changes,
        reason=reason,
    )


def _check_helpers(unit_id: int, helpers: list[User]) -> None:
    if not helpers:
        raise ValidationError("至少指定一名帮扶责任人")
    for helper in helpers:
        if helper.unit_id != unit_id or not helper.is_active:
            raise ValidationError(f"{helper.full_name or helper.username}不是本单位在岗人员，不能担任帮扶责任人")


@transaction.atomic
def assisted_mark(
    *, actor, household: Household, category: str, start_date: date, helpers: list[User]
) -> AssistedHousehold:
    """Mark a registry household as assisted (建档立卡户/监测户) with its helpers."""
    require_manager(actor, household.unit_id)
    if household.status != RecordStatus.ACTIVE:
        raise ValidationError("该户已作废，不能列为帮扶户")
    if AssistedHousehold.objects.filter(household=household).exists():
        raise ValidationError(f"户 {household.household_no} 已是帮扶户")
    _check_helpers(household.unit_id, helpers)
    assisted = AssistedHousehold.objects.create(
        unit_id=household.unit_id,
        community_id=household.community_id,
        household=household,
        category=category,
        start_date=start_date,
    )
    for helper in helpers:
        HelperAssignment.objects.create(
            unit_id=assisted.unit_id,
            community_id=assisted.community_id,
            assisted=assisted,
            helper=helper,
            start_date=start_date,
        )
    audit_append(
        [
            assisted_draft(
                assisted,
                AuditEntry.Action.CREATE,
                "assistance.household",
                assisted.pk,
                f"帮扶户 {household.household_no}",
                {
                    "帮扶类别": [None, assisted.get_category_display()],
                    "帮扶开始日期": [None, start_date],
                    "帮扶责任人": [None, "、".join(h.full_name or h.username for h in helpers)],
                },
            )
        ],
        actor=actor,
    )
    return assisted


@transaction.atomic
def helpers_assign(*, actor, assisted: AssistedHousehold, helpers: list[User], on: date, reason: str = "") -> None:
    """Make `helpers` the household's helpers from `on`: others' assignments end the day before (history kept)."""
    require_manager(actor, assisted.unit_id)
    _check_helpers(assisted.unit_id, helpers)
    current = list(HelperAssignment.objects.select_for_update().filter(assisted=assisted, end_date__isnull=True))
    before = [a.helper for a in current]
    wanted = {h.pk for h in helpers}
    for assignment in current:
        if assignment.helper_id not in wanted:
            if assignment.start_date >= on:
                raise ValidationError(
                    f"{assignment.helper.full_name}自 {assignment.start_date} 起才担任帮扶责任人，调整日期应晚于该日"
                )
            assignment.end_date = on - timedelta(days=1)
            assignment.save(update_fields=["end_date"])
    kept = {a.helper_id for a in current}
    for helper in helpers:
        if helper.pk not in kept:
            HelperAssignment.objects.create(
                unit_id=assisted.unit_id,
                community_id=assisted.community_id,
                assisted=assisted,
                helper=helper,
                start_date=on,
            )
    names = lambda users: "、".join(u.full_name or u.username for u in users)  # noqa: E731
    if {u.pk for u in before} != wanted:
        audit_append(
            [
                assisted_draft(
                    assisted,
                    AuditEntry.Action.UPDATE,
                    "assistance.household",
                    assisted.pk,
                    f"帮扶户 {assisted.household.household_no}",
                    {"帮扶责任人": [names(before), names(helpers)], "调整日期": [None, on]},
                    reason,
                )
            ],
            actor=actor,
        )


@transaction.atomic
def measures_update(*, actor, assisted: AssistedHousehold, measures: str, benefits: str) -> AssistedHousehold:
    """The household's assistance measures and the policies it enjoys, as printed on its 明白卡."""
    if not may_act_for(actor, assisted):
        raise PermissionDenied("只有该户帮扶责任人或单位管理员可以修改帮扶措施")
    before = {"帮扶措施": assisted.measures, "享受政策": assisted.benefits}
    assisted.measures, assisted.benefits = measures.strip(), benefits.strip()
    assisted.save(update_fields=["measures", "benefits", "updated_at"])
    changes = {
        k: [before[k], v]
        for k, v in {"帮扶措施": assisted.measures, "享受政策": assisted.benefits}.items()
        if before[k] != v
    }
    if changes:
        audit_append(
            [
                assisted_draft(
                    assisted,
                    AuditEntry.Action.UPDATE,
                    "assistance.household",
                    assisted.pk,
                    f"帮扶户 {assisted.household.household_no}",
                    changes,
                )
            ],
            actor=actor,
        )
    return assisted


@transaction.atomic
def location_set(*, actor, assisted: AssistedHousehold, latitude, longitude) -> AssistedHousehold:
    """Record where the household is (the phone's position at its door), for the visit-distance signal."""
    if not may_act_for(actor, assisted):
        raise PermissionDenied("只有该户帮扶责任人或单位管理员可以记录位置")
    if latitude is None or longitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError("位置无效")
    before = assisted.location
    assisted.latitude, assisted.longitude = latitude, longitude
    assisted.save(update_fields=["latitude", "longitude", "updated_at"])
    audit_append(
        [
            assisted_draft(
                assisted,
                AuditEntry.Action.UPDATE,
                "assistance.household",
                assisted.pk,
                f"帮扶户 {assisted.household.household_no}",
                {
                    "登记位置": [
                        f"{before[0]:.6f}, {before[1]:.6f}" if before else None,
                        f"{float(latitude):.6f}, {float(longitude):.6f}",
                    ]
                },
            )
        ],
        actor=actor,
    )
    return assisted
