"""What goes wrong, in Simplified Chinese: a file-level :class:`TableError` (the import pages show its
``message`` as-is) and a :class:`RowError` for one row, with the value shown as Excel shows it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# ---------------------------------------------------------------------------
# Messages (user-facing, Simplified Chinese)
# ---------------------------------------------------------------------------

MSG_EMPTY_FILE = "文件是空的"
MSG_NOT_XLSX = "文件不是有效的 Excel 工作簿（.xlsx），请用 Excel 另存为 .xlsx 后再导入"
MSG_NOT_XLS = "文件不是有效的 Excel 工作簿（.xls），请用 Excel 另存为 .xlsx 后再导入"
MSG_HTML_AS_EXCEL = "文件实际上是网页（HTML）格式，不是真正的 Excel 工作簿，请用 Excel 打开后另存为 .xlsx 再导入"
MSG_PASSWORD = "工作簿设置了打开密码，请在 Excel 中取消密码后另存为 .xlsx 再导入"
MSG_NO_WORKSHEET = "工作簿中没有可读取的工作表"
MSG_NO_HEADER = "表格中没有数据（缺少表头行）"
MSG_NOT_ET = "无法读取这个 WPS 表格文件（.et），请在 WPS 中另存为 .xlsx 后再导入"
MSG_UNSUPPORTED = "仅支持 Excel（.xlsx、.xls）、WPS 表格（.et）和 CSV（.csv）文件"
MSG_BAD_ENCODING = "文件既不是 UTF-8 也不是 GBK 编码的文本，无法读取；请用 Excel 另存为 .xlsx 或 “CSV UTF-8” 后再导入"


def msg_no_such_sheet(name: str, names: list[str]) -> str:
    shown = "、".join(f"“{n}”" for n in names) or "没有工作表"
    return f"工作簿中没有名为“{name}”的工作表（现有：{shown}）"


def msg_field_too_long(row: int, limit: int) -> str:
    # The usual cause is a quote opened in one cell and never closed: the rest of the file becomes one field.
    return (
        f"第{row}行（或从这一行开始）有一个字段超过 {limit:,} 个字符（Excel 单元格最多 32,767 个字符），"
        "通常是某个单元格里的英文双引号没有配对；请检查这一行，或用 Excel 另存为 .xlsx 后再导入"
    )


def msg_blank_header_row(number: int) -> str:
    return f"第{number}行是空行或不存在，不能作为表头，请选择表头所在的行"


# Floats that are whole numbers below this magnitude are returned as int.
# Larger ones (e.g. an 18-digit ID number typed into Excel as a number, which
# Excel has already rounded to 15 significant digits) stay float so that callers
# can detect and reject them.
_INT_LIMIT = 1e15


class TableError(ValueError):
    """A file-level problem.  ``message`` is a Simplified-Chinese sentence."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# ---------------------------------------------------------------------------
# Row errors
# ---------------------------------------------------------------------------

_VALUE_DISPLAY_LIMIT = 40


def _display_value(value: object) -> str:
    """How a cell value is shown to users in messages and error workbooks."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _INT_LIMIT:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds") if value.time() else value.date().isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class RowError:
    """One problem found while importing; ``row`` is None for file-level ones."""

    row: int | None
    column: str | None
    value: object
    reason: str

    def as_text(self) -> str:
        """'第5行「身份证号」“110101…”：身份证号校验位错误'; file-level: just the reason."""
        if self.row is None:
            return self.reason
        parts = [f"第{self.row}行"]
        if self.column:
            parts.append(f"「{self.column}」")
        shown = _display_value(self.value)
        if shown:
            if len(shown) > _VALUE_DISPLAY_LIMIT:
                shown = shown[:_VALUE_DISPLAY_LIMIT] + "…"
            parts.append(f"“{shown}”")
        return "".join(parts) + "：" + self.reason

    def __str__(self) -> str:
        return self.as_text()
