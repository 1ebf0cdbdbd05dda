"""Reading the first worksheet of an .xlsx / .xls workbook with python-calamine."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any

from taizhang.documents.tabular.errors import (
    MSG_NO_HEADER,
    MSG_NO_WORKSHEET,
    MSG_NOT_XLS,
    MSG_NOT_XLSX,
    MSG_PASSWORD,
    TableError,
)
from taizhang.documents.tabular.rows import Table, _clean_cells, _fit, _header_cells


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
