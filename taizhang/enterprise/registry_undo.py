"""Undoing a registry import batch: the enterprises and figures it created are removed, those it changed get their
values back. Refused, with the reason, when a record no longer holds what the batch wrote (edited by hand or by a
later import since: undo that first) or when later work hangs on an enterprise it created."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, audit_record
from taizhang.enterprise.models import Enterprise, EnterpriseFigure, ImportedChange
from taizhang.enterprise.registry import FIELDS, TAG_FIELDS, values_of
from taizhang.enterprise.registry_import import _figure_values
from taizhang.imports.services import later_work

MAX_NAMED = 5


def _without_id(values: dict) -> dict:
    return {k: v for k, v in values.items() if k != "id"}


def _refuse_if_moved(moved: list[str], what: str) -> None:
    if moved:
        more = f"等 {len(moved)} 家" if len(moved) > MAX_NAMED else ""
        raise ValidationError(
            f"{'、'.join(moved[:MAX_NAMED])}{more}的{what}在本批导入之后又有修改（手工修改或后来的导入），"
            "不能整批撤销；请先撤销后来的导入批次或手工改回"
        )


def _restore_enterprise(enterprise: Enterprise, before: dict) -> None:
    enterprise.uscc = before["uscc"]
    for field in (*FIELDS, *TAG_FIELDS):
        value = before[field]
        if field == "land_mu" and value is not None:
            value = Decimal(value)
        elif field in ("registered_on", "settled_on") and value:
            value = date.fromisoformat(value)
        setattr(enterprise, field, value)
    enterprise.save()
    enterprise.links.set(before["links"])


def enterprises_undo(*, batch, actor, reason: str) -> int:
    changes = list(ImportedChange.objects.filter(import_batch=batch).select_related("enterprise"))
    moved = [c.enterprise.name for c in changes if values_of(c.enterprise) != _without_id(c.after)]
    _refuse_if_moved(moved, "企业信息")
    created = Enterprise.objects.filter(pk__in=[c.enterprise_id for c in changes if c.before is None])
    blocking = later_work(created, batch, count_voided=True)
    if blocking:
        raise ValidationError(f"本批新增的企业已有后续数据（{'、'.join(blocking)}），不能整批撤销")
    drafts = []
    for change in changes:
        enterprise = change.enterprise
        drafts.append(
            Draft(
                action=AuditEntry.Action.VOID if change.before is None else AuditEntry.Action.UPDATE,
                object_type="enterprise.enterprise",
                object_id=str(enterprise.pk),
                object_repr=f"{enterprise.name}（{enterprise.uscc}）",
                unit_id=enterprise.unit_id,
                changes={"撤销导入批次": [batch.pk, None]},
                reason=reason[:200],
            )
        )
        if change.before is not None:
            _restore_enterprise(enterprise, change.before)
    ImportedChange.objects.filter(import_batch=batch).delete()
    for enterprise in created:
        enterprise.links.clear()
    created.delete()
    audit_append(drafts, actor=actor)
    return len(changes)


def figures_undo(*, batch, actor, reason: str) -> int:
    changes = list(ImportedChange.objects.filter(import_batch=batch).select_related("enterprise"))
    figures = {
        (f.enterprise_id, f.year): f
        for f in EnterpriseFigure.objects.filter(enterprise_id__in=[c.enterprise_id for c in changes])
    }
    moved = [
        c.enterprise.name
        for c in changes
        if (figure := figures.get((c.enterprise_id, c.year))) is None or _figure_values(figure) != c.after
    ]
    _refuse_if_moved(moved, "年度数据")
    removed = []
    for change in changes:
        figure = figures[(change.enterprise_id, change.year)]
        if change.before is None:
            removed.append(figure.pk)
            continue
        for field, value in change.before.items():
            setattr(figure, field, Decimal(value) if isinstance(value, str) else value)
        figure.save()
    ImportedChange.objects.filter(import_batch=batch).delete()
    EnterpriseFigure.objects.filter(pk__in=removed).delete()
    years = sorted({c.year for c in changes})
    audit_record(
        actor=actor,
        action=AuditEntry.Action.VOID,
        object_type="enterprise.figure",
        object_id=str(batch.pk),
        object_repr=f"导入批次 {batch.pk} 的企业年度数据",
        unit_id=batch.unit_id,
        changes={
            "年度": [years, None],
            "删除": [len(removed), None],
            "恢复原值": [len(changes) - len(removed), None],
        },
        reason=reason[:200],
    )
    return len(changes)
