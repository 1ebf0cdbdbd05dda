"""Reading a worksheet of an .xlsx / .xls / .et workbook with python-calamine: the first visible one, or the
one whose top rows hold the expected columns best."""

from __future__ import annotations

import contextlib
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from taizhang.documents.tabular.errors import (
    MSG_NO_HEADER,
    MSG_NO_WORKSHEET,
    MSG_NOT_ET,
    MSG_NOT_XLS,
    MSG_NOT_XLSX,
    MSG_PASSWORD,
    TableError,
    msg_blank_header_row,
    msg_no_such_sheet,
)
from taizhang.documents.tabular.finding import HeaderChoice, choose_header, table_at, top_extent
from taizhang.documents.tabular.headers import HeaderLookup
from taizhang.documents.tabular.rows import Table, TopRow, _clean_cells, _read_top


def _open_excel(
    data: bytes | None,
    path: str | None,
    kind: str,
    ext: str,
    *,
    lookup: HeaderLookup | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
) -> Table:
    import python_calamine as pc

    invalid = MSG_NOT_ET if ext == ".et" else MSG_NOT_XLS if (kind == "xls" and ext == ".xls") else MSG_NOT_XLSX
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
        names, candidates = _worksheets(pc, workbook, sheet, every=lookup is not None)
        best: tuple[_SheetTop, HeaderChoice] | None = None
        for index in candidates:
            top = _sheet_top(workbook, index, lookup, header_row)
            choice = choose_header(top.rows, lookup, top.merged, header_row)
            if choice is not None and (best is None or choice.score > best[1].score):
                best = (top, choice)
    except TableError:
        _close_quietly(workbook)
        raise
    except Exception as exc:
        _close_quietly(workbook)
        if _is_password_error(pc, exc):
            raise TableError(MSG_PASSWORD) from exc
        raise TableError(invalid) from exc

    if best is None:
        _close_quietly(workbook)
        raise TableError(MSG_NO_HEADER if header_row is None else msg_blank_header_row(header_row))
    top, choice = best
    return table_at(
        choice,
        top.rows,
        top.rest,
        _clean_cells,
        partial(_close_quietly, workbook),
        source_format=kind,
        encoding=None,
        sheet_name=top.name,
        sheet_names=names,
    )


@dataclass
class _SheetTop:
    name: str
    rows: list[TopRow]
    rest: Iterator[tuple[int, Any]]  # the numbered rows below the top ones
    merged: list


def _sheet_top(workbook: Any, index: int, lookup: HeaderLookup | None, header_row: int | None) -> _SheetTop:
    sheet = workbook.get_sheet_by_index(index)
    start = sheet.start  # (row, col) of the first non-empty cell, or None
    raw_rows = iter(sheet.iter_rows() if start is not None else ())
    # python-calamine 0.9 yields rows from the top of the sheet (row 1), even
    # when the data starts lower down.  Guard against versions that start at
    # the first non-empty row instead: then the first row yielded is non-blank
    # although the sheet's data starts below row 1.
    first = next(raw_rows, None)
    offset = start[0] if first is not None and start[0] > 0 and _clean_cells(first)[1] else 0
    numbered = enumerate(itertools.chain(() if first is None else (first,), raw_rows), offset + 1)
    top = _read_top(numbered, _clean_cells, *top_extent(lookup, header_row))
    merged: list = []
    if lookup is not None:
        with contextlib.suppress(Exception):  # not every format / version reports merged cells
            # Rows are yielded from column `start`, the first one with a value; merged ranges count from A.
            left = start[1] if start is not None else 0
            merged = [((r0, c0 - left), (r1, c1 - left)) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or ()]
    return _SheetTop(name=sheet.name, rows=top, rest=numbered, merged=merged)


def _worksheets(pc: Any, workbook: Any, sheet: str | None, *, every: bool) -> tuple[list[str], list[int]]:
    """The worksheets' names, and the indexes of those to look at: the one named ``sheet``; every visible
    one (``every``); else the first visible one."""
    try:
        metadata = list(workbook.sheets_metadata)
    except Exception:
        metadata = None
    if metadata is None:
        names = list(workbook.sheet_names)
        shown = list(range(len(names)))
        worksheets = shown
    else:
        worksheet_type = getattr(getattr(pc, "SheetTypeEnum", None), "WorkSheet", None)
        visible = getattr(getattr(pc, "SheetVisibleEnum", None), "Visible", None)
        worksheets = [i for i, m in enumerate(metadata) if worksheet_type is None or m.typ == worksheet_type]
        names = [metadata[i].name for i in worksheets]
        shown = [i for i in worksheets if visible is None or metadata[i].visible == visible]
    if sheet is not None:
        for i in worksheets:
            if (metadata[i].name if metadata is not None else names[i]) == sheet:
                return names, [i]
        raise TableError(msg_no_such_sheet(sheet, names))
    if not worksheets:
        raise TableError(MSG_NO_WORKSHEET)
    shown = shown or worksheets[:1]  # every worksheet hidden: the first one
    return names, shown if every else shown[:1]


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


def _close_quietly(workbook: Any) -> None:
    with contextlib.suppress(Exception):
        workbook.close()
