"""The handover ledger through the kernel's import pages: a zone imports it into its own unit."""

from __future__ import annotations

from taizhang.documents.importing import Ledger, Target
from taizhang.enterprise import functions_import
from taizhang.enterprise.policies_functions import hands_over
from taizhang.imports.ledgers import runner


def _targets(user) -> list[Target]:
    return [Target(unit=user.unit, label=user.unit.name)] if hands_over(user) else []


HANDOVER = Ledger(
    key="enterprise.handover",
    title="职能移交台账",
    required=functions_import.COLUMNS,
    optional=functions_import.OPTIONAL,
    run=runner(functions_import.handover_import),
    targets=_targets,
    undo=functions_import.handover_undo,
    examples={
        "职能编号": "1",
        "职能名称": "城乡低保审核确认",
        "类别": "社会救助",
        "承接街道": "济阳街道",
        "移交日期": "2020-07-01",
        "依据/说明": "《社会救助暂行办法》",
    },
    help="一行一项移交给一个街道的职能：职能编号是本单位职能清单中的序号，同一项职能移交给几个街道就写几行。类别须是："
    + "、".join(functions_import.rules.CATEGORIES)
    + "。承接街道须与系统中的单位名称一致。整个文件要么全部移交，要么一行都不移交；撤销批次即撤回这一批移交（街道已承接或已督办的不能撤销）。",
    order=85,
)
