"""The handover ledger (`职能编号, 职能名称, 类别, 承接街道, 移交日期`, optionally `依据/说明`): a zone hands functions of its
list to the streets by Excel. The whole file is checked first and every error reported at once (row, column, reason);
nothing is written unless all rows are good, and then in one transaction as an import batch the zone may undo."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.documents.cells import CellError, cell_date
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.enterprise import functions as services
from taizhang.enterprise.models import HandedFunction
from taizhang.enterprise.policies_functions import hands_over
from taizhang.enterprise.rules import functions as rules
from taizhang.org.models import OrgNode

COLUMNS = ["职能编号", "职能名称", "类别", "承接街道", "移交日期"]
OPTIONAL = ["依据/说明"]
MAX_NAME = 64
MAX_BASIS = 300


@dataclass
class HandoverReport(LedgerImportReport):
    streets: int = 0

    def summary(self) -> str:
        verb = "已移交" if self.applied else "可移交"
        return f"共 {self.rows} 行：{verb} {self.created} 项职能，涉及 {self.streets} 个街道"

    def counts(self) -> list[tuple[str, int]]:
        return [("移交职能（项）", self.created), ("承接街道", self.streets)]


def _number(text: str) -> int:
    if not text.isdigit():
        raise ValueError(f"职能编号应是 1—{rules.NUMBER_MAX} 的整数")
    number = int(text)
    if not 1 <= number <= rules.NUMBER_MAX:
        raise ValueError(f"职能编号应是 1—{rules.NUMBER_MAX} 的整数")
    return number


def receiving_units(zone: OrgNode) -> dict[str, OrgNode]:
    """The units of the zone's district a function may be handed to, by name."""
    top = zone.path.strip("/").split("/")[0]
    found = OrgNode.objects.filter(kind=OrgNode.Kind.UNIT, path__startswith=f"/{top}/").exclude(pk=zone.pk)
    return {unit.name: unit for unit in found}


def handover_import(
    *,
    actor,
    unit: OrgNode,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> HandoverReport:
    """Check the file as `unit`'s handover ledger; unless a dry run, hand every row's function over."""
    if actor is not None and not (hands_over(actor) and actor.unit_id == unit.pk):
        raise PermissionDenied("只有本单位的工作人员可以导入职能移交台账")
    report = HandoverReport(filename=filename, noun="项")
    opened = open_for_import(report, data, filename, COLUMNS, OPTIONAL, reading=reading)
    if opened is None:
        return report
    table, index = opened
    streets = receiving_units(unit)
    known = "、".join(streets) or "（本区还没有其他单位）"
    already = set(
        HandedFunction.objects.filter(handed_by=unit, withdrawn_on__isnull=True).values_list("unit__name", "number")
    )
    today = clock.today()
    seen: dict[tuple[str, int], int] = {}
    rows: list[dict] = []
    for row_no, cells in table.rows:
        report.rows += 1
        before = report.error_count
        text = {column: cell_text(cells[index[column]]) for column in COLUMNS}
        basis = cell_text(cells[index["依据/说明"]]) if "依据/说明" in index else ""
        number = None
        try:
            number = _number(text["职能编号"])
        except ValueError as exc:
            report.add(RowError(row_no, "职能编号", text["职能编号"] or None, str(exc)))
        name = text["职能名称"]
        if not name:
            report.add(RowError(row_no, "职能名称", None, "职能名称不能为空"))
        elif len(name) > MAX_NAME:
            report.add(RowError(row_no, "职能名称", name, f"职能名称过长（最多 {MAX_NAME} 个字）"))
        category = text["类别"]
        if category not in rules.CATEGORIES:
            report.add(RowError(row_no, "类别", category or None, f"类别应是：{'、'.join(rules.CATEGORIES)}"))
        street = streets.get(text["承接街道"])
        if street is None:
            reason = "承接街道不能为空" if not text["承接街道"] else f"本区没有这个街道；可填：{known}"
            report.add(RowError(row_no, "承接街道", text["承接街道"] or None, reason))
        handed_on = None
        try:
            handed_on = cell_date(cells[index["移交日期"]], "移交日期")
            problem = rules.date_problem(handed_on, previous=None, today=today)
            if problem:
                report.add(RowError(row_no, "移交日期", str(handed_on), problem))
        except CellError as exc:
            report.add(RowError(row_no, "移交日期", text["移交日期"] or None, exc.message))
        if len(basis) > MAX_BASIS:
            report.add(RowError(row_no, "依据/说明", basis[:20], f"依据/说明过长（最多 {MAX_BASIS} 个字）"))
        if number is not None and street is not None:
            first = seen.setdefault((street.name, number), row_no)
            if first != row_no:
                report.add(
                    RowError(
                        row_no, "职能编号", str(number), f"与第{first}行重复：同一项职能只能移交给{street.name}一次"
                    )
                )
            elif (street.name, number) in already:
                report.add(RowError(row_no, "职能编号", str(number), f"第 {number} 项职能已移交给{street.name}"))
        if report.error_count == before:
            row = {"number": number, "name": name, "category": category, "street": street, "handed_on": handed_on}
            rows.append({**row, "basis": basis})
            report.keep(row_no, {"职能编号": number, "职能名称": name, "承接街道": street.name, "移交日期": handed_on})
    report.no_rows()
    report.created = len(rows)
    report.streets = len({row["street"].pk for row in rows})
    if dry_run or not report.ok:
        return report
    with transaction.atomic():
        for row in rows:
            services.hand_over(actor=actor, zone=unit, batch=batch, audit=False, **row)
        audit_append([_batch_draft(unit, batch, report)], actor=actor)
    report.applied = True
    return report


def _batch_draft(unit, batch, report: HandoverReport, *, undo: bool = False, reason: str = "") -> Draft:
    counts = [report.created, None] if undo else [None, report.created]
    return Draft(
        action=AuditEntry.Action.VOID if undo else AuditEntry.Action.IMPORT_CREATE,
        object_type=services.FUNCTION,
        object_id=str(batch.pk if batch else ""),
        object_repr=f"{unit.name} 职能移交台账",
        unit_id=unit.pk,
        changes={"移交职能（项）": counts},
        reason=reason[:200],
    )


def handover_undo(*, batch, actor, reason: str) -> int:
    """Withdraws the batch's handovers; refused once a street has taken one on or a note was written on one."""
    found = HandedFunction.objects.filter(handed_by_id=batch.unit_id, import_batch=batch, withdrawn_on__isnull=True)
    moved = found.exclude(state="handed").count()
    noted = found.filter(notes__isnull=False).distinct().count()
    if moved or noted:
        raise ValidationError(f"这一批移交的职能已有后续记录（已承接 {moved} 项、已督办 {noted} 项），不能整批撤销。")
    with transaction.atomic():
        count = found.update(withdrawn_on=clock.today(), withdraw_reason=f"撤销导入批次 {batch.pk}：{reason}"[:200])
        report = HandoverReport(filename="", created=count)
        audit_append([_batch_draft(batch.unit, batch, report, undo=True, reason=reason)], actor=actor)
    return count
