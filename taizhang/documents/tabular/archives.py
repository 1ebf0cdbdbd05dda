"""An .xlsx (or a WPS file saved as one) is a zip archive: python-calamine unpacks a worksheet whole into memory, so
an archive that would unpack to too much, or that packs too well to be a real workbook (a "zip bomb": 5.6 MB that
took 1.5 GB and 18 s), is refused from its directory alone, before anything is unpacked. The sizes the directory
declares are trusted: calamine's zip reader fails on an entry whose content does not match its declared size."""

from __future__ import annotations

import io
import zipfile

from taizhang.documents.tabular.errors import TableError

MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # about three times a district's 150,000-person workbook (99 MB unpacked)
MAX_ENTRIES = 10_000
# Real worksheets pack 5–20 times; a large entry packed more than this is filler made to exhaust memory.
MAX_RATIO = 100
RATIO_FROM_BYTES = 10 * 1024 * 1024


def check_archive(source: bytes | str, filename: str) -> None:
    """Raise TableError when the archive's directory promises more than a workbook can hold."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a readable zip: the workbook reader reports it as an invalid file
    if len(entries) > MAX_ENTRIES:
        raise TableError(
            f"文件“{filename}”内含 {len(entries):,} 个部件，超过了 {MAX_ENTRIES:,} 个的上限，"
            "不像正常的 Excel 工作簿，请用 Excel 另存为 .xlsx 后再导入"
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError(
            f"文件“{filename}”解压后有 {_mb(unpacked)}，超过了 {_mb(MAX_UNPACKED_BYTES)} 的上限，请拆分成几个文件分批导入"
        )
    for entry in entries:
        if entry.file_size > RATIO_FROM_BYTES and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise TableError(
                f"文件“{filename}”中的“{entry.filename}”压缩了 {ratio:,} 倍（正常的工作簿不超过 {MAX_RATIO} 倍），"
                "可能是恶意构造的文件，已拒绝读取；请用 Excel 另存为 .xlsx 后再导入"
            )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f} MB"
