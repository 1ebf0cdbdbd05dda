"""Compliance figures as files: the same columns for the page's download and the command."""

from __future__ import annotations

import io

from taizhang.assistance.selectors import MonthCompliance
from taizhang.documents.tabular import write_csv, write_xlsx

COMPLIANCE_COLUMNS = ["户编号", "户主", "帮扶责任人", "有效走访次数", "是否达标"]


def compliance_rows(report: MonthCompliance):
    for h in report.households:
        yield [h.household_no, h.head, "、".join(h.helpers), h.valid, h.result.label]


def compliance_file(report: MonthCompliance, fmt: str) -> bytes:
    stream = io.BytesIO()
    if fmt == "xlsx":
        write_xlsx(
            stream,
            COMPLIANCE_COLUMNS,
            compliance_rows(report),
            sheet_title=f"{report.month} 走访达标",
            text_columns=["户编号"],
        )
    else:
        write_csv(stream, COMPLIANCE_COLUMNS, compliance_rows(report))
    return stream.getvalue()
