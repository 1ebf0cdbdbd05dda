"""The registry's two ledgers: enterprises (`统一社会信用代码, 企业名称, 园区, 产业链, 标签, 用地面积`, an existing code
updates its enterprise) and a year's figures (`统一社会信用代码, 营业收入, 税收, 工业总产值, 研发投入, 综合能耗`, an
existing figure of the year is replaced). Each file is checked whole, every row error reported at once naming row,
column and reason, and written in one transaction as an import batch; what the batch changed is kept
(`ImportedChange`) so that undoing it restores the values before it exactly."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, audit_record
from taizhang.core import clock
from taizhang.documents.cells import CellError, cell_date
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.enterprise import policies
from taizhang.enterprise.models import Chain, Enterprise, EnterpriseFigure, ImportedChange, Park
from taizhang.enterprise.registry import TAG_FIELDS, values_of
from taizhang.enterprise.rules import registry as rules
from taizhang.enterprise.rules import tags as tag_rules
from taizhang.enterprise.rules import uscc as uscc_rules

CODE = "统一社会信用代码"
COLUMNS = [CODE, "企业名称", "园区", "产业链", "标签", "用地面积"]
OPTIONAL = ["成立日期", "入园日期", "地址", "联系人", "联系电话"]
# optional column → (field, longest text or None for a date)
OPTIONAL_FIELDS = {
    "成立日期": ("registered_on", None),
    "入园日期": ("settled_on", None),
    "地址": ("address", 200),
    "联系人": ("contact_name", 32),
    "联系电话": ("contact_phone", 32),
}
FIGURE_COLUMNS = [CODE, "营业收入", "税收", "工业总产值", "研发投入", "综合能耗"]
FIGURE_FIELDS = {"营业收入": "revenue", "税收": "tax", "工业总产值": "output", "研发投入": "rd", "综合能耗": "energy"}
FIRST_YEAR = 2000
MAX_NAME = 100


@dataclass
class EnterprisesReport(LedgerImportReport):
    updated: int = 0

    def summary(self) -> str:
        verb = "已导入" if self.applied else "可导入"
        return (
            f"共 {self.rows} 行：{verb}新增 {self.created} 家，更新 {self.updated} 家，与系统中一致 {self.unchanged} 家"
        )

    def counts(self) -> list[tuple[str, int]]:
        return [("新增（家）", self.created), ("更新（家）", self.updated), ("无变化（家）", self.unchanged)]


@dataclass
class FiguresReport(LedgerImportReport):
    year: int = 0
    replaced: int = 0

    def summary(self) -> str:
        verb = "已导入" if self.applied else "可导入"
        return f"共 {self.rows} 行：{verb} {self.year} 年度数据，新增 {self.created} 家，替换已有 {self.replaced} 家"

    def counts(self) -> list[tuple[str, int]]:
        return [("新增（家）", self.created), ("替换已有（家）", self.replaced)]


def _code(report, row_no: int, text: str, seen: dict[str, int]) -> str | None:
    """The row's normalised code, or None with its error in the report (bad code, or the file's second time)."""
    code = uscc_rules.normalize(text)
    problem = uscc_rules.problem(code)
    if problem:
        report.add(RowError(row_no, CODE, text or None, problem))
        return None
    first = seen.setdefault(code, row_no)
    if first != row_no:
        report.add(RowError(row_no, CODE, text, f"与第{first}行重复：同一企业只能有一行"))
        return None
    return code


def _record(batch, kind: str, enterprise: Enterprise, before, after, year: int | None = None) -> ImportedChange:
    return ImportedChange(
        unit_id=enterprise.unit_id,
        import_batch=batch,
        kind=kind,
        enterprise=enterprise,
        year=year,
        before=before,
        after=after,
    )


def enterprises_import(
    *,
    actor,
    unit,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> EnterprisesReport:
    """Check the file; unless a dry run, create the new codes and update the known ones (the file's columns win)."""
    if actor is not None and not policies.can_work(actor, unit.pk):
        raise PermissionDenied("只有本单位的工作人员可以导入企业名录")
    report = EnterprisesReport(filename=filename, noun="家")
    opened = open_for_import(report, data, filename, COLUMNS, OPTIONAL, reading=reading)
    if opened is None:
        return report
    table, index = opened
    parks = {p.name: p for p in Park.objects.filter(unit=unit)}
    chains = {c.name: c for c in Chain.objects.filter(unit=unit)}
    existing = {e.uscc: e for e in Enterprise.objects.filter(unit=unit).prefetch_related("links")}
    present = [column for column in OPTIONAL if column in index]
    seen: dict[str, int] = {}
    plans: list[tuple[Enterprise | None, dict]] = []
    for row_no, cells in table.rows:
        report.rows += 1
        before_errors = report.error_count
        text = {column: cell_text(cells[index[column]]) for column in (*COLUMNS, *present)}
        code = _code(report, row_no, text[CODE], seen)
        name = text["企业名称"]
        if not name:
            report.add(RowError(row_no, "企业名称", None, "企业名称不能为空"))
        elif len(name) > MAX_NAME:
            report.add(RowError(row_no, "企业名称", name, f"企业名称过长（最多 {MAX_NAME} 个字）"))
        park = chain = None
        if text["园区"]:
            park = parks.get(text["园区"])
            if park is None:
                known = "、".join(parks) or "（还没有园区，请先在园区页面登记）"
                report.add(RowError(row_no, "园区", text["园区"], f"没有这个园区；本单位的园区有：{known}"))
        if text["产业链"]:
            chain = chains.get(text["产业链"])
            if chain is None:
                known = "、".join(chains) or "（还没有产业链）"
                report.add(RowError(row_no, "产业链", text["产业链"], f"没有这条产业链；本单位的产业链有：{known}"))
        tags, unknown = tag_rules.parse(text["标签"])
        if unknown:
            allowed = "、".join(label for _, label in tag_rules.TAGS)
            report.add(RowError(row_no, "标签", text["标签"], f"不认识的标签 {'、'.join(unknown)}；可用：{allowed}"))
        land = None
        try:
            land = rules.parse_land(text["用地面积"])
        except ValueError as exc:
            report.add(RowError(row_no, "用地面积", text["用地面积"], f"用地面积（亩）{exc}"))
        extra = {}
        for column in present:
            field, longest = OPTIONAL_FIELDS[column]
            value = text[column]
            if longest is None:
                try:
                    extra[field] = cell_date(cells[index[column]], column) if value else None
                except CellError as exc:
                    report.add(RowError(row_no, column, value, exc.message))
            elif len(value) > longest:
                report.add(RowError(row_no, column, value, f"{column}过长（最多 {longest} 个字）"))
            else:
                extra[field] = value
        if report.error_count != before_errors:
            continue
        values = {"name": name, "park": park, "chain": chain, "land_mu": land, **extra}
        values |= {field: field in tags for field in TAG_FIELDS}
        found = existing.get(code)
        plans.append((found, {"uscc": code, **values}))
        report.keep(
            row_no,
            {
                CODE: code,
                "企业名称": name,
                "园区": park.name if park else "",
                "产业链": chain.name if chain else "",
                "标签": tag_rules.labels(tags),
                "用地面积（亩）": land,
                "处理": "新增" if found is None else "更新",
            },
        )
    report.no_rows()
    if not report.ok:
        return report
    changes: list[ImportedChange] = []
    drafts: list[Draft] = []
    for found, values in plans:
        enterprise = found or Enterprise(unit=unit, import_batch=batch)
        before = values_of(found, links=[link.pk for link in found.links.all()]) if found else None
        for field, value in values.items():
            setattr(enterprise, field, value)
        kept_links = [link.pk for link in found.links.all() if link.chain_id == enterprise.chain_id] if found else []
        after = values_of(enterprise, links=kept_links)
        if before == after:
            report.unchanged += 1
            continue
        if found:
            report.updated += 1
        else:
            report.created += 1
        if dry_run:
            continue
        enterprise.save()
        if found and len(kept_links) != len(found.links.all()):
            enterprise.links.set(kept_links)
        after["id"] = enterprise.pk
        changes.append(_record(batch, ImportedChange.Kind.ENTERPRISE, enterprise, before, after))
        drafts.append(
            Draft(
                action=AuditEntry.Action.IMPORT_UPDATE if found else AuditEntry.Action.IMPORT_CREATE,
                object_type="enterprise.enterprise",
                object_id=str(enterprise.pk),
                object_repr=f"{enterprise.name}（{enterprise.uscc}）",
                unit_id=unit.pk,
                changes=rules.changed(before or {}, {k: v for k, v in after.items() if k != "id"}),
            )
        )
    if dry_run:
        return report
    ImportedChange.objects.bulk_create(changes)
    audit_append(drafts, actor=actor)
    report.applied = True
    return report


def _figure_values(figure: EnterpriseFigure) -> dict[str, object]:
    values = {field: rules.as_json(getattr(figure, field)) for field in FIGURE_FIELDS.values()}
    return values | {"import_batch_id": figure.import_batch_id}


def figures_import(
    *,
    actor,
    unit,
    year: int,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> FiguresReport:
    """Check the file against the unit's enterprises; unless a dry run, store each row as the enterprise's figures of
    `year`, replacing those already there."""
    if actor is not None and not policies.can_work(actor, unit.pk):
        raise PermissionDenied("只有本单位的工作人员可以导入企业年度数据")
    report = FiguresReport(filename=filename, noun="家", year=year)
    if not FIRST_YEAR <= year <= clock.today().year:
        report.add(RowError(None, None, None, f"年度应在 {FIRST_YEAR}—{clock.today().year} 之间"))
        return report
    opened = open_for_import(report, data, filename, FIGURE_COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    enterprises = {e.uscc: e for e in Enterprise.objects.filter(unit=unit)}
    existing = {f.enterprise_id: f for f in EnterpriseFigure.objects.filter(unit=unit, year=year)}
    seen: dict[str, int] = {}
    plans: list[tuple[Enterprise, EnterpriseFigure | None, dict]] = []
    for row_no, cells in table.rows:
        report.rows += 1
        before_errors = report.error_count
        text = {column: cell_text(cells[index[column]]) for column in FIGURE_COLUMNS}
        code = _code(report, row_no, text[CODE], seen)
        enterprise = enterprises.get(code) if code else None
        if code and enterprise is None:
            report.add(RowError(row_no, CODE, text[CODE], f"{unit.name}没有这家企业，请先在企业名录中登记或导入"))
        values = {}
        for column, field in FIGURE_FIELDS.items():
            try:
                parse = rules.parse_energy if field == "energy" else rules.parse_amount
                values[field] = parse(text[column])
            except ValueError as exc:
                report.add(RowError(row_no, column, text[column], f"{column}{exc}"))
        if report.error_count == before_errors and all(v is None for v in values.values()):
            report.add(RowError(row_no, "营业收入", None, "这一行没有任何数据：至少填一项"))
        if report.error_count != before_errors:
            continue
        found = existing.get(enterprise.pk)
        plans.append((enterprise, found, values))
        if found:
            report.replaced += 1
        else:
            report.created += 1
        shown = {"企业名称": enterprise.name, **{c: values[f] for c, f in FIGURE_FIELDS.items()}}
        report.keep(row_no, shown | {"处理": f"替换已有 {year} 年度数据" if found else "新增"})
    report.no_rows()
    if dry_run or not report.ok:
        return report
    changes, created = [], []
    for enterprise, found, values in plans:
        before = _figure_values(found) if found else None
        figure = found or EnterpriseFigure(unit=unit, enterprise=enterprise, year=year)
        for field, value in values.items():
            setattr(figure, field, value)
        figure.import_batch = batch
        if found:
            figure.save()
        else:
            created.append(figure)
        changes.append(
            _record(batch, ImportedChange.Kind.FIGURE, enterprise, before, _figure_values(figure), year=year)
        )
    EnterpriseFigure.objects.bulk_create(created)
    ImportedChange.objects.bulk_create(changes)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.IMPORT_CREATE,
        object_type="enterprise.figure",
        object_id=str(batch.pk if batch else ""),
        object_repr=f"{unit.name} {year} 年度企业数据",
        unit_id=unit.pk,
        changes={"年度": [None, year], "新增": [None, report.created], "替换已有": [None, report.replaced]},
    )
    report.applied = True
    return report
