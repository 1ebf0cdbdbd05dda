"""The KPI and review ledgers of a cycle, imported through the kernel's import pages (upload → preview → fix →
confirm → a numbered batch that can be undone while the cycle is open)."""

from __future__ import annotations

from taizhang.documents.importing import Ledger, Target
from taizhang.imports.ledgers import runner
from taizhang.people import kpi_import, policies
from taizhang.people.models import Cycle


def cycle_target(cycle: Cycle) -> Target:
    return Target(unit=cycle.unit, label=f"{cycle.unit.name} {cycle.code}", key=str(cycle.pk), kwargs={"cycle": cycle})


def _targets(user) -> list[Target]:
    """The open cycles of the units the user manages the assessment of."""
    cycles = (
        Cycle.objects.visible_to(user).filter(status=Cycle.Status.OPEN).select_related("unit").order_by("-starts_on")
    )
    return [cycle_target(c) for c in cycles if policies.can_manage(user, c.unit_id)]


KPI = Ledger(
    key="people.kpi",
    title="KPI考核指标",
    required=kpi_import.KPI_COLUMNS,
    optional=kpi_import.KPI_OPTIONAL,
    run=runner(kpi_import.kpi_import, per_unit=False),
    targets=_targets,
    undo=kpi_import.kpi_undo,
    examples={
        "用户名": "kong1",
        "指标": "公文办理及时率",
        "权重": "40",
        "计分方式": "线性",
        "目标值": "100",
        "实际值": "96",
        "下限": "",
        "上限": "",
        "扣分标准": "",
        "佐证": "办公系统统计",
    },
    help="一行一项指标；同一人的各行权重合计须为 100，导入后替换此人本周期原有的指标。计分方式填线性、反向、达标、扣分"
    "（或本单位自定的名称）；下限、上限、扣分标准留空按计分方式的默认值；实际值可暂不填。撤销批次删除这一批导入的指标（周期评定前）。",
    order=70,
)

REVIEWS = Ledger(
    key="people.reviews",
    title="360°评议",
    required=kpi_import.REVIEW_COLUMNS,
    optional=kpi_import.REVIEW_OPTIONAL,
    run=runner(kpi_import.reviews_import, per_unit=False),
    targets=_targets,
    undo=kpi_import.reviews_undo,
    examples={"被考核人": "kong1", "评价人类型": "上级", "评价人": "weiyuan", "得分": "88", "意见": ""},
    help="一行一条评价；被考核人填用户名（姓名在本单位唯一时也可），评价人类型填上级、同事、服务对象或本人，得分 0–100。"
    "撤销批次删除这一批导入的评议（周期评定前）。",
    order=71,
)
