"""棚改旧改's ledgers as the street office kept them in Excel — the red-line household list, the measurement ledger
and the population determination ledger — imported per project through the kernel's import pages
(upload → preview → fix → confirm → a numbered batch a unit admin can undo)."""

from __future__ import annotations

from taizhang.documents.importing import Ledger, Target
from taizhang.imports.ledgers import runner
from taizhang.renewal import determination_import, import_undo, measurement_import, red_line
from taizhang.renewal.models import Project
from taizhang.renewal.policies import can_manage_project
from taizhang.renewal.selectors import project_list


def project_target(project: Project) -> Target:
    return Target(unit=project.unit, label=project.name, key=str(project.pk), kwargs={"project": project})


def _targets(user) -> list[Target]:
    """The projects the user may import into: a unit admin's own unit's (a superuser: every project they see)."""
    return [project_target(p) for p in project_list(user).order_by("name", "pk") if can_manage_project(user, p)]


PROJECT_HOUSEHOLDS = Ledger(
    key="renewal.households",
    title="征收范围户名单",
    required=red_line.HOUSEHOLD_LIST_COLUMNS,
    run=runner(red_line.households_import, per_unit=False),
    targets=_targets,
    undo=import_undo.households_undo,
    examples={"户编号": "JY0001"},
    help="一行一户，户须已在户籍台账中、位于项目涉及的村居；已在项目中的户保持不变。"
    "撤销批次把这一批新加入的户移出征收范围；已有院落、界定、协议等后续工作的户不能撤销。",
    order=60,
)

MEASUREMENTS = Ledger(
    key="renewal.measurements",
    title="测量台账",
    required=measurement_import.IMPORT_COLUMNS,
    optional=measurement_import.OPTIONAL_COLUMNS,
    run=runner(measurement_import.measurements_import, per_unit=False),
    targets=_targets,
    undo=import_undo.measurements_undo,
    examples={
        "对象类型": "院落",
        "编号": "A001",
        "村居": "城里居",
        "户编号": "JY0001",
        "建筑结构": "砖混",
        "建筑面积": "86.5",
        "占地面积": "120",
        "测量日期": "2020-09-03",
        "测量人": "李测、王量",
        "房屋": "主房",
        "层数": "1",
        "用途": "住宅",
        "证照情况": "有证",
        "建成日期": "1998-05-01",
        "土地性质": "集体",
    },
    help="每行一处房屋，对象类型+编号+测量日期相同的各行为同一次测量；对象类型填院落或厂房，厂房在“户编号”列填企业名称，"
    "共用院落的多户用“、”分隔；测量人按原台账书写，多人用“、”分隔。所列的户自动加入征收范围。重复导入同一文件不会重复登记。"
    "撤销批次作废这一批的测量和新建的院落/厂房（随之加入征收范围的户保留）；产权户已签约的不能撤销。",
    order=61,
)

DETERMINATIONS = Ledger(
    key="renewal.determinations",
    title="人口界定台账",
    required=determination_import.IMPORT_COLUMNS,
    run=runner(determination_import.determinations_import, per_unit=False),
    targets=_targets,
    undo=import_undo.determinations_undo,
    examples={
        "户编号": "JY0001",
        "姓名": "张三",
        "身份证号": "370125196501011234",
        "界定结果": "认定",
        "理由": "冻结前在册且实际居住",
        "界定日期": "2020-09-10",
    },
    help="界定结果按原台账照录，只能是认定、不认定或待定；每人须是该户的在册成员，身份证号与姓名都要对上；"
    "系统中已界定的人不被覆盖；文件中的户自动加入征收范围。撤销批次撤回这一批的界定（此前的界定恢复有效）；"
    "已公示、已签约或之后重新界定过的不能撤销。",
    order=62,
)
