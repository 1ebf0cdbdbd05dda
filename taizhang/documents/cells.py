"""Dates and times as offices write them in Excel and CSV cells: plain values in, or CellError in Chinese."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

EXCEL_EPOCH = datetime(1899, 12, 30)


class CellError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})\s*[:：时点]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})秒?)?\s*分?$")


def cell_date(value, label: str = "日期") -> date:
    """2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305, an Excel date cell or serial number."""
    if type(value) is str and len(value) == 10 and value[4] == "-":  # 2026-03-05, what most files hold: the fast path
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return (EXCEL_EPOCH + timedelta(days=int(value))).date()
    text = "" if value is None else str(value).strip()
    if not text:
        raise CellError(f"{label}不能为空")
    text = text.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2} 00:00(:00)?$", text) else text
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if not match:
        raise CellError(f"{label}“{text}”看不懂，请写成 2026-03-05 这样的日期")
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        raise CellError(f"{label}“{text}”不存在")


def cell_time(value, label: str = "时间") -> time:
    """09:00, 9:00, 9：00, 9时30分, 09:00:00, an Excel time cell or a fraction of a day."""
    if isinstance(value, datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, time):
        return value.replace(microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        seconds = round(value * 86400)
        return time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
    text = "" if value is None else str(value).strip()
    if not text:
        raise CellError(f"{label}不能为空")
    match = _TIME.match(text)
    if not match:
        raise CellError(f"{label}“{text}”看不懂，请写成 09:30 这样的时间")
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise CellError(f"{label}“{text}”不存在")
    return time(hour, minute, second)
