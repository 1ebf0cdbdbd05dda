"""Writes of the unit's visit rules (走访规则), which the month's compliance is judged by."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.assistance.models import VisitRuleVersion
from taizhang.assistance.policies import require_manager
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.org.models import OrgNode


@transaction.atomic
def rule_version_create(
    *, actor, unit: OrgNode, effective_from: date, min_visits_per_month: int, min_minutes: int, note: str = ""
) -> VisitRuleVersion:
    require_manager(actor, unit.pk)
    if min_visits_per_month < 1 or min_minutes < 1:
        raise ValidationError("每月次数和每次时长都至少为 1")
    if VisitRuleVersion.objects.filter(unit=unit, effective_from=effective_from).exists():
        raise ValidationError(f"{effective_from} 已有一版规则；如需修改，请另选生效日期")
    version = VisitRuleVersion.objects.create(
        unit=unit,
        effective_from=effective_from,
        note=note,
        created_by=actor,
        min_visits_per_month=min_visits_per_month,
        min_minutes=min_minutes,
    )
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.CREATE,
                object_type="assistance.rule",
                object_id=str(version.pk),
                object_repr=f"走访规则（{effective_from} 起）",
                unit_id=unit.pk,
                changes={
                    "生效日期": [None, effective_from],
                    "每月最少有效走访次数": [None, min_visits_per_month],
                    "每次走访最少时长（分钟）": [None, min_minutes],
                },
                reason=note,
            )
        ],
        actor=actor,
    )
    return version
