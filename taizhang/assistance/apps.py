from django.apps import AppConfig

from taizhang.assistance.integrity import kinds as signal_kinds
from taizhang.core.manifest import MenuEntry, Metric, ModuleSpec, Section, TaskKind

MODULE = ModuleSpec(
    key="assistance",
    name="帮扶",
    description="帮扶户与帮扶责任人、入户走访、问题上报与交办、调度培训、一户一档档案、人居环境",
    urls="taizhang.assistance.urls",
    api="taizhang.assistance.api:router",
    menu=(MenuEntry("帮扶", "assistance:index", order=50),),
    ledgers=(
        "taizhang.assistance.ledgers:ASSISTED",
        "taizhang.assistance.ledgers:VISITS",
        "taizhang.assistance.ledgers:ROSTER",
    ),
    sections=(Section("household", "assistance", "帮扶", "taizhang.assistance.sections.household_section", order=10),),
    audit_types={
        "assistance.household": "帮扶户",
        "assistance.visit": "走访",
        "assistance.visit-import": "走访导入",
        "assistance.import": "帮扶户导入",
        "assistance.rule": "走访规则",
        "assistance.problem": "问题",
        "assistance.department": "交办部门",
        "assistance.deadline": "办理时限",
        "assistance.training": "调度培训",
        "assistance.training-schedule": "培训安排",
        "assistance.archive": "档案",
        "assistance.archive-item": "档案清单",
        "assistance.archive-document": "档案资料",
        "assistance.archive-check": "档案核查",
        "assistance.archive-finding": "缺项错项",
        "assistance.archive-tasks": "档案任务",
        "assistance.roster": "部门名册",
        "assistance.cleaning": "清扫",
        "assistance.furniture": "家具需求",
        "assistance.purchase": "家具采购",
    },
    task_kinds=(
        TaskKind(
            "assistance.problem-assigned",
            "交办问题",
            "taizhang.assistance.tasks.assigned_problems",
            "taizhang.assistance.tasks.assigned_count",
            order=10,
        ),
        TaskKind(
            "assistance.problem-reported",
            "待交办问题",
            "taizhang.assistance.tasks.reported_problems",
            "taizhang.assistance.tasks.reported_count",
            order=20,
        ),
        TaskKind("assistance.visits", "本月走访", "taizhang.assistance.tasks.due_visits", order=30),
        TaskKind(
            "assistance.archive",
            "档案整改",
            "taizhang.assistance.tasks.archive_findings",
            "taizhang.assistance.tasks.archive_count",
            order=40,
        ),
    ),
    demo="taizhang.assistance.demo.build",
    on_enable="taizhang.assistance.problems.ensure_departments",
    metrics=(
        Metric(
            "visit_compliance",
            "走访达标率",
            "%",
            "taizhang.assistance.metrics.visit_compliance",
            monthly=True,
            per_person="taizhang.assistance.metrics.helper_compliance",
            link="assistance:compliance?month={month}&community={community}",
            order=10,
        ),
        Metric(
            "overdue_problems",
            "逾期问题数",
            "件",
            "taizhang.assistance.metrics.overdue_problems",
            higher_is_better=False,
            link="assistance:problem_list?overdue=on&community={community}",
            order=20,
        ),
        Metric(
            "assisted_households",
            "帮扶户数",
            "户",
            "taizhang.assistance.metrics.assisted_households",
            link="assistance:household_list?community={community}",
            order=30,
        ),
    ),
    worker_home="taizhang.assistance.metrics.worker_home",
    signal_kinds=signal_kinds.KINDS,
    signal_detect="taizhang.assistance.integrity.detect.detect",
    signal_columns=signal_kinds.COLUMNS,
    scoping_factories="tests.assistance.scoping",
    order=50,
)


class AssistanceConfig(AppConfig):
    name = "taizhang.assistance"
    label = "assistance"
    verbose_name = "帮扶"
    manifest = MODULE
