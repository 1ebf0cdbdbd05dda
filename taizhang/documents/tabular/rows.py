"""A sheet opened for streaming, and its cells turned into Python values exactly once (Excel and CSV alike)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from taizhang.documents.tabular.errors import _INT_LIMIT
from taizhang.documents.tabular.footers import FOOTER_STARTS, TOTALS, is_note_line, row_footer_word


@dataclass
class Table:
    """A sheet opened for streaming.

    ``rows`` yields ``(row_number, values)`` where ``row_number`` is the number
    the user sees in Excel (header row is 1 when it is the first line) and
    ``values`` is a list at least as long as ``headers`` (padded with ``None``;
    longer only if the row has non-empty cells beyond the last header).
    Fully blank rows are not yielded; neither are footer rows (填表人：…, 合计)
    and repeated header rows, which are added to ``skipped`` as ``(row_number,
    reason)`` while the rows are iterated.  ``rows`` can be iterated once.
    ``header_row`` is the number of the (first) header row, ``header_rows`` 1
    or 2 (a parent label such as 家庭成员 merged over 姓名 | 身份证号);
    ``sheet_names`` lists the workbook's worksheets in order (empty for CSV).
    """

    headers: list[str]
    rows: Iterator[tuple[int, list]]
    source_format: str  # 'xlsx' | 'xls' | 'csv'
    encoding: str | None  # CSV only: 'utf-8' or 'gb18030'
    header_row: int = 1
    sheet_name: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    header_rows: int = 1
    skipped: list[tuple[int, str]] = field(default_factory=list)

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


# ---------------------------------------------------------------------------
# The rows above and below the header
# ---------------------------------------------------------------------------

TopRow = tuple[int, Any, list, int]  # (row number, raw cells, cleaned values, used)


def _read_top(numbered: Iterator[tuple[int, Any]], clean, limit: int, through: int = 0) -> list[TopRow]:
    """The first ``limit`` non-blank rows (and at least every row up to number ``through``), the rest left
    in ``numbered``."""
    top: list[TopRow] = []
    if limit <= 0 and through <= 0:
        return top
    for number, raw in numbered:
        values, used = clean(raw)
        if used:
            top.append((number, raw, values, used))
        if len(top) >= limit and number >= through:
            break
    return top


class _RowSkipper:
    """Decides about the rare rows the loop cannot pass straight through: header rows repeated on each
    printed page (and the title above them), and the footer."""

    def __init__(self, above: list[list], skipped: list[tuple[int, str]]):
        self.repeats = {tuple(values) for values in above}
        firsts = {values[0] for values in above}
        # A row is looked at closely when its first cell is text starting like a footer word or a header
        # row's first cell, or is not text and equals one (None: the row starts further right).
        self.starts = FOOTER_STARTS | {v[0] for v in firsts if type(v) is str}
        self.marks = frozenset(v for v in firsts if type(v) is not str) | {None}
        self.skipped = skipped
        self.trailing: str | None = None  # the footer word whose notes may go on below it

    def skip(self, number: int, values: list, used: int) -> bool:
        reason = None
        if tuple(values[:used]) in self.repeats:
            reason = "重复的表头"
        elif word := row_footer_word(values):
            reason = f"表尾（{word}…）"
            self.trailing = None if word in TOTALS else word
        elif self.trailing and is_note_line(values, used):
            reason = f"表尾（{self.trailing}…）"
        if reason is None:
            return False
        self.skipped.append((number, reason))
        return True


def _data_rows(
    numbered: Iterator[tuple[int, Any]], clean, width: int, skipper: _RowSkipper, close
) -> Iterator[tuple[int, list]]:
    """The import's hot loop: rows after the header, cleaned, without blank, repeated-header and footer rows."""
    fit = _fit
    marks = skipper.marks
    starts = skipper.starts
    skip = skipper.skip
    trailing = None
    try:
        for number, raw in numbered:
            values, used = clean(raw)
            if used:
                first = values[0]
                if (first[0] in starts if type(first) is str else first in marks) or trailing:
                    skipped = skip(number, values, used)
                    trailing = skipper.trailing
                    if skipped:
                        continue
                if len(values) != width:  # most rows are as wide as the header: no call
                    fit(values, used, width)
                yield number, values
    finally:
        close()
