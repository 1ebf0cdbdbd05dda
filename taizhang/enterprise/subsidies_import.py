"""The import of a year's city subsidies (`统一社会信用代码, 项目, 市级补贴金额`), the base of the zone's 四新 top-up:
every row checked (the code by GB 32100 and known in the zone's registry, the amount in 元 to the fen, an item once
per enterprise and year), every error reported at once, the whole file written in one transaction as an import
batch, or nothing. A row already in the system with the same amount is left as it is; with another amount it is an
error (undo the batch that brought it first). Undoing a batch removes its subsidies unless a top-up computed from
them has been approved or paid."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.enterprise import policies
from taizhang.enterprise.models import CitySubsidy, Enterprise, Grant
from taizhang.enterprise.rules import eligibility, uscc

COLUMNS = ["统一社会信用代码", "项目", "市级补贴金额"]
MAX_ITEM = 100


@dataclass
class CitySubsidiesReport(LedgerImportReport):
    year: int = 0
    amount: Decimal = Decimal(0)

    def summary(self) -> str:
        verb = "已导入" if self.applied else "可导入"
        return (
            f"共 {self.rows} 行：{verb} {self.year} 年度市级补贴 {self.created} 条，合计 {self.amount:,.2f} 元；"
            f"已在系统中 {self.unchanged} 条"
        )


def parse_amount(text: str) -> Decimal:
    try:
        value = eligibility.parse_money(text, "市级补贴金额")
    except eligibility.RuleError as exc:
        raise ValueError(str(exc))
    if not value:
        raise ValueError("市级补贴金额应大于 0")
    return value


def city_subsidies_import(
    *,
    actor,
    unit,
    year: int,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> CitySubsidiesReport:
    if actor is not None and not policies.can_work(actor, unit.pk):
        raise PermissionDenied("只有本单位的工作人员可以导入市级补贴")
    report = CitySubsidiesReport(filename=filename, noun="条", year=year)
    opened = open_for_import(report, data, filename, COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    known = dict(Enterprise.objects.filter(unit_id=unit.pk).values_list("uscc", "id"))
    existing = {
        (e, item): amount
        for e, item, amount in CitySubsidy.objects.filter(unit_id=unit.pk, year=year).values_list(
            "enterprise_id", "item", "amount"
        )
    }
    seen: dict[tuple[int, str], int] = {}
    new: list[CitySubsidy] = []
    for row_no, cells in table.rows:
        report.rows += 1
        before = report.error_count
        code, item, text = (cell_text(cells[index[column]]) for column in COLUMNS)
        code = uscc.normalize(code)
        enterprise_id = None
        problem = uscc.problem(code)
        if problem:
            report.add(RowError(row_no, "统一社会信用代码", code or None, problem))
        else:
            enterprise_id = known.get(code)
            if enterprise_id is None:
                report.add(RowError(row_no, "统一社会信用代码", code, "企业名录中没有这家企业，请先导入企业"))
        if not item:
            report.add(RowError(row_no, "项目", None, "项目不能为空"))
        elif len(item) > MAX_ITEM:
            report.add(RowError(row_no, "项目", item[:20], f"项目名称过长（最多 {MAX_ITEM} 个字）"))
        amount = None
        try:
            amount = parse_amount(text) if text else None
            if amount is None:
                report.add(RowError(row_no, "市级补贴金额", None, "市级补贴金额不能为空"))
        except ValueError as exc:
            report.add(RowError(row_no, "市级补贴金额", text, str(exc)))
        if enterprise_id and item:
            first = seen.setdefault((enterprise_id, item), row_no)
            if first != row_no:
                report.add(RowError(row_no, "项目", item, f"与第{first}行重复：同一企业同一项目只能有一个金额"))
        if report.error_count != before:
            continue
        had = existing.get((enterprise_id, item))
        if had is not None and had != amount:
            report.add(
                RowError(row_no, "市级补贴金额", text, f"系统中该企业该项目 {year} 年度已有 {had:,.2f} 元，与本行不同")
            )
        elif had is not None:
            report.unchanged += 1
        else:
            new.append(
                CitySubsidy(
                    unit_id=unit.pk,
                    enterprise_id=enterprise_id,
                    year=year,
                    item=item,
                    amount=amount,
                    import_batch=batch,
                )
            )
            report.keep(row_no, {"统一社会信用代码": code, "项目": item, "市级补贴金额": amount})
    report.no_rows()
    report.created = len(new)
    report.amount = sum((s.amount for s in new), Decimal(0))
    if dry_run or not report.ok:
        return report
    CitySubsidy.objects.bulk_create(new)
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.IMPORT_CREATE,
                object_type="enterprise.city_subsidy",
                object_id=str(batch.pk if batch else ""),
                object_repr=f"{unit.name} {year} 年度市级补贴",
                unit_id=unit.pk,
                changes={"年度": [None, year], "条数": [None, report.created], "合计（元）": [None, report.amount]},
            )
        ],
        actor=actor,
    )
    report.applied = True
    return report


def city_subsidies_undo(*, batch, actor, reason: str) -> int:
    found = CitySubsidy.objects.filter(unit_id=batch.unit_id, import_batch=batch)
    pairs = set(found.values_list("enterprise_id", "year"))
    used = Grant.objects.filter(
        unit_id=batch.unit_id,
        clause__formula__kind=eligibility.TOPUP,
        state__in=[Grant.State.APPROVED, Grant.State.PAID],
        enterprise_id__in={e for e, _ in pairs},
        year__in={y for _, y in pairs},
    )
    if used.exists():
        raise ValidationError("按这些市级补贴计算的四新配套已审批或支付，请先撤回审批或支付再撤销导入")
    count = found.count()
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.VOID,
                object_type="enterprise.city_subsidy",
                object_id=str(batch.pk),
                object_repr=f"导入批次 {batch.pk} 的市级补贴",
                unit_id=batch.unit_id,
                changes={"条数": [count, None]},
                reason=reason[:200],
            )
        ],
        actor=actor,
    )
    found.delete()
    return count
