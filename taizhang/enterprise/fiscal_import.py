"""The revenue ledger (`年度, 来源, 金额（万元）`): checked row by row with every error of the file reported at once,
written in one transaction as an import batch (whole or nothing). A year and source already recorded with the same
amount is left as it is; with another amount it is an error (the entry page changes a recorded amount, so that an
import never overwrites one silently). Undoing the batch voids what it recorded."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.enterprise import policies
from taizhang.enterprise.fiscal import FIRST_YEAR, LARGEST
from taizhang.enterprise.models import Revenue, RevenueSource
from taizhang.imports.services import void_imported

COLUMNS = ["年度", "来源", "金额（万元）"]
AMOUNT = "金额（万元）"
_NUMBER_NOISE = re.compile(r"[,，\s]")
_YEAR = re.compile(r"^(\d{4})(?:\s*年(?:度)?)?$")


def parse_year(text: str) -> int:
    match = _YEAR.match(text)
    last = clock.today().year + 1
    if not match or not FIRST_YEAR <= int(match.group(1)) <= last:
        raise ValueError(f"年度应是 {FIRST_YEAR}—{last} 之间的四位数字，如 2020")
    return int(match.group(1))


def parse_amount(text: str) -> Decimal:
    try:
        value = Decimal(_NUMBER_NOISE.sub("", text))
    except InvalidOperation:
        raise ValueError("金额应是数字（万元），如 1285.6")
    if not value.is_finite():
        raise ValueError("金额应是数字（万元），如 1285.6")
    if value < 0:
        raise ValueError("金额不能为负数")
    if value >= LARGEST:
        raise ValueError("金额过大，请核对单位（万元）")
    if value != value.quantize(Decimal("0.0001")):
        raise ValueError("金额最多保留四位小数（万元精确到元）")
    return value.quantize(Decimal("0.0001"))


def revenue_import(
    *, actor, unit, data, filename: str, dry_run: bool = False, reading: Reading = DEFAULT_READING, batch=None
) -> LedgerImportReport:
    if actor is not None and not policies.can_work(actor, unit.pk):
        raise PermissionDenied("只有本单位的工作人员可以导入财政收入")
    report = LedgerImportReport(filename=filename, noun="条")
    opened = open_for_import(report, data, filename, COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    sources = {s.name: s for s in RevenueSource.objects.filter(unit_id=unit.pk, is_active=True)}
    known = "、".join(sources) or "（还没有收入来源）"
    recorded = {
        (r.year, r.source_id): r.amount for r in Revenue.objects.filter(unit_id=unit.pk, status=RecordStatus.ACTIVE)
    }
    seen: dict[tuple[int, str], int] = {}
    new: list[Revenue] = []
    for row_no, cells in table.rows:
        report.rows += 1
        before = report.error_count
        year_text, name, amount_text = (cell_text(cells[index[column]]) for column in COLUMNS)
        year = amount = None
        if not year_text:
            report.add(RowError(row_no, "年度", None, "年度不能为空"))
        else:
            try:
                year = parse_year(year_text)
            except ValueError as exc:
                report.add(RowError(row_no, "年度", year_text, str(exc)))
        source = sources.get(name)
        if not name:
            report.add(RowError(row_no, "来源", None, "来源不能为空"))
        elif source is None:
            report.add(RowError(row_no, "来源", name, f"没有这个收入来源；本单位的收入来源有：{known}"))
        if not amount_text:
            report.add(RowError(row_no, AMOUNT, None, "金额不能为空"))
        else:
            try:
                amount = parse_amount(amount_text)
            except ValueError as exc:
                report.add(RowError(row_no, AMOUNT, amount_text, str(exc)))
        if year is not None and source is not None:
            first = seen.setdefault((year, name), row_no)
            if first != row_no:
                report.add(RowError(row_no, "来源", name, f"与第{first}行重复：同一年度的同一来源只能有一个金额"))
            elif amount is not None and recorded.get((year, source.pk), amount) != amount:
                already = recorded[(year, source.pk)]
                report.add(
                    RowError(
                        row_no,
                        AMOUNT,
                        amount_text,
                        f"系统中 {year} 年{name}已登记 {already} 万元，与文件不同；如需更正请在录入页修改",
                    )  # fmt: skip
                )
        if report.error_count != before:
            continue
        if (year, source.pk) in recorded:
            report.unchanged += 1
        else:
            new.append(Revenue(unit_id=unit.pk, year=year, source=source, amount=amount, import_batch=batch))
        report.keep(row_no, {"年度": year, "来源": name, AMOUNT: amount})
    report.no_rows()
    report.created = len(new)
    if dry_run or not report.ok:
        return report
    with transaction.atomic():
        Revenue.objects.bulk_create(new)
        years = sorted({r.year for r in new})
        audit_append(
            [
                Draft(
                    action=AuditEntry.Action.IMPORT_CREATE,
                    object_type="enterprise.revenue",
                    object_id=str(batch.pk if batch else ""),
                    object_repr=f"{unit.name} 财政收入导入",
                    unit_id=unit.pk,
                    changes={"年度": [None, years], "新增条数": [None, len(new)]},
                )
            ],
            actor=actor,
        )
    report.applied = True
    return report


@transaction.atomic
def revenue_undo(*, batch, actor, reason: str) -> int:
    if actor is not None and not policies.can_work(actor, batch.unit_id):
        raise ValidationError("只有本单位的工作人员可以撤销财政收入的导入")
    count = void_imported(Revenue.objects.filter(unit_id=batch.unit_id, import_batch=batch), actor=actor, reason=reason)
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.VOID,
                object_type="enterprise.revenue",
                object_id=str(batch.pk),
                object_repr=f"导入批次 {batch.pk} 的财政收入",
                unit_id=batch.unit_id,
                changes={"作废条数": [count, None]},
                reason=reason[:200],
            )
        ],
        actor=actor,
    )
    return count
