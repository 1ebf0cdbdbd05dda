"""The people module's ledgers for posts and 竞聘, imported through the kernel's import pages (upload → preview →
fix → confirm → numbered batch, undo): the appointment ledger (聘任台账) per unit, and a 竞聘's scores per round."""

from __future__ import annotations

from taizhang.documents.importing import Ledger, Target
from taizhang.imports.ledgers import runner, unit_targets
from taizhang.people import appointments_import, policies, round_scores_import
from taizhang.people.models import Round


def _unit_targets(user) -> list[Target]:
    return unit_targets(user, policies.can_manage(user) and bool(user.unit_id))


def round_target(rnd: Round) -> Target:
    return Target(unit=rnd.unit, label=f"{rnd.unit.name} · {rnd.title}", key=str(rnd.pk), kwargs={"rnd": rnd})


def _round_targets(user) -> list[Target]:
    if not (policies.can_manage(user) and user.unit_id):
        return []
    found = Round.objects.visible_to(user).filter(unit_id=user.unit_id, status=Round.Status.OPEN).select_related("unit")
    return [round_target(rnd) for rnd in found.order_by("-apply_from", "-id")]


APPOINTMENTS = Ledger(
    key="people.appointments",
    title="聘任台账",
    required=appointments_import.COLUMNS,
    run=runner(appointments_import.appointments_import),
    targets=_unit_targets,
    undo=appointments_import.appointments_undo,
    examples={
        "用户名": "kong1",
        "姓名": "孔一",
        "部门": "党政办公室",
        "岗位": "综合文秘岗",
        "岗位工资": "4000",
        "聘期开始": "2020-01-01",
        "聘期结束": "2022-12-31",
        "绩效薪酬占比": "30%→35%→40%",
    },
    help="一行一份聘任合同。部门须已在组织架构中；岗位不存在时在该部门下新建（岗位工资取本行）。"
    "绩效薪酬占比每个聘期年度一个，如 30%→35%→40% 或 30,35,40，各年相同只填一个数。"
    "与系统中已有合同完全相同的行保持不变；与在聘合同聘期重叠的行报错。撤销批次删除这一批的合同（新建的岗位保留），已续聘或已用于竞聘的不能撤销。",
    order=70,
)

ROUND_SCORES = Ledger(
    key="people.round-scores",
    title="竞聘成绩",
    required=round_scores_import.COLUMNS,
    run=runner(round_scores_import.round_scores_import, per_unit=False),
    targets=_round_targets,
    undo=round_scores_import.round_scores_undo,
    examples={"用户名": "kong1", "岗位": "经济运行岗", "笔试": "86", "面试": "90.5", "民主测评": "88"},
    help="一行一人一个报名岗位；空白的成绩保持不变。只能导入到正在报名与评分的竞聘。撤销批次清除这一批录入的成绩。",
    order=71,
)
