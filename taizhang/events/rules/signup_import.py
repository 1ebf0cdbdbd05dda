"""Reading a sign-up list's 报名时间 as offices write it, and the order an import places its rows in."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from taizhang.documents.cells import EXCEL_EPOCH, CellError, cell_date, cell_time

_SPLIT = re.compile(r"^(\S+?日?)\s*(\d{1,2}\s*[:：时点].*)?$")


def signed_at(value) -> datetime:
    """2020-09-01 08:30, 2020/9/1 8:30:15, 2020年9月1日 8时30分, an Excel date-time cell or serial number; a date
    alone is that day's midnight (its rows then keep the file's order). CellError with the reason."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return (EXCEL_EPOCH + timedelta(seconds=round(value * 86400))).replace(microsecond=0)
    text = "" if value is None else str(value).strip()
    if not text:
        raise CellError("报名时间不能为空")
    if "T" in text and text[:4].isdigit():
        text = text.replace("T", " ")
    match = _SPLIT.match(text)
    if not match:
        raise CellError(f"报名时间“{text}”看不懂，请写成 2020-09-01 08:30 这样的时间")
    try:
        day = cell_date(match.group(1), "报名时间")
        at = cell_time(match.group(2), "报名时间") if match.group(2) else time(0)
    except CellError as exc:
        raise CellError(exc.message.replace("这样的日期", " 08:30 这样的时间")) from None
    return datetime.combine(day, at)


def in_signing_order(rows: list[tuple[int, datetime]]) -> list[int]:
    """The rows' numbers in the order their sign-ups are placed: by 报名时间, equal times in the file's order."""
    return [row for row, _ in sorted(rows, key=lambda pair: (pair[1], pair[0]))]
