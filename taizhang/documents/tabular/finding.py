"""Finding the header among a sheet's top rows: below a title merged across the columns, perhaps in two
rows (家庭成员 merged over 姓名 | 身份证号), scored by how many expected columns each candidate recognises."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from taizhang.documents.tabular.headers import HeaderLookup
from taizhang.documents.tabular.rows import Table, TopRow, _data_rows, _header_cells, _header_text, _RowSkipper

TOP_ROWS = 30  # non-blank rows looked at per sheet

Merged = Sequence[tuple[tuple[int, int], tuple[int, int]]]  # ((row0, col0), (row1, col1)), 0-based, inclusive


def top_extent(lookup: HeaderLookup | None, header_row: int | None) -> tuple[int, int]:
    """(how many non-blank rows, through which row number) to read before choosing the header: today's first
    non-blank row when no columns are expected; a forced two-row header needs the row below too."""
    if header_row is None:
        return (TOP_ROWS if lookup is not None else 1), 0
    return 0, header_row + (1 if lookup is not None else 0)


@dataclass
class HeaderChoice:
    position: int  # index in the top rows of the (first) header row
    rows: int  # 1 or 2
    headers: list[str]
    score: int


def choose_header(
    top: list[TopRow], lookup: HeaderLookup | None, merged: Merged = (), header_row: int | None = None
) -> HeaderChoice | None:
    """The best header among ``top`` (or at row ``header_row`` when forced); None when there is no such row.

    Without ``lookup`` the first candidate row is the header.  A two-row header is chosen only when it
    recognises strictly more than either of its rows alone; on a tie the earlier, single row wins.
    """
    positions = [i for i, row in enumerate(top) if header_row is None or row[0] == header_row]
    if not positions:
        return None
    if lookup is None:
        return _single(top, positions[0], None)
    singles = [_single(top, i, lookup) for i in range(len(top))]
    best: HeaderChoice | None = None
    for i in positions:
        candidates = [singles[i]]
        pair = _pair(top, i, lookup, merged)
        if pair is not None and pair.score > max(singles[i].score, singles[i + 1].score):
            candidates.append(pair)
        for candidate in candidates:
            if best is None or candidate.score > best.score:
                best = candidate
    return best


def _single(top: list[TopRow], i: int, lookup: HeaderLookup | None) -> HeaderChoice:
    _, _, values, used = top[i]
    headers = _header_cells(values[:used])
    score = lookup.score(lookup.match(headers)) if lookup is not None else 0
    return HeaderChoice(position=i, rows=1, headers=headers, score=score)


def _pair(top: list[TopRow], i: int, lookup: HeaderLookup, merged: Merged) -> HeaderChoice | None:
    """Rows i and i+1 as one header: a column is named by its lower cell, else by the upper one (merged
    down); 'parent + child' ('家庭成员姓名') when that is a column's name or the child's name is used
    under another parent too."""
    if i + 1 >= len(top):
        return None
    number, _, upper, upper_used = top[i]
    lower_number, _, lower, lower_used = top[i + 1]
    if lower_number != number + 1 or sum(v is not None for v in upper[:upper_used]) < 2:
        return None  # a blank line between, or a title merged across the columns above
    width = max(upper_used, lower_used)
    parents = [_header_text(upper[col]) if col < upper_used else "" for col in range(width)]
    for (row0, col0), (_, col1) in merged:
        if row0 == number - 1 and col1 > col0 and 0 <= col0 < width:
            for col in range(col0 + 1, min(col1 + 1, width)):
                parents[col] = parents[col] or parents[col0]
    children = [_header_text(lower[col]) if col < lower_used else "" for col in range(width)]
    headers = []
    for parent, child in zip(parents, children, strict=True):
        name = child or parent
        # 户主 and 家庭成员 each over 姓名 | 身份证号: the parent tells the two 姓名 apart.
        if parent and child and parent != child and (lookup.name_of(parent + child) or children.count(child) > 1):
            name = parent + child
        headers.append(name)
    return HeaderChoice(position=i, rows=2, headers=headers, score=lookup.score(lookup.match(headers)))


def table_at(
    choice: HeaderChoice,
    top: list[TopRow],
    rest: Iterator[tuple[int, Any]],
    clean: Callable,
    close: Callable[[], None],
    **fields: Any,
) -> Table:
    """The Table whose header is ``choice``: the top rows below it again, then the ``rest`` of the sheet."""
    skipped: list[tuple[int, str]] = []
    after = choice.position + choice.rows
    skipper = _RowSkipper([values[:used] for _, _, values, used in top[:after]], skipped)
    replay = [(number, raw) for number, raw, _, _ in top[after:]]
    return Table(
        headers=choice.headers,
        rows=_data_rows(itertools.chain(replay, rest), clean, len(choice.headers), skipper, close),
        header_row=top[choice.position][0],
        header_rows=choice.rows,
        skipped=skipped,
        **fields,
    )
