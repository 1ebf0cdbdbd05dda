"""A sheet opened for streaming, and its cells turned into Python values exactly once (Excel and CSV alike)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from taizhang.documents.tabular.errors import _INT_LIMIT


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
