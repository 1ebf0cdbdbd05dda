"""Opening a table: the file's content (zip / OLE2 signatures) decides between Excel and CSV, its name decides
which formats are acceptable."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import IO

from taizhang.documents.tabular.archives import check_archive
from taizhang.documents.tabular.csv_files import _open_csv
from taizhang.documents.tabular.errors import (
    MSG_EMPTY_FILE,
    MSG_HTML_AS_EXCEL,
    MSG_NOT_ET,
    MSG_NOT_XLS,
    MSG_NOT_XLSX,
    MSG_UNSUPPORTED,
    TableError,
)
from taizhang.documents.tabular.excel import _open_excel
from taizhang.documents.tabular.headers import Column, HeaderLookup
from taizhang.documents.tabular.rows import Table

_HEAD_SIZE = 512
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_EXCEL_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".et")  # .et: WPS 表格, an OLE2 workbook like .xls
_TEXT_EXTENSIONS = (".csv", ".txt")


def open_table(
    data: bytes | str | os.PathLike | IO[bytes],
    filename: str,
    *,
    columns: Sequence[Column | str] | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: Mapping[str, str] | None = None,
) -> Table:
    """Open a worksheet of an Excel / WPS file, or a CSV file, at its header row.

    ``data`` is the file content (bytes), a path (``str`` or ``PathLike``), or a
    binary file object (read completely).  The format is decided by the content
    (zip / OLE2 signatures); ``filename`` decides which formats are acceptable
    and whether non-Excel content is treated as CSV text.

    Without ``columns`` the header is the first non-blank row of the first
    visible worksheet.  With ``columns`` (names or :class:`Column` objects) the
    header is found among the top rows of every visible worksheet: the sheet
    and row (or pair of rows) recognising most of the columns win, so a title
    above the header or an instructions sheet in front does not matter;
    ``mapping`` (the unit's remembered header choices, see
    :class:`~taizhang.documents.tabular.headers.HeaderLookup`) counts too.
    ``sheet`` (a worksheet's name; a CSV has none) and ``header_row`` (the
    1-based row number as Excel shows it) force the choice.

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

    lookup = HeaderLookup(columns, mapping=mapping) if columns is not None else None
    if head.startswith(_ZIP_MAGIC):
        check_archive(data if path is None else path, filename or os.path.basename(path or ""))
        return _open_excel(data, path, "xlsx", ext, lookup=lookup, sheet=sheet, header_row=header_row)
    if head.startswith(_OLE2_MAGIC):
        return _open_excel(data, path, "xls", ext, lookup=lookup, sheet=sheet, header_row=header_row)
    if ext in _TEXT_EXTENSIONS:
        return _open_csv(data, path, lookup=lookup, header_row=header_row)

    # Named like an Excel file but the content is not a workbook.
    if _looks_like_html(head):
        raise TableError(MSG_HTML_AS_EXCEL)
    raise TableError(MSG_NOT_ET if ext == ".et" else MSG_NOT_XLS if ext == ".xls" else MSG_NOT_XLSX)


def _looks_like_html(head: bytes) -> bool:
    """Many older systems "export to Excel" as an HTML table named .xls."""
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return sample.startswith((b"<html", b"<!doctype html", b"<table", b"<meta", b"<head", b"<body", b"<style"))
