"""The police station's household-registration extract against the project's persons: read the extract (Excel or
CSV, UTF-8 or GBK) as a stream, compare by ID number (rules.crosscheck), write the discrepancies as a workbook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from taizhang.documents.cells import CellError, cell_date
from taizhang.documents.importing import ImportReport, open_for_import
from taizhang.documents.tabular import RowError, write_xlsx
from taizhang.renewal import rules

POLICE_COLUMNS = ["姓名", "身份证号", "户号", "住址", "迁入日期", "户籍状态"]
DETAIL_COLUMNS = [
    "类别",
    "身份证号",
    "台账姓名",
    "台账户编号",
    "公安姓名",
    "公安户号",
    "公安住址",
    "迁入日期",
    "户籍状态",
    "说明",
]


@dataclass
class CrosscheckResult:
    report: ImportReport
    results: list[rules.Discrepancy]

    @property
    def counts(self) -> dict[str, int]:
        return rules.category_counts(self.results)

    def lines(self) -> list[str]:
        """One line per category, `类别: 人数`, as the command prints them."""
        return [f"{category}: {count}" for category, count in self.counts.items()]


def _records(table, index, report: ImportReport, wanted=None):
    """The extract's rows as police records; `wanted(id_number, address)`, when given, passes over the rows that
    cannot matter (neither a ledger person nor inside the project's area) before their dates are read."""
    name, id_number, hukou, address, moved, status = (index[c] for c in POLICE_COLUMNS)
    for row_no, cells in table.rows:
        report.rows += 1
        raw_id = cells[id_number]
        if raw_id is None or not str(raw_id).strip():
            # A row without an ID cannot be compared; it would otherwise become a 台账未登记 with no one behind it.
            report.add(RowError(row_no, "身份证号", None, "身份证号不能为空"))
            continue
        where = str(cells[address] or "")
        if wanted is not None and not wanted(rules.normalise_id(raw_id), where):
            continue
        raw_date = cells[moved]
        try:
            moved_in = cell_date(raw_date, "迁入日期") if raw_date not in (None, "") else None
        except CellError:
            moved_in = None  # an unreadable date is kept as unknown: it cannot make a person 冻结后迁入
        yield rules.PoliceRecord(
            row_no,
            str(cells[name] or ""),
            str(raw_id),
            str(cells[hukou] or ""),
            where,
            moved_in,
            str(cells[status] or ""),
        )


def crosscheck_file(
    ledger: list[rules.LedgerPerson], data, filename: str, *, freeze_date: date, area_words: list[str] | None = None
) -> CrosscheckResult:
    """Compare the extract with the ledger; records outside the project's area (no area word in their address)
    only count when their person is in the ledger."""
    report = ImportReport(filename=filename)
    opened = open_for_import(report, data, filename, POLICE_COLUMNS)
    if opened is None:
        return CrosscheckResult(report, [])
    table, index = opened
    in_area = (lambda record: any(word in record.address for word in area_words)) if area_words else None
    wanted = None
    if area_words:
        ledger_ids = {rules.normalise_id(person.id_number) for person in ledger}
        wanted = lambda id_number, address: id_number in ledger_ids or any(w in address for w in area_words)  # noqa: E731
    results = rules.crosscheck(ledger, _records(table, index, report, wanted), freeze_date, in_area=in_area)
    report.no_rows()
    return CrosscheckResult(report, results)


def write_details(result: CrosscheckResult, target, *, include_same: bool = False) -> int:
    """The discrepancies, the matches by 异体字 or 繁简字 (with their note for the reviewer) and, if asked, every other
    match, as one workbook; returns the rows written."""
    chosen = [r for r in result.results if include_same or r.category != rules.SAME or r.detail]
    rows = (
        [
            r.category,
            r.id_number,
            r.ledger.name if r.ledger else "",
            r.ledger.household if r.ledger else "",
            r.police.name if r.police else "",
            r.police.hukou_no if r.police else "",
            r.police.address if r.police else "",
            r.police.moved_in_on if r.police and r.police.moved_in_on else "",
            r.police.status if r.police else "",
            r.detail,
        ]
        for r in chosen
    )
    write_xlsx(
        target, DETAIL_COLUMNS, rows, sheet_title="数据比对", text_columns=["身份证号", "台账户编号", "公安户号"]
    )
    return len(chosen)
