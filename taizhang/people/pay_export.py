"""The pay sheet as Excel: one row a person, a 合计 row, numbers as numbers, the sheet named after the cycle."""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal

from taizhang.documents.tabular import write_xlsx
from taizhang.people.models import Cycle, PayLine
from taizhang.people.rules.pay import GRADE_LABELS

COLUMNS = [
    "用户名",
    "姓名",
    "部门",
    "岗位",
    "岗位工资（元/月）",
    "月数",
    "绩效薪酬占比（%）",
    "绩效基数",
    "等次",
    "绩效系数",
    "绩效薪酬",
]


def sheet_xlsx(cycle: Cycle, lines: Iterable[PayLine], *, status: str) -> bytes:
    rows, base, amount = [], Decimal(0), Decimal(0)
    for line in lines:
        rows.append(
            [
                line.user.username,
                line.user.full_name,
                line.department.name if line.department else "",
                line.post_name,
                line.monthly_pay,
                line.months,
                line.share,
                line.base,
                GRADE_LABELS.get(line.grade, line.grade),
                line.coefficient,
                line.amount,
            ]
        )
        base, amount = base + line.base, amount + line.amount
    rows.append(["合计", "", "", "", None, None, None, base, "", None, amount])
    stream = io.BytesIO()
    write_xlsx(
        stream,
        COLUMNS,
        rows,
        sheet_title=cycle.code,
        text_columns=["用户名"],
        title=f"{cycle.unit.name} {cycle.code} 绩效薪酬发放表（{status}）",
    )
    return stream.getvalue()
