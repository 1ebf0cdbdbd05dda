"""Reading CSV text: UTF-8 (with or without a BOM) or GBK, decoded in chunks, the delimiter sniffed from the
header line."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from typing import IO

from taizhang.documents.tabular.errors import MSG_BAD_ENCODING, MSG_NO_HEADER, TableError
from taizhang.documents.tabular.rows import Table, _clean_cells, _clean_text_cells, _fit, _header_cells

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
