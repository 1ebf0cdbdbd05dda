"""Reading CSV text: UTF-8 (with or without a BOM) or GBK, decoded in chunks, the delimiter sniffed from the
first line that has one; the header found among the top rows as in a worksheet."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from functools import partial
from typing import IO

from taizhang.documents.tabular.errors import (
    MSG_BAD_ENCODING,
    MSG_NO_HEADER,
    TableError,
    msg_blank_header_row,
    msg_field_too_long,
)
from taizhang.documents.tabular.finding import TOP_ROWS, choose_header, table_at, top_extent
from taizhang.documents.tabular.headers import HeaderLookup
from taizhang.documents.tabular.rows import Table, _clean_text_cells, _read_top

_DECODE_CHUNK = 1 << 20


def _open_csv(
    data: bytes | None, path: str | None, *, lookup: HeaderLookup | None = None, header_row: int | None = None
) -> Table:
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
        lines, sample = _peek_lines(lines)
        if not sample:
            raise TableError(MSG_NO_HEADER)
        records = _csv_records(csv.reader(lines, dialect=_dialect_for(sample)))
        top = _read_top(records, _clean_text_cells, *top_extent(lookup, header_row))
        choice = choose_header(top, lookup, (), header_row)
        if choice is None:
            raise TableError(MSG_NO_HEADER if header_row is None else msg_blank_header_row(header_row))
    except BaseException:
        if closer is not None:
            closer.close()
        raise

    return table_at(
        choice, top, records, _clean_text_cells, partial(_close, closer), source_format="csv", encoding=encoding
    )


def _close(closer: IO | None) -> None:
    if closer is not None:
        closer.close()


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


def _peek_lines(lines: Iterator[str]) -> tuple[Iterator[str], list[str]]:
    """The first non-blank lines (up to the number of rows looked at for a header, for delimiter sniffing)
    without losing any line."""
    seen: list[str] = []
    sample: list[str] = []
    for line in lines:
        seen.append(line)
        if line.strip(" \t\r\n\u3000,;\ufeff"):
            sample.append(line)
            if len(sample) >= TOP_ROWS:
                return _chain(seen, lines), sample
    return iter(seen), sample


def _chain(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest


def _dialect_for(sample: list[str]) -> type[csv.Dialect]:
    """The delimiter of the first sample line that has one (a title line above the header has none)."""
    delimiter = ","
    for line in sample:
        counts = {d: line.count(d) for d in (",", "\t", ";")}
        if any(counts.values()):
            delimiter = max(counts, key=lambda d: counts[d])
            break

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
        if "field limit" in str(exc):
            raise TableError(msg_field_too_long(number + 1, csv.field_size_limit())) from exc
        raise TableError(f"第{number + 1}行无法按 CSV 格式解析（{exc}），请用 Excel 另存为 .xlsx 后再导入") from exc
