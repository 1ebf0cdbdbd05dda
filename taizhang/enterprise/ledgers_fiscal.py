"""The revenue ledger (`年度, 来源, 金额（万元）`) through the kernel's import pages: into the user's own unit."""

from __future__ import annotations

from taizhang.documents.importing import Ledger
from taizhang.enterprise import fiscal_import, policies
from taizhang.imports.ledgers import runner, unit_targets

REVENUE = Ledger(
    key="enterprise.revenue",
    title="开发区财政收入",
    required=fiscal_import.COLUMNS,
    run=runner(fiscal_import.revenue_import),
    targets=lambda user: unit_targets(user, policies.can_work(user)),
    undo=fiscal_import.revenue_undo,
    examples={"年度": "2020", "来源": "增值税", "金额（万元）": "12850.5"},
    help="每行一个年度一项收入来源的金额（万元，可带千分位逗号）；来源须是本单位已有的收入来源（增值税、企业所得税、非税收入、"
    "土地出让收入、上级转移支付等）。同一年度同一来源已登记且金额相同的行跳过；金额不同的行报错，请在录入页修改。"
    "整个文件要么全部导入，要么一行都不导入；撤销批次即作废这一批导入的收入。",
    order=82,
)
