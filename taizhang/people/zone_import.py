"""The import of a year's zone figures (`开发区, 指标, 数值`): the whole file is the zone's comparison set for the
year (its own figures and its peers'), checked row by row with every error reported at once, written in one
transaction as an import batch. A later import of the same year replaces the set; undoing it brings back the
earlier one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.org.models import OrgNode
from taizhang.people import policies
from taizhang.people.models import ZoneFigure
from taizhang.people.selectors_zone import scheme_for

COLUMNS = ["开发区", "指标", "数值"]
MAX_ZONE_NAME = 64
LARGEST = Decimal(10) ** 13
_NUMBER_NOISE = re.compile(r"[,，\s]")


@dataclass
class ZoneFiguresReport(LedgerImportReport):
    year: int = 0
    zones: int = 0

    def summary(self) -> str:
        verb = "已导入" if self.applied else "可导入"
        return f"共 {self.rows} 行：{verb} {self.year} 年度 {self.zones} 个开发区的 {self.created} 条数据"

    def counts(self) -> list[tuple[str, int]]:
        return [("开发区", self.zones), ("数据（条）", self.created)]


def parse_value(text: str) -> Decimal:
    """A figure as the ledger writes it: thousands separators and a trailing % allowed; ValueError with the reason."""
    cleaned = _NUMBER_NOISE.sub("", text).removesuffix("%").removesuffix("％")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("数值应是数字，如 128.5")
    if not value.is_finite():
        raise ValueError("数值应是数字，如 128.5")
    if value < 0:
        raise ValueError("数值不能为负数")
    if value >= LARGEST:
        raise ValueError("数值过大，请核对计量单位")
    return value.quantize(Decimal("0.0001"))


def tree_zones() -> dict[str, OrgNode]:
    return {z.name: z for z in OrgNode.objects.filter(kind=OrgNode.Kind.UNIT, subtype=OrgNode.Subtype.ZONE)}


def figures_import(
    *,
    actor,
    unit: OrgNode,
    year: int,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> ZoneFiguresReport:
    """Check the file against the indicators of `year`; unless a dry run, store it as `unit`'s set for the year."""
    if actor is not None and not policies.imports_zone_figures(actor, unit):
        raise PermissionDenied("只有本开发区的考核委员会和单位管理员可以导入开发区考核数据")
    report = ZoneFiguresReport(filename=filename, noun="条", year=year)
    if unit.subtype != OrgNode.Subtype.ZONE:
        report.add(RowError(None, None, None, f"{unit.name}不是开发区，不能导入开发区考核数据"))
        return report
    opened = open_for_import(report, data, filename, COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    indicators = {i.name: i for i in scheme_for(year).indicators}
    known = "、".join(indicators)
    in_tree = tree_zones()
    seen: dict[tuple[str, str], int] = {}
    figures: list[ZoneFigure] = []
    for row_no, cells in table.rows:
        report.rows += 1
        before = report.error_count
        zone, name, text = (cell_text(cells[index[column]]) for column in COLUMNS)
        if not zone:
            report.add(RowError(row_no, "开发区", None, "开发区名称不能为空"))
        elif len(zone) > MAX_ZONE_NAME:
            report.add(RowError(row_no, "开发区", zone, f"开发区名称过长（最多 {MAX_ZONE_NAME} 个字）"))
        if not name:
            report.add(RowError(row_no, "指标", None, "指标不能为空"))
        elif name not in indicators:
            report.add(RowError(row_no, "指标", name, f"没有这项指标；{year} 年度的指标有：{known}"))
        value = None
        if not text:
            report.add(RowError(row_no, "数值", None, "数值不能为空"))
        else:
            try:
                value = parse_value(text)
            except ValueError as exc:
                report.add(RowError(row_no, "数值", text, str(exc)))
        if zone and name:
            first = seen.setdefault((zone, name), row_no)
            if first != row_no:
                report.add(RowError(row_no, "指标", name, f"与第{first}行重复：同一开发区的同一指标只能有一个数值"))
        if report.error_count == before:
            node = in_tree.get(zone)
            figures.append(
                ZoneFigure(
                    unit=unit,
                    year=year,
                    zone=zone,
                    zone_node=node,
                    indicator=name,
                    value=value,
                    row_no=row_no,
                    import_batch=batch,
                )
            )
            report.keep(row_no, {"开发区": zone, "指标": name, "数值": value})
    report.no_rows()
    if report.rows and not any(zone == unit.name for zone, _ in seen):
        report.add(RowError(None, "开发区", None, f"文件中没有本开发区（{unit.name}）的数据，开发区名称须与系统中一致"))
    report.created = len(figures)
    report.zones = len({f.zone for f in figures})
    if dry_run or not report.ok:
        return report
    ZoneFigure.objects.bulk_create(figures)
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.IMPORT_CREATE,
                object_type="people.zone_figure",
                object_id=str(batch.pk if batch else ""),
                object_repr=f"{unit.name} {year} 年度开发区考核数据",
                unit_id=unit.pk,
                changes={"年度": [None, year], "开发区": [None, report.zones], "数据条数": [None, report.created]},
            )
        ],
        actor=actor,
    )
    report.applied = True
    return report


def figures_undo(*, batch, actor, reason: str) -> int:
    """The batch's set is no longer the year's: the previous import of that year (if any) is current again. Nothing
    depends on the figures, so an undo is never refused."""
    figures = ZoneFigure.objects.filter(unit_id=batch.unit_id, import_batch=batch)
    count = figures.count()
    years = sorted(set(figures.values_list("year", flat=True)))
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.VOID,
                object_type="people.zone_figure",
                object_id=str(batch.pk),
                object_repr=f"导入批次 {batch.pk} 的开发区考核数据",
                unit_id=batch.unit_id,
                changes={"年度": [years, None], "数据条数": [count, None]},
                reason=reason[:200],
            )
        ],
        actor=actor,
    )
    return count


def zones_named_in(data, filename: str) -> list[OrgNode]:
    """The zones of the tree a figures file names (the command finds its units by them), in file order."""
    scratch = ZoneFiguresReport(filename=filename)
    opened = open_for_import(scratch, data, filename, COLUMNS)
    if opened is None:
        return []
    table, index = opened
    in_tree = tree_zones()
    named = (cell_text(cells[index["开发区"]]) for _, cells in table.rows)
    return list({zone.pk: zone for name in named if (zone := in_tree.get(name))}.values())
