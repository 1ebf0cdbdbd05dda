"""What every whole-or-nothing import shares: the report of row errors and opening a file against its columns."""

from __future__ import annotations

from dataclasses import dataclass, field

from taizhang.documents.tabular import RowError, Table, TableError, match_headers, open_table

MAX_LISTED_ERRORS = 5000


@dataclass
class ImportReport:
    filename: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    unknown_columns: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(error)

    def no_rows(self) -> None:
        if self.ok and not self.rows:
            self.add(RowError(None, None, None, "表格只有表头，没有数据行"))


def open_for_import(
    report: ImportReport, data, filename: str, required: list[str], optional: list[str] = ()
) -> tuple[Table, dict[str, int]] | None:
    """The table and its column positions, or None with the file's problems in the report."""
    try:
        table = open_table(data, filename)
    except TableError as exc:
        report.add(RowError(None, None, None, exc.message))
        return None
    match = match_headers(table.headers, required, optional)
    report.unknown_columns = match.unknown
    if match.missing:
        report.add(RowError(1, None, None, f"缺少必填列：{'、'.join(match.missing)}（请下载模板核对表头）"))
    for name in match.duplicated:
        report.add(RowError(1, name, None, f"列“{name}”出现了不止一次"))
    return (table, match.index) if report.ok else None


@dataclass
class LedgerImportReport(ImportReport):
    """A ledger import's report: how many records are new and how many were already in the system."""

    noun: str = "条"
    created: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        verb = "已导入" if self.applied else "可导入"
        return f"共 {self.rows} 行：{verb}新增 {self.created} {self.noun}，已在系统中 {self.unchanged} {self.noun}"


def cell_text(value) -> str:
    """A cell as text: trimmed, a whole number Excel stored as a float without its '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
