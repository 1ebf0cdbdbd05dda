"""Reading and writing spreadsheets (xlsx / xls / csv) for imports and exports.

Reading streams rows from python-calamine (Excel) or the ``csv`` module, turning
each cell into a Python value exactly once.  Every problem a user can cause is
reported as a :class:`TableError` whose ``message`` is Simplified Chinese, so the
import pages can show it as-is.

This module deliberately has no Django imports: it is used from management
commands, services and tests alike.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import decimal
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

__all__ = [
    "TableError",
    "Table",
    "open_table",
    "HeaderMatch",
    "match_headers",
    "normalize_header",
    "RowError",
    "write_xlsx",
    "write_csv",
    "error_workbook",
]

# ---------------------------------------------------------------------------
# Messages (user-facing, Simplified Chinese)
# ---------------------------------------------------------------------------

MSG_EMPTY_FILE = "文件是空的"
MSG_NOT_XLSX = "文件不是有效的 Excel 工作簿（.xlsx），请用 Excel 另存为 .xlsx 后再导入"
MSG_NOT_XLS = "文件不是有效的 Excel 工作簿（.xls），请用 Excel 另存为 .xlsx 后再导入"
MSG_HTML_AS_EXCEL = "文件实际上是网页（HTML）格式，不是真正的 Excel 工作簿，请用 Excel 打开后另存为 .xlsx 再导入"
MSG_PASSWORD = "工作簿设置了打开密码，请在 Excel 中取消密码后另存为 .xlsx 再导入"
MSG_NO_WORKSHEET = "工作簿中没有可读取的工作表"
MSG_NO_HEADER = "表格中没有数据（缺少表头行）"
MSG_UNSUPPORTED = "仅支持 .xlsx、.xls 和 .csv 文件"
MSG_BAD_ENCODING = "文件既不是 UTF-8 也不是 GBK 编码的文本，无法读取；请用 Excel 另存为 .xlsx 或 “CSV UTF-8” 后再导入"

_HEAD_SIZE = 512
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_EXCEL_EXTENSIONS = (".xlsx", ".xlsm", ".xls")
_TEXT_EXTENSIONS = (".csv", ".txt")

# Floats that are whole numbers below this magnitude are returned as int.
# Larger ones (e.g. an 18-digit ID number typed into Excel as a number, which
# Excel has already rounded to 15 significant digits) stay float so that callers
# can detect and reject them.
_INT_LIMIT = 1e15


class TableError(ValueError):
    """A file-level problem.  ``message`` is a Simplified-Chinese sentence."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


@dataclass
class Table:
    """A sheet opened for streaming.

    ``rows`` yields ``(row_number, values)`` where ``row_number`` is the number
    the user sees in Excel (header row is 1 when it is the first line) and
    ``values`` is a list at least as long as ``headers`` (padded with ``None``;
    longer only if the row has non-empty cells beyond the last header).
    Fully blank rows are not yielded.  ``rows`` can be iterated once.
    """

    headers: list[str]
    rows: Iterator[tuple[int, list]]
    source_format: str  # 'xlsx' | 'xls' | 'csv'
    encoding: str | None  # CSV only: 'utf-8' or 'gb18030'
    header_row: int = 1
    sheet_name: str | None = None

    def close(self) -> None:
        """Release the underlying workbook/file early (safe to call twice)."""
        close = getattr(self.rows, "close", None)
        if close is not None:
            close()


def open_table(data: bytes | str | os.PathLike | IO[bytes], filename: str) -> Table:
    """Open the first worksheet of an Excel file, or a CSV file.

    ``data`` is the file content (bytes), a path (``str`` or ``PathLike``), or a
    binary file object (read completely).  The format is decided by the content
    (zip / OLE2 signatures); ``filename`` decides which formats are acceptable
    and whether non-Excel content is treated as CSV text.

    Raises :class:`TableError` for empty, unreadable or unsupported files and
    for files without a header row.
    """
    path: str | None = None
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        size = len(data)
        head = data[:_HEAD_SIZE]
    elif isinstance(data, (str, os.PathLike)):
        path = os.fspath(data)
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(_HEAD_SIZE)
    elif hasattr(data, "read"):
        data = data.read()
        if isinstance(data, str):  # a text-mode file object
            data = data.encode("utf-8")
        size = len(data)
        head = data[:_HEAD_SIZE]
    else:
        raise TypeError(f"open_table() expects bytes, a path or a binary file, not {type(data).__name__}")

    ext = os.path.splitext(filename or (path or ""))[1].lower()
    if ext not in _EXCEL_EXTENSIONS and ext not in _TEXT_EXTENSIONS:
        raise TableError(MSG_UNSUPPORTED)
    if size == 0:
        raise TableError(MSG_EMPTY_FILE)

    if head.startswith(_ZIP_MAGIC):
        return _open_excel(data, path, "xlsx", ext)
    if head.startswith(_OLE2_MAGIC):
        return _open_excel(data, path, "xls", ext)
    if ext in _TEXT_EXTENSIONS:
        return _open_csv(data, path)

    # Named like an Excel file but the content is not a workbook.
    if _looks_like_html(head):
        raise TableError(MSG_HTML_AS_EXCEL)
    raise TableError(MSG_NOT_XLS if ext == ".xls" else MSG_NOT_XLSX)


def _looks_like_html(head: bytes) -> bool:
    """Many older systems "export to Excel" as an HTML table named .xls."""
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return sample.startswith((b"<html", b"<!doctype html", b"<table", b"<meta", b"<head", b"<body", b"<style"))


# -- Excel -------------------------------------------------------------------


def _open_excel(data: bytes | None, path: str | None, kind: str, ext: str) -> Table:
    import python_calamine as pc

    invalid = MSG_NOT_XLS if (kind == "xls" and ext == ".xls") else MSG_NOT_XLSX
    try:
        if path is not None:
            workbook = pc.CalamineWorkbook.from_path(path)
        else:
            workbook = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several unrelated exception types
        if _is_password_error(pc, exc) or (kind == "xls" and _is_encrypted_ooxml(data, path)):
            raise TableError(MSG_PASSWORD) from exc
        raise TableError(invalid) from exc

    try:
        index = _first_worksheet_index(pc, workbook)
        if index is None:
            raise TableError(MSG_NO_WORKSHEET)
        sheet = workbook.get_sheet_by_index(index)
        sheet_name = sheet.name
        start = sheet.start  # (row, col) of the first non-empty cell, or None
        raw_rows = sheet.iter_rows()
    except TableError:
        _close_quietly(workbook)
        raise
    except Exception as exc:
        _close_quietly(workbook)
        if _is_password_error(pc, exc):
            raise TableError(MSG_PASSWORD) from exc
        raise TableError(invalid) from exc

    if start is None:
        _close_quietly(workbook)
        raise TableError(MSG_NO_HEADER)

    # python-calamine 0.9 yields rows from the top of the sheet (row 1), even
    # when the data starts lower down.  Guard against versions that start at
    # the first non-empty row instead: then the first row yielded is non-blank
    # although the sheet's data starts below row 1.
    row_number = 0
    header: list[str] | None = None
    header_row = 0
    first = True
    for raw in raw_rows:
        if first:
            first = False
            if start[0] > 0 and _clean_cells(raw)[1]:
                row_number = start[0]
        row_number += 1
        values, used = _clean_cells(raw)
        if used:
            header = _header_cells(values[:used])
            header_row = row_number
            break
    if header is None:
        _close_quietly(workbook)
        raise TableError(MSG_NO_HEADER)

    return Table(
        headers=header,
        rows=_excel_rows(workbook, raw_rows, row_number, len(header)),
        source_format=kind,
        encoding=None,
        header_row=header_row,
        sheet_name=sheet_name,
    )


def _is_password_error(pc: Any, exc: BaseException) -> bool:
    password_error = getattr(pc, "PasswordError", None)
    if password_error is not None and isinstance(exc, password_error):
        return True
    text = str(exc).lower()
    return "password" in text or "encrypt" in text


def _is_encrypted_ooxml(data: bytes | None, path: str | None) -> bool:
    """A password-protected .xlsx is an OLE2 container with an EncryptionInfo stream."""
    marker = "EncryptionInfo".encode("utf-16-le")
    if data is None:
        assert path is not None
        with open(path, "rb") as fh:
            data = fh.read(16 << 20)
    return marker in data


def _first_worksheet_index(pc: Any, workbook: Any) -> int | None:
    """Index of the first visible worksheet (first worksheet if all are hidden)."""
    try:
        metadata = list(workbook.sheets_metadata)
    except Exception:
        return 0 if workbook.sheet_names else None
    worksheet_type = getattr(getattr(pc, "SheetTypeEnum", None), "WorkSheet", None)
    visible = getattr(getattr(pc, "SheetVisibleEnum", None), "Visible", None)
    fallback = None
    for i, meta in enumerate(metadata):
        if worksheet_type is not None and meta.typ != worksheet_type:
            continue
        if visible is None or meta.visible == visible:
            return i
        if fallback is None:
            fallback = i
    return fallback


def _close_quietly(workbook: Any) -> None:
    with contextlib.suppress(Exception):
        workbook.close()


def _clean_cells(raw: Iterable) -> tuple[list, int]:
    """Convert one row of raw cells; returns (values, used) where ``used`` is
    the length of the row without its trailing empty cells (0 = blank row)."""
    out: list = []
    append = out.append
    used = 0
    n = 0
    for v in raw:  # the import's hot loop: a counter is cheaper than enumerate's tuples
        n += 1  # noqa: SIM113
        t = type(v)
        if t is str:
            if v:
                v = v.strip()  # str.strip() also removes U+3000 and NBSP
                if v:
                    used = n
                else:
                    v = None
            else:
                v = None
        elif t is float:
            if v.is_integer() and -_INT_LIMIT < v < _INT_LIMIT:
                v = int(v)
            used = n
        elif v is None:
            pass
        else:
            used = n
        append(v)
    return out, used


def _clean_text_cells(record: list[str]) -> tuple[list, int]:
    """`_clean_cells` for a CSV record, whose cells are all text: the same result, several times faster."""
    values = [v.strip() or None for v in record]
    used = len(values)
    while used and values[used - 1] is None:
        used -= 1
    return values, used


def _fit(values: list, used: int, width: int) -> list:
    """Trim trailing empty cells beyond the header and pad short rows."""
    length = len(values)
    if length > width:
        del values[used if used > width else width :]
    elif length < width:
        values.extend([None] * (width - length))
    return values


def _excel_rows(workbook: Any, raw_rows: Iterator, row_number: int, width: int) -> Iterator[tuple[int, list]]:
    clean = _clean_cells
    fit = _fit
    try:
        for raw in raw_rows:
            row_number += 1
            values, used = clean(raw)
            if used:
                yield row_number, fit(values, used, width)
    finally:
        _close_quietly(workbook)


def _header_cells(values: list) -> list[str]:
    return [_header_text(v) for v in values]


def _header_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\u3000", "").strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip()


# -- CSV ---------------------------------------------------------------------

_DECODE_CHUNK = 1 << 20


def _open_csv(data: bytes | None, path: str | None) -> Table:
    if path is None:
        assert data is not None
        try:
            text = data.decode("utf-8-sig")
            encoding = "utf-8"
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
                encoding = "gb18030"
            except UnicodeDecodeError:
                raise TableError(MSG_BAD_ENCODING) from None
        lines: Iterator[str] = _split_lines(text)
        closer = None
    else:
        encoding = _detect_file_encoding(path)
        fh = open(path, encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="")  # noqa: SIM115  (closed by the reader)
        lines = iter(fh)
        closer = fh

    try:
        lines, header_line = _peek_header_line(lines)
        if header_line is None:
            raise TableError(MSG_NO_HEADER)
        reader = csv.reader(lines, dialect=_dialect_for(header_line))
        records = _csv_records(reader)
        header = None
        header_row = 0
        for record_number, record in records:
            values, used = _clean_cells(record)
            if used:
                header = _header_cells(values[:used])
                header_row = record_number
                break
        if header is None:
            raise TableError(MSG_NO_HEADER)
    except BaseException:
        if closer is not None:
            closer.close()
        raise

    return Table(
        headers=header,
        rows=_csv_rows(records, len(header), closer),
        source_format="csv",
        encoding=encoding,
        header_row=header_row,
    )


def _detect_file_encoding(path: str) -> str:
    """Validate the whole file as UTF-8, else GB18030, without loading it."""
    for encoding in ("utf-8", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as fh:
                while chunk := fh.read(_DECODE_CHUNK):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise TableError(MSG_BAD_ENCODING)


def _split_lines(text: str) -> Iterator[str]:
    """Yield lines keeping their endings; only \\n (and \\r\\n) end a line, so
    that characters such as U+2028 inside a field are left alone."""
    find = text.find
    start = 0
    end = len(text)
    while start < end:
        nl = find("\n", start)
        if nl < 0:
            yield text[start:]
            return
        yield text[start : nl + 1]
        start = nl + 1


def _peek_header_line(lines: Iterator[str]) -> tuple[Iterator[str], str | None]:
    """Find the first non-blank line (for delimiter sniffing) without losing lines."""
    seen: list[str] = []
    for line in lines:
        seen.append(line)
        if line.strip(" \t\r\n\u3000,;\ufeff"):
            return _chain(seen, lines), line
    return iter(seen), None


def _chain(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest


def _dialect_for(header_line: str) -> type[csv.Dialect]:
    counts = {d: header_line.count(d) for d in (",", "\t", ";")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","

    class _Dialect(csv.excel):
        pass

    _Dialect.delimiter = delimiter
    return _Dialect


def _csv_records(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    number = 0
    try:
        for record in reader:
            number += 1
            yield number, record
    except csv.Error as exc:
        raise TableError(f"第{number + 1}行无法按 CSV 格式解析（{exc}），请用 Excel 另存为 .xlsx 后再导入") from exc


def _csv_rows(records: Iterator[tuple[int, list[str]]], width: int, closer: IO | None) -> Iterator[tuple[int, list]]:
    clean = _clean_text_cells
    fit = _fit
    try:
        for number, record in records:
            values, used = clean(record)
            if used:
                yield number, fit(values, used, width)
    finally:
        if closer is not None:
            closer.close()


# ---------------------------------------------------------------------------
# Header matching
# ---------------------------------------------------------------------------

_HEADER_TRANSLATION = str.maketrans({"（": "(", "）": ")", "＊": "*"})
_WHITESPACE_RE = re.compile(r"\s+")


def normalize_header(text: str) -> str:
    """Comparable form of a header cell: no whitespace (incl. U+3000 and line
    breaks), half-width parentheses, no leading/trailing '*' marks."""
    text = _WHITESPACE_RE.sub("", str(text)).translate(_HEADER_TRANSLATION)
    return text.strip("*")


@dataclass
class HeaderMatch:
    index: dict[str, int]  # canonical column name → position in the row
    missing: list[str]  # required columns not found (in the order required)
    unknown: list[str]  # non-blank header cells that are neither required nor optional
    duplicated: list[str]  # recognised columns that appear more than once (canonical names)
    header_row: int = 1

    @property
    def ok(self) -> bool:
        """True when every required column is present exactly once."""
        return not self.missing and not self.duplicated

    def problems(self) -> list[str]:
        """Chinese sentences for the blocking problems (missing / duplicated)."""
        out = []
        if self.missing:
            out.append("缺少必填列：" + "、".join(f"「{c}」" for c in self.missing))
        if self.duplicated:
            out.append("表头中有重复的列：" + "、".join(f"「{c}」" for c in self.duplicated))
        return out


def match_headers(headers: list[str], required: Sequence[str], optional: Sequence[str] = ()) -> HeaderMatch:
    """Locate the expected columns in a header row.

    Comparison ignores whitespace, full-/half-width parentheses and '*'
    required-markers, so '身份证号*', ' 户编号 ' and '联系电话（手机）' match
    '身份证号', '户编号' and '联系电话(手机)'.  The first occurrence wins when a
    column is duplicated.
    """
    canonical: dict[str, str] = {}
    for name in list(required) + list(optional):
        canonical.setdefault(normalize_header(name), name)

    index: dict[str, int] = {}
    unknown: list[str] = []
    duplicated: list[str] = []
    for position, cell in enumerate(headers):
        key = normalize_header(cell or "")
        if not key:
            continue
        name = canonical.get(key)
        if name is None:
            unknown.append(str(cell).strip())
        elif name in index:
            if name not in duplicated:
                duplicated.append(name)
        else:
            index[name] = position
    missing = [name for name in required if name not in index]
    return HeaderMatch(index=index, missing=missing, unknown=unknown, duplicated=duplicated)


# ---------------------------------------------------------------------------
# Row errors
# ---------------------------------------------------------------------------

_VALUE_DISPLAY_LIMIT = 40


def _display_value(value: object) -> str:
    """How a cell value is shown to users in messages and error workbooks."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _INT_LIMIT:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds") if value.time() else value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class RowError:
    """One problem found while importing; ``row`` is None for file-level ones."""

    row: int | None
    column: str | None
    value: object
    reason: str

    def as_text(self) -> str:
        """'第5行「身份证号」“110101…”：身份证号校验位错误'; file-level: just the reason."""
        if self.row is None:
            return self.reason
        parts = [f"第{self.row}行"]
        if self.column:
            parts.append(f"「{self.column}」")
        shown = _display_value(self.value)
        if shown:
            if len(shown) > _VALUE_DISPLAY_LIMIT:
                shown = shown[:_VALUE_DISPLAY_LIMIT] + "…"
            parts.append(f"“{shown}”")
        return "".join(parts) + "：" + self.reason

    def __str__(self) -> str:
        return self.as_text()


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
) -> None:
    """Stream rows into a new .xlsx (openpyxl write-only mode).

    The header row is bold on a light fill and frozen; column widths follow the
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
    ws.freeze_panes = "A2"

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
