"""Spreadsheet archives are checked from their zip directory before python-calamine unpacks anything: a zip bomb is
refused at once and in little memory, a real workbook passes."""

import resource
import struct
import time
import zlib

import pytest

from taizhang.documents.tabular import TableError, archives, open_table
from tests.conftest import xlsx_bytes

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    b'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    b'<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"


def zip_bomb(megabytes: int) -> bytes:
    """A genuine workbook whose one worksheet unpacks to `megabytes` MB of rows from a few MB: the same 1 MB of rows
    deflated once and repeated (each piece ends with a full flush, so the pieces join into one valid stream)."""
    row = b"<row>" + b'<c t="inlineStr"><is><t>aaaaaaaaaa</t></is></c>' * 20 + b"</row>"
    block = row * (1024 * 1024 // len(row))
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = squeeze.compress(block) + squeeze.flush(zlib.Z_FULL_FLUSH)
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = head.compress(HEAD) + head.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15)
    finish = end.compress(TAIL) + end.flush()
    crc = zlib.crc32(HEAD)
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(TAIL, crc)
    sheet = (start + piece * megabytes + finish, len(HEAD) + len(block) * megabytes + len(TAIL), crc)
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ]
    return _zip(
        [(name, zlib.compress(data, 9)[2:-4], len(data), zlib.crc32(data)) for name, data in parts]
        + [("xl/worksheets/sheet1.xml", *sheet)]
    )


def _zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip file of deflated entries (name, deflated bytes, size, crc32), written field by field."""
    body, directory = b"", b""
    for name, packed, size, crc in entries:
        encoded = name.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(packed), size)
        directory += (
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + fields
            + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, len(body))
            + encoded
        )
        body += b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded + packed
    end = struct.pack("<HHHHIIH", 0, 0, len(entries), len(entries), len(directory), len(body), 0)
    return body + directory + b"PK\x05\x06" + end


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb(1400)  # the probe's bomb: 5.6 MB that unpacked to 1.4 GB cost 1.5 GB of memory and 17.8 s


def test_the_probes_zip_bomb_is_refused_at_once_in_little_memory(bomb):
    assert len(bomb) < 6 * 1024 * 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(TableError) as refused:
        open_table(bomb, "户籍台账.xlsx", columns=["户编号", "姓名"])
    assert time.perf_counter() - started < 0.5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 50 * 1024  # KB: under 50 MB more than before
    assert (
        refused.value.message == "文件“户籍台账.xlsx”解压后有 1,399 MB，超过了 300 MB 的上限，请拆分成几个文件分批导入"
    )


def test_a_small_bomb_is_refused_for_packing_too_well(monkeypatch):
    refused_message = None
    try:
        open_table(zip_bomb(40), "名单.xlsx")
    except TableError as exc:
        refused_message = exc.message
    assert refused_message == (
        "文件“名单.xlsx”中的“xl/worksheets/sheet1.xml”压缩了 264 倍（正常的工作簿不超过 100 倍），"
        "可能是恶意构造的文件，已拒绝读取；请用 Excel 另存为 .xlsx 后再导入"
    )


def test_an_archive_of_too_many_parts_is_refused(monkeypatch):
    monkeypatch.setattr(archives, "MAX_ENTRIES", 8)
    with pytest.raises(TableError, match="文件“多.xlsx”内含 9 个部件，超过了 8 个的上限"):
        open_table(xlsx_bytes([["XS001"]]), "多.xlsx")


def test_the_bombs_worksheet_is_a_real_one_calamine_would_read(monkeypatch):
    # Without the check the small bomb is read as a workbook: the refusal above is the check's, not a broken file's.
    monkeypatch.setattr(archives, "MAX_RATIO", 10_000)
    table = open_table(zip_bomb(2), "名单.xlsx")
    assert table.headers[:2] == ["aaaaaaaaaa", "aaaaaaaaaa"]
    table.close()


def test_a_real_workbook_passes_the_check():
    table = open_table(
        xlsx_bytes([["XS001", "新市村", "新市村1号", "王一", "370125197005170011", "户主", ""]]), "台账.xlsx"
    )
    assert table.headers[0] == "户编号" and next(table.rows)[1][0] == "XS001"
