"""The award scores ledger, imported through the kernel's import pages into a round under scoring."""

from __future__ import annotations

from taizhang.documents.importing import Ledger, Target
from taizhang.enterprise import awards_import, policies
from taizhang.enterprise.models import AwardRound
from taizhang.imports.ledgers import runner


def _targets(user) -> list[Target]:
    rounds = AwardRound.objects.visible_to(user).filter(status=AwardRound.Status.SCORING).select_related("unit")
    return [
        Target(unit=r.unit, label=f"{r.unit.name} {r.title}", key=str(r.pk), kwargs={"rnd": r})
        for r in rounds
        if policies.can_configure(user, r.unit_id)
    ]


AWARD_SCORES = Ledger(
    key="enterprise.award-scores",
    title="企业家奖励评分",
    required=awards_import.COLUMNS,
    run=runner(awards_import.award_scores_import, per_unit=False),
    targets=_targets,
    undo=awards_import.award_scores_undo,
    examples={"评审人": "pingshen1", "统一社会信用代码": "91370125MA3C00001X", "评审标准": "税收贡献", "得分": "86.5"},
    help="一行一位评审人对一家企业提名的一项评审标准的得分（0–100，最多两位小数）；评审人填用户名，须是本次评选的评审人；"
    "企业按统一社会信用代码找到本次评选的有效提名；文件中没有的项保持原分。只能导入到评审中的评选。撤销批次清除这一批录入的评分。",
    order=80,
)
