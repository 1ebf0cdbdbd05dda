"""Writing xlsx (a styled, frozen header; columns sized for Chinese) and CSV (Excel-safe), and the workbook of
import errors."""

from __future__ import annotations

import codecs
import csv
import datetime
import decimal
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import IO

from taizhang.documents.tabular.errors import RowError, _display_value
from taizhang.documents.tabular.headers import normalize_header

# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------

_WIDTH_SAMPLE_ROWS = 200
_MAX_WIDTH = 40
_MIN_WIDTH = 6
_HEADER_FILL_COLOR = "DDEBF7"


_XLSX_NATIVE_TYPES = (int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta)


def _text_width(text: str) -> int:
    """Display width in Excel column units: CJK/full-width chars count 2."""
    width = 0
    for ch in text:
        width += 2 if ord(ch) >= 0x1100 and unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _column_widths(headers: Sequence[str], sample: list[Sequence]) -> list[float]:
    widths = [_text_width(str(h)) + 2 for h in headers]  # +2: bold text and filter arrow room
    for row in sample:
        for i, value in enumerate(row):
            if value is None:
                continue
            if i >= len(widths):
                widths.append(_MIN_WIDTH)
            if isinstance(value, datetime.datetime):
                w = 19
            elif isinstance(value, datetime.date):
                w = 10
            else:
                text = _display_value(value)
                w = max((_text_width(line) for line in text.splitlines()), default=0)
            if w > widths[i]:
                widths[i] = w
    return [min(max(w + 1, _MIN_WIDTH), _MAX_WIDTH) for w in widths]


def _xlsx_string(value: str) -> str:
    if not value.isprintable():
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def write_xlsx(
    target: str | os.PathLike | IO[bytes],
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet_title: str = "Sheet1",
    text_columns: Sequence[str] = (),
    title: str = "",
) -> None:
    """Stream rows into a new .xlsx (openpyxl write-only mode).

    With ``title``, the first row is that title (bold, merged across the columns, as township ledgers begin) and the
    header is the second row.  The header row is bold on a light fill and frozen; column widths follow the
    header and the first 200 rows (CJK counts double, capped at 40).  Columns
    named in ``text_columns`` are text-formatted ('@') — both the written cells
    and the column itself, so numbers typed later by users stay text — and their
    values are written as strings.  Strings are never turned into formulas.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    headers = [str(h) for h in headers]
    rows_iter = iter(rows)
    sample: list[Sequence] = []
    for row in rows_iter:
        sample.append(row)
        if len(sample) >= _WIDTH_SAMPLE_ROWS:
            break

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_safe_sheet_title(sheet_title))
    text_set = {normalize_header(c) for c in text_columns}
    text_positions = [i for i, h in enumerate(headers) if normalize_header(h) in text_set]

    for i, width in enumerate(_column_widths(headers, sample), start=1):
        dim = ws.column_dimensions[get_column_letter(i)]
        dim.width = width
        if i - 1 in text_positions:
            dim.number_format = "@"
    ws.freeze_panes = "A3" if title else "A2"
    if title:
        from openpyxl.worksheet.cell_range import CellRange

        title_cell = WriteOnlyCell(ws, value=_xlsx_string(title))
        title_cell.data_type = "s"
        title_cell.font = Font(bold=True, size=14)
        title_cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[1].height = 24
        if len(headers) > 1:
            ws.merged_cells.add(CellRange(min_col=1, min_row=1, max_col=len(headers), max_row=1))
        ws.append([title_cell])

    header_font = Font(bold=True)
    header_fill = PatternFill(fill_type="solid", start_color=_HEADER_FILL_COLOR, end_color=_HEADER_FILL_COLOR)
    header_alignment = Alignment(vertical="center", wrap_text=False)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=_xlsx_string(h))
        cell.data_type = "s"
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = header_alignment
        header_cells.append(cell)
    ws.append(header_cells)

    # One reusable styled cell per text column: write-only worksheets serialise
    # each row during append(), so mutating the cell afterwards is safe.
    text_cells = {}
    for i in text_positions:
        cell = WriteOnlyCell(ws, value="")
        cell.number_format = "@"
        text_cells[i] = cell

    def convert(row: Sequence) -> list:
        out = list(row)
        for i, v in enumerate(out):
            if v is None:
                continue
            cell = text_cells.get(i)
            if cell is not None:
                cell.value = _xlsx_string(v if isinstance(v, str) else _display_value(v))
                cell.data_type = "s"
                out[i] = cell
            elif type(v) is str:
                if v.startswith("=") or not v.isprintable():
                    v = _xlsx_string(v)
                    if v.startswith("="):  # user text, never a formula
                        v = WriteOnlyCell(ws, value=v)
                        v.data_type = "s"
                    out[i] = v
            elif not isinstance(v, _XLSX_NATIVE_TYPES):
                out[i] = _xlsx_string(str(v))
        return out

    append = ws.append
    for row in sample:
        append(convert(row))
    del sample
    for row in rows_iter:
        append(convert(row))

    if isinstance(target, (str, os.PathLike)):
        wb.save(os.fspath(target))
    else:
        wb.save(target)


def _safe_sheet_title(title: str) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "_", str(title)).strip("'") or "Sheet1"
    return title[:31]


_FORMULA_PREFIXES = ("=", "+", "-", "@")
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def write_csv(
    target: str | os.PathLike | IO[bytes],
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    encoding: str = "utf-8-sig",
    escape_formulas: bool = True,
) -> None:
    """Write a CSV Excel opens correctly on Chinese Windows.

    ``encoding`` is 'utf-8-sig' (UTF-8 with BOM, the default) or 'gb18030'.
    With ``escape_formulas`` a text value starting with = + - @ that is not a
    plain number gets a leading apostrophe, so Excel shows it instead of
    evaluating it (CSV formula injection).
    """
    if codecs.lookup(encoding).name not in ("utf-8-sig", "gb18030"):
        raise ValueError("write_csv() supports encoding='utf-8-sig' or 'gb18030'")

    def cell(v: object) -> object:
        if v is None:
            return ""
        if isinstance(v, str):
            if escape_formulas and v.startswith(_FORMULA_PREFIXES) and not _NUMBER_RE.match(v):
                return "'" + v
            return v
        return _display_value(v)

    def write(fh: IO[str]) -> None:
        writer = csv.writer(fh, dialect="excel", lineterminator="\r\n")
        writer.writerow([cell(h) for h in headers])
        for row in rows:
            writer.writerow([cell(v) for v in row])

    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding=encoding, newline="", errors="strict") as fh:
            write(fh)
    else:
        wrapper = io.TextIOWrapper(target, encoding=encoding, newline="", write_through=True)
        try:
            write(wrapper)
            wrapper.flush()
        finally:
            wrapper.detach()  # leave the caller's stream open


ERROR_HEADERS = ("行号", "列", "值", "原因")


def error_workbook(errors: Iterable[RowError], *, title: str = "导入错误") -> bytes:
    """An .xlsx listing import errors (columns 行号, 列, 值, 原因)."""
    rows = ((e.row, e.column or None, _display_value(e.value) or None, e.reason) for e in errors)
    buffer = io.BytesIO()
    write_xlsx(buffer, ERROR_HEADERS, rows, sheet_title=title, text_columns=("值",))
    return buffer.getvalue()
