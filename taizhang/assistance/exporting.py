"""Compliance figures as files: the same columns for the page's download and the command."""

from __future__ import annotations

import io

from taizhang.assistance.selectors import MonthCompliance
from taizhang.documents.tabular import write_csv, write_xlsx

COMPLIANCE_COLUMNS = ["户编号", "户主", "村居", "帮扶责任人", "有效走访次数", "是否达标"]


def compliance_rows(report: MonthCompliance):
    for h in report.households:
        yield [h.household_no, h.head, h.community, "、".join(h.helpers), h.valid, h.result.label]


def compliance_title(place: str, report: MonthCompliance) -> str:
    """新市镇2026年11月帮扶走访达标情况: what the workbook's first row says, as the town's own ledgers begin."""
    return f"{place}{report.month.year}年{report.month.month}月帮扶走访达标情况"


def compliance_file(report: MonthCompliance, fmt: str, *, place: str) -> bytes:
    """`place` is the unit or 村居 the figures cover; the workbook's title row names it with the month (the CSV,
    read by programs, starts with its header)."""
    stream = io.BytesIO()
    if fmt == "xlsx":
        write_xlsx(
            stream,
            COMPLIANCE_COLUMNS,
            compliance_rows(report),
            sheet_title=f"{report.month} 走访达标",
            text_columns=["户编号"],
            title=compliance_title(place, report),
        )
    else:
        write_csv(stream, COMPLIANCE_COLUMNS, compliance_rows(report))
    return stream.getvalue()
