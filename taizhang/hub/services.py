"""Writes of the platform layer: which modules a unit works with, the targets of the published figures."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core.manifest import modules
from taizhang.hub import metrics
from taizhang.hub.models import MetricTarget
from taizhang.org.models import OrgNode, UnitModule
from taizhang.org.policies import can_manage_modules


@transaction.atomic
def unit_modules_set(*, actor, unit: OrgNode, keys: set[str]) -> bool:
    """Enable exactly `keys` for the unit (audited); returns whether anything changed.

    Disabling hides the module's pages and figures from the unit; its records are kept and reappear when enabled."""
    if actor is not None and not can_manage_modules(actor):
        raise PermissionDenied("只有区级管理员可以设置各单位启用的模块")
    if unit.kind != OrgNode.Kind.UNIT:
        raise ValidationError("只能为单位（开发区、街道、镇）设置模块")
    names = {spec.key: spec.name for spec in modules()}
    unknown = set(keys) - names.keys()
    if unknown:
        raise ValidationError(f"没有这些模块：{'、'.join(sorted(unknown))}")
    before = set(UnitModule.objects.select_for_update().filter(unit=unit).values_list("module", flat=True))
    if before == set(keys):
        return False
    UnitModule.objects.filter(unit=unit, module__in=before - set(keys)).delete()
    UnitModule.objects.bulk_create([UnitModule(unit=unit, module=key) for key in sorted(set(keys) - before)])
    for spec in modules():
        if spec.key in set(keys) - before and spec.on_enable:
            spec.load(spec.on_enable)(unit.pk)

    def label(selected):
        return "、".join(names.get(key, key) for key in sorted(selected)) or "（无）"

    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        object_type="hub.unit-modules",
        object_id=str(unit.pk),
        object_repr=f"{unit.name}启用的模块",
        unit_id=unit.pk,
        changes={"启用的模块": [label(before), label(keys)]},
    )
    return True


@transaction.atomic
def metric_target_set(*, actor, metric: str, value: Decimal | None) -> bool:
    """Set (or with None clear) the district's target for a published figure, audited; returns whether it changed."""
    if actor is not None and not can_manage_modules(actor):
        raise PermissionDenied("只有区级管理员可以设置指标目标")
    item = metrics.find(metric)
    if item is None:
        raise ValidationError(f"没有这个指标：{metric}")
    if value is not None and (value < 0 or (item.metric.is_ratio and value > 100)):
        raise ValidationError(f"{item.label}的目标应在 0 到 {'100' if item.metric.is_ratio else '∞'} 之间")
    current = MetricTarget.objects.select_for_update().filter(metric=metric).first()
    before = current.value if current else None
    if before == value:
        return False
    if value is None:
        current.delete()
    else:
        MetricTarget.objects.update_or_create(metric=metric, defaults={"value": value, "updated_by": actor})

    def shown(number):
        return "（无）" if number is None else f"{number.normalize():f}{item.metric.measure}"

    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        object_type="hub.metric-target",
        object_id=metric,
        object_repr=f"{item.spec.name}·{item.label}的目标",
        changes={"目标": [shown(before), shown(value)]},
    )
    return True
