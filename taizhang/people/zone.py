"""Writes of the district's zone indicators: a district admin saves the version that applies from a year on (the
whole set, weights totalling 100), replacing a version of the same year; audited with what changed."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.people import policies
from taizhang.people.models import ZoneIndicator
from taizhang.people.rules import zone as rules
from taizhang.people.selectors_zone import indicator_of

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _described(indicator: rules.Indicator) -> str:
    direction = "越高越好" if indicator.higher_is_better else "越低越好"
    measure = f"，{indicator.measure}" if indicator.measure else ""
    return f"{indicator.group}，权重 {indicator.weight.normalize():f}{measure}，{direction}"


@transaction.atomic
def indicators_save(*, actor, from_year: int, indicators: Sequence[rules.Indicator]) -> list[ZoneIndicator]:
    if actor is not None and not policies.edits_zone_indicators(actor):
        raise PermissionDenied("只有区级管理员可以设置开发区考核指标")
    if not FIRST_YEAR <= from_year <= LAST_YEAR:
        raise ValidationError(f"适用起始年度应在 {FIRST_YEAR}—{LAST_YEAR} 之间")
    problem = rules.weights_problem(indicators)
    if problem:
        raise ValidationError(problem)
    existing = ZoneIndicator.objects.select_for_update().filter(from_year=from_year)
    before = {row.name: _described(indicator_of(row)) for row in existing}
    existing.delete()
    rows = ZoneIndicator.objects.bulk_create(
        ZoneIndicator(
            from_year=from_year,
            name=i.name,
            group=i.group,
            measure=i.measure,
            higher_is_better=i.higher_is_better,
            weight=i.weight,
            sort_order=n,
            created_by=actor,
        )
        for n, i in enumerate(indicators)
    )
    after = {i.name: _described(i) for i in indicators}
    changes = {
        name: [before.get(name), after.get(name)] for name in [*after, *before] if before.get(name) != after.get(name)
    }
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
                object_type="people.zone_indicator",
                object_id=str(from_year),
                object_repr=f"{from_year} 年起适用的开发区考核指标",
                changes=changes,
            )
        ],
        actor=actor,
    )
    return rows
