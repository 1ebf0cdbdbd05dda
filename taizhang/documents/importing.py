"""What every whole-or-nothing import shares: the report of row errors, opening a file against its columns as the
user chose to read it (sheet, header row, column mapping, cells corrected on the preview page), and the `Ledger` a
kernel app or module declares so that the import pages (taizhang.imports) serve it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from taizhang.documents.tabular import Column, RowError, Table, TableError, match_headers, open_table

MAX_LISTED_ERRORS = 5000


@dataclass
class ImportReport:
    filename: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    unknown_columns: list[str] = field(default_factory=list)
    applied: bool = False
    # How the file was read, for the preview page: the sheet, its header row(s), the recognised columns.
    sheet_name: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    header_row: int | None = None
    header_rows: int = 1
    columns: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    sample: list[tuple[int, list]] = field(default_factory=list)  # the first rows read, in `columns` order
    stored: list[tuple[int, dict]] = field(default_factory=list)  # the first good rows as they will be stored

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add(self, error: RowError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(error)

    def counts(self) -> list[tuple[str, int]]:
        """What the file would do (or did), for the preview's figures: [(label, number)]; reports override it."""
        return []

    @property
    def keeps(self) -> bool:
        """Whether the preview still wants rows as they will be stored (`keep`)."""
        return len(self.stored) < SAMPLE_ROWS

    def keep(self, row: int, values: Mapping[str, object]) -> None:
        """A good row as the import will store it ({column: value, after parsing and normalising}), for the first
        few rows of the preview."""
        if self.keeps:
            self.stored.append((row, dict(values)))

    def no_rows(self) -> None:
        if self.ok and not self.rows:
            self.add(RowError(None, None, None, "表格只有表头，没有数据行"))


@dataclass(frozen=True)
class Reading:
    """How the user chose to read a file on the preview page; the default finds everything by itself.

    `mapping` is {header as written: column name, or "" to ignore it} (remembered per unit and ledger);
    `corrections` is {row number: {column name: text}}, cells fixed on the preview page, applied over the file."""

    sheet: str | None = None
    header_row: int | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)
    corrections: Mapping[int, Mapping[str, str]] = field(default_factory=dict)


DEFAULT_READING = Reading()


def open_for_import(
    report: ImportReport,
    data,
    filename: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
    reading: Reading = DEFAULT_READING,
) -> tuple[Table, dict[str, int]] | None:
    """The table and its column positions, or None with the file's problems in the report."""
    columns = [Column(name) for name in required] + [Column(name, required=False) for name in optional]
    try:
        table = open_table(
            data,
            filename,
            columns=columns,
            sheet=reading.sheet,
            header_row=reading.header_row,
            mapping=reading.mapping,
        )
    except TableError as exc:
        report.add(RowError(None, None, None, exc.message))
        return None
    match = match_headers(table.headers, required, optional, mapping=reading.mapping)
    report.unknown_columns = match.unknown
    report.sheet_name, report.sheet_names = table.sheet_name, list(table.sheet_names)
    report.header_row, report.header_rows = table.header_row, table.header_rows
    report.columns = dict(match.index)
    report.skipped = table.skipped
    row = table.header_row
    if match.missing:
        report.add(RowError(row, None, None, f"缺少必填列：{'、'.join(match.missing)}（请下载模板核对表头）"))
    for name in match.duplicated:
        report.add(RowError(row, name, None, f"列“{name}”出现了不止一次"))
    if not report.ok:
        return None
    if reading.corrections:
        table.rows = _corrected(table.rows, match.index, reading.corrections)
    table.rows = _sampled(table.rows, list(match.index.values()), report)
    return table, match.index


SAMPLE_ROWS = 8


def _sampled(rows: Iterator, positions: list[int], report: ImportReport) -> Iterator:
    """The rows, the first ones kept for the preview; a file that turns out unreadable further down (a CSV line
    that cannot be parsed) ends them with that problem in the report, so nothing of it is applied."""
    sample = report.sample
    try:
        for row_no, values in rows:
            sample.append((row_no, [values[p] for p in positions]))
            yield row_no, values
            if len(sample) >= SAMPLE_ROWS:
                break
        yield from rows  # the other rows pass straight through
    except TableError as exc:
        report.add(RowError(None, None, None, exc.message))


def _corrected(rows: Iterator, index: dict[str, int], corrections: Mapping[int, Mapping[str, str]]) -> Iterator:
    for row_no, values in rows:
        fixed = corrections.get(row_no)
        if fixed:
            for name, text in fixed.items():
                if name in index:
                    values[index[name]] = text.strip() or None
        yield row_no, values


@dataclass
class LedgerImportReport(ImportReport):
    """A ledger import's report: how many records are new and how many were already in the system."""

    noun: str = "条"
    created: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        verb = "已导入" if self.applied else "可导入"
        return f"共 {self.rows} 行：{verb}新增 {self.created} {self.noun}，已在系统中 {self.unchanged} {self.noun}"

    def counts(self) -> list[tuple[str, int]]:
        return [(f"新增（{self.noun}）", self.created), (f"已在系统中（{self.noun}）", self.unchanged)]


def cell_text(value) -> str:
    """A cell as text: trimmed, a whole number Excel stored as a float without its '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


@dataclass(frozen=True)
class Target:
    """Where an import goes: the unit, and for a module's ledger kept per project the project (`kwargs` go to `run`).
    `key` names it in the upload form ("" for the user's own unit)."""

    unit: Any
    label: str
    key: str = ""
    kwargs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Ledger:
    """An Excel ledger a unit keeps, imported through the kernel's pages (upload → preview → fix → confirm → batch).

    A kernel app names its ledgers in `AppConfig.ledgers`, a module in `ModuleSpec.ledgers`, both as dotted paths to
    a `Ledger`, loaded when the import pages need them.

    - `run(*, actor, target, data, filename, reading, batch, dry_run) -> ImportReport` checks the whole file and, when
      not a dry run and nothing is wrong, writes it in one transaction, marking what it creates with `batch`.
    - `targets(user) -> list[Target]` where the user may import this ledger (empty: not at all).
    - `undo(*, batch, actor, reason) -> int` voids what the batch created and returns how many records; it raises
      `django.core.exceptions.ValidationError` with the reason when later work depends on them. None: a batch of this
      ledger cannot be undone (the page says so).
    - `examples` fill the template's second row, one per column.
    """

    key: str  # "<app>.<ledger>", e.g. "assistance.visits"; also the kind the column mapping is remembered under
    title: str  # "历史走访台账"
    required: Sequence[str]
    run: Callable[..., ImportReport]
    targets: Callable[[Any], list[Target]]
    optional: Sequence[str] = ()
    undo: Callable[..., int] | None = None
    examples: Mapping[str, str] = field(default_factory=dict)
    template: Callable[[], bytes] | None = None  # a ledger's own template workbook; default: columns and examples
    # A page to show once instead of the batch page after the import (with `report` and `batch`): initial passwords.
    result_template: str = ""
    help: str = ""
    order: int = 100

    @property
    def columns(self) -> list[str]:
        return [*self.required, *self.optional]
