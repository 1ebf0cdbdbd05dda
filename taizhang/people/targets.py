"""Targets of a cycle cascading zone → department → post → person (the zone's 经济总量 into a department's, a
post's and a person's), each owned by the department, post or person of its level."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.org.models import OrgNode, User
from taizhang.people.kpi import decimal_or_none, require_manager, require_open, required_text
from taizhang.people.models import Cycle, KpiTarget, Post
from taizhang.people.rules import kpi as rules


@transaction.atomic
def target_create(
    *,
    actor,
    cycle: Cycle,
    level: str,
    name: str,
    value,
    measure: str = "",
    parent: KpiTarget | None = None,
    department: OrgNode | None = None,
    post: Post | None = None,
    user: User | None = None,
) -> KpiTarget:
    require_manager(actor, cycle.unit_id)
    cycle = require_open(cycle)
    name = required_text(name, "目标名称", 64)
    if len(measure or "") > 16:
        raise ValidationError("计量单位不超过 16 字")
    number = decimal_or_none(value, "目标值")
    if number is None:
        raise ValidationError("请填写目标值")
    if parent is not None and parent.cycle_id != cycle.pk:
        raise ValidationError("上级目标须是同一周期的目标")
    problem = rules.target_parent_problem(level, parent.level if parent else None)
    if problem:
        raise ValidationError(problem)
    owner = {"department": department, "post": post, "person": user}.get(level)
    if level != "zone" and owner is None:
        raise ValidationError({"department": "请选择部门", "post": "请选择岗位", "person": "请选择责任人"}[level])
    if owner is not None and getattr(owner, "unit_id", None) != cycle.unit_id:
        raise ValidationError("责任部门、岗位或人员须属本单位")
    target = KpiTarget.objects.create(
        unit_id=cycle.unit_id,
        cycle=cycle,
        level=level,
        parent=parent,
        department=department if level == "department" else (post.department if level == "post" else None),
        post=post if level == "post" else None,
        user=user if level == "person" else None,
        name=name,
        value=number,
        measure=(measure or "").strip(),
        created_by=actor,
    )
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.CREATE,
                object_type="people.target",
                object_id=str(target.pk),
                object_repr=f"{cycle.code} 目标 {name}",
                unit_id=cycle.unit_id,
                changes=field_changes(
                    {},
                    {"层级": target.get_level_display(), "目标值": number, "上级目标": parent.name if parent else ""},
                ),
            )
        ],
        actor=actor,
    )
    return target


def cascaded_share(target: KpiTarget) -> Decimal | None:
    """How much of the target its children take on (their values added up), None without children."""
    values = [child.value for child in target.children.all()]
    return sum(values, Decimal(0)) if values else None
