"""Running an import as a numbered batch, and undoing a batch: both atomic and audited."""

from __future__ import annotations

import hashlib
from os import PathLike
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, actor_name, audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.documents.importing import DEFAULT_READING, ImportReport, Ledger, Reading, Target
from taizhang.imports.ledgers import declared
from taizhang.imports.models import ColumnMapping, ImportBatch


def import_run(
    *,
    ledger: Ledger,
    actor,
    target: Target,
    data,
    filename: str,
    reading: Reading = DEFAULT_READING,
    dry_run: bool = False,
) -> tuple[ImportReport, ImportBatch | None]:
    """Check the file; unless a dry run and when nothing is wrong, write it as one batch (whole or nothing)."""
    arguments = {"actor": actor, "target": target, "data": data, "filename": filename, "reading": reading}
    if dry_run:
        return ledger.run(**arguments, batch=None, dry_run=True), None
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            unit=target.unit,
            ledger=ledger.key,
            target=target.label,
            filename=filename[:255],
            actor=actor,
            actor_name=actor_name(actor),
            created_at=clock.now(),
        )
        report = ledger.run(**arguments, batch=batch, dry_run=False)
        if not report.applied:
            transaction.set_rollback(True)
            return report, None
        batch.rows = report.rows
        batch.summary = report.summary()[:400]
        batch.counts = [[label, number] for label, number in report.counts()]
        content = _content(data)
        batch.source_sha256 = hashlib.sha256(content).hexdigest()
        batch.source.save(f"{batch.pk}{Path(filename).suffix.lower()[:8]}", ContentFile(content), save=False)
        batch.save(update_fields=["rows", "summary", "counts", "source", "source_sha256"])
        _audit_batch(
            batch,
            AuditEntry.Action.IMPORT,
            f"导入批次 {batch.pk}：{ledger.title}",
            {
                "台账": ledger.title,
                "导入到": target.label,
                "文件": filename,
                "文件 SHA-256": batch.source_sha256,
                "结果": batch.summary,
            },
            actor=actor,
        )
    return report, batch


def _content(data) -> bytes:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, (str, PathLike)):
        return Path(data).read_bytes()
    data.seek(0)
    return data.read()


def batch_void(*, batch: ImportBatch, actor, reason: str) -> int:
    """Undo a whole batch: the ledger voids what it created, or refuses with the reason (ValidationError)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("请填写撤销原因")
    ledger = declared(batch.ledger)
    if ledger is None or ledger.undo is None:
        raise ValidationError("这种台账的导入批次不能整批撤销，请逐条作废。")
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.is_voided:
            raise ValidationError(f"导入批次 {batch.pk} 已于 {batch.voided_at:%Y-%m-%d %H:%M} 撤销")
        voided = ledger.undo(batch=batch, actor=actor, reason=reason)
        batch.status = RecordStatus.VOIDED
        batch.void_reason = reason[:200]
        batch.voided_at = clock.now()
        batch.voided_by = actor
        batch.voided_records = voided
        batch.save(update_fields=["status", "void_reason", "voided_at", "voided_by", "voided_records"])
        _audit_batch(
            batch,
            AuditEntry.Action.VOID,
            f"导入批次 {batch.pk}：{ledger.title}",
            {"撤销的记录": voided, "文件": batch.filename},
            actor=actor,
            reason=reason,
        )
    return voided


def source_downloaded(*, batch: ImportBatch, actor) -> None:
    changes = {"文件": batch.filename, "文件 SHA-256": batch.source_sha256}
    _audit_batch(batch, AuditEntry.Action.EXPORT, f"导入批次 {batch.pk} 的原始文件", changes, actor=actor)


def _audit_batch(batch: ImportBatch, action: str, title: str, changes: dict, *, actor, reason: str = "") -> None:
    draft = Draft(
        action=action,
        object_type="imports.batch",
        object_id=str(batch.pk),
        object_repr=title,
        unit_id=batch.unit_id,
        changes=changes,
        reason=reason,
    )
    audit_append([draft], actor=actor)


def void_imported(queryset: models.QuerySet, *, actor, reason: str) -> int:
    """Void the still-active records of a `Voidable` model that a batch created (the ledgers' undo uses it)."""
    return queryset.filter(status=RecordStatus.ACTIVE).update(
        status=RecordStatus.VOIDED, void_reason=reason[:200], voided_at=clock.now(), voided_by=actor
    )


def later_work(queryset: models.QuerySet, batch: ImportBatch, *, count_voided: bool = False) -> list[str]:
    """What refers to the batch's records without being part of the batch (and is not voided), as
    "走访记录 3 条": the reason an undo is refused. Walks the model's reverse relations, so a module's records that
    depend on a kernel record (a visit on a household) count without the kernel knowing the module. Voided records
    count only with `count_voided` (for an undo that removes rows, which a voided record still points at)."""
    ids = queryset.values("pk")
    found = []
    for relation in _reverse_relations(queryset.model):
        related = relation.related_model
        dependents = related._default_manager.filter(**{f"{relation.field.name}__in": ids})
        field_names = {f.name for f in related._meta.get_fields()}
        if "import_batch" in field_names:
            dependents = dependents.exclude(import_batch=batch)
        if not count_voided and "status" in field_names and hasattr(related, "is_voided"):
            dependents = dependents.exclude(status=RecordStatus.VOIDED)
        count = dependents.count()
        if count:
            found.append(f"{related._meta.verbose_name} {count} 条")
    return found


def _reverse_relations(model) -> list:
    """Every foreign key pointing at the model, including those declared with related_name="+"."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created
        and not f.concrete
        and (f.one_to_many or f.one_to_one)
        and not f.related_model._meta.auto_created  # a many-to-many table is part of the record itself
    ]


def mapping_for(unit, ledger: Ledger) -> dict[str, str]:
    return dict(ColumnMapping.objects.filter(unit=unit, ledger=ledger.key).values_list("header", "column"))


def mapping_set(*, unit, ledger: Ledger, choices: dict[str, str]) -> None:
    """Remember how the unit's files write their headers: {header: column or "" to ignore}."""
    columns = set(ledger.columns)
    with transaction.atomic():
        for header, column in choices.items():
            if column and column not in columns:
                raise ValidationError(f"没有名为“{column}”的列")
            ColumnMapping.objects.update_or_create(
                unit=unit, ledger=ledger.key, header=header[:100], defaults={"column": column}
            )
