"""Scoring methods as data: the four defaults a unit starts with, versions effective from a cycle, and the versions
a cycle is scored by."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.people import policies
from taizhang.people.models import Cycle, ScoringMethod
from taizhang.people.rules import kpi as rules

DEFAULT_METHODS = [(label, kind) for kind, label in rules.METHOD_KINDS.items()]  # 线性 linear, 反向 reverse, …
EPOCH = date(1990, 1, 1)  # the defaults apply to every cycle a unit may ever open


def methods_ensure(unit_id: int) -> None:
    """The four default methods, for a unit that has none yet (idempotent)."""
    if ScoringMethod.objects.filter(unit_id=unit_id).exists():
        return
    ScoringMethod.objects.bulk_create(
        [
            ScoringMethod(unit_id=unit_id, name=name, kind=kind, effective_from=EPOCH, reason="默认计分方式")
            for name, kind in DEFAULT_METHODS
        ]
    )


def methods_for(unit_id: int, on: date) -> dict[str, ScoringMethod]:
    """{name: the version in force on `on`} — a cycle is scored by the versions in force on its first day."""
    found: dict[str, ScoringMethod] = {}
    for method in ScoringMethod.objects.filter(unit_id=unit_id, effective_from__lte=on).order_by(
        "name", "-effective_from", "-id"
    ):
        found.setdefault(method.name, method)
    return found


def _number(text, label: str) -> Decimal:
    try:
        value = Decimal(str(text).strip())
    except Exception:
        raise ValidationError(f"{label}“{str(text)[:20]}”不是数字")
    if not value.is_finite() or not (0 <= value <= 10):
        raise ValidationError(f"{label}应在 0 到 10 之间")
    return value.quantize(Decimal("0.001"))


@transaction.atomic
def method_change(*, actor, unit_id: int, name: str, kind: str, floor, cap, cycle: Cycle, reason: str) -> ScoringMethod:
    """A new version of a method (or a new method of the unit's own name), effective from `cycle` on; the cycles
    before keep the versions they were scored by."""
    if not policies.can_manage(actor, unit_id) or cycle.unit_id != unit_id:
        raise PermissionDenied("只有本单位考核委员会委员或单位管理员可以修改计分方式")
    name, reason = (name or "").strip(), (reason or "").strip()
    if not name or len(name) > 32:
        raise ValidationError("计分方式名称不能为空，且不超过 32 个字")
    if kind not in rules.METHOD_KINDS:
        raise ValidationError("公式只能是线性、反向、达标或扣分之一")
    if not reason or len(reason) > 500:
        raise ValidationError("请填写变更理由（不超过 500 字）")
    floor, cap = _number(floor, "下限"), _number(cap, "上限")
    if floor > cap:
        raise ValidationError("下限不能大于上限")
    if cycle.status != Cycle.Status.OPEN:
        raise ValidationError(f"周期 {cycle.code} 已评定，不能再从该周期起修改计分方式，请选一个考核中的周期")
    before = methods_for(unit_id, cycle.starts_on).get(name)
    method, _ = ScoringMethod.objects.update_or_create(
        unit_id=unit_id,
        name=name,
        effective_from=cycle.starts_on,
        defaults={
            "kind": kind,
            "floor": floor,
            "cap": cap,
            "effective_cycle": cycle.code,
            "reason": reason,
            "changed_by": actor,
        },
    )
    old = {"公式": before.get_kind_display(), "下限": before.floor, "上限": before.cap} if before else {}
    new = {"公式": method.get_kind_display(), "下限": floor, "上限": cap, "生效周期": cycle.code}
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
                object_type="people.method",
                object_id=str(method.pk),
                object_repr=f"计分方式 {name}（{cycle.code} 起）",
                unit_id=unit_id,
                changes=field_changes(old, new),
                reason=reason,
            )
        ],
        actor=actor,
    )
    return method
