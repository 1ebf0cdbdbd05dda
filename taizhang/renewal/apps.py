from django.apps import AppConfig

from taizhang.core.manifest import MenuEntry, Metric, ModuleSpec, PersonalGrant, Section, TaskKind
from taizhang.renewal.integrity import kinds as signal_kinds

MODULE = ModuleSpec(
    key="renewal",
    name="棚改旧改",
    description="冻结公告、测量、人口界定与公示、公安数据比对、补偿政策、签约腾空、控违拆违、进度简报",
    urls="taizhang.renewal.urls",
    api="taizhang.renewal.api:router",
    menu=(MenuEntry("棚改旧改", "renewal:project_list", order=60),),
    sections=(Section("household", "renewal", "棚改旧改", "taizhang.renewal.sections.household_section", order=20),),
    audit_types={
        "renewal.project": "征收项目",
        "renewal.group": "工作组",
        "renewal.household": "征收户",
        "renewal.import": "征收导入",
        "renewal.freeze_notice": "冻结公告",
        "renewal.site": "院落/厂房",
        "renewal.measurement": "测量",
        "renewal.determination": "人口界定",
        "renewal.determination_import": "界定导入",
        "renewal.publicity": "公示",
        "renewal.objection": "异议",
        "renewal.crosscheck": "数据比对",
        "renewal.crosscheck_task": "比对任务",
        "renewal.policy": "补偿政策",
        "renewal.agreement": "协议",
        "renewal.violation": "违建",
    },
    personal_grants=(
        PersonalGrant(
            "id_number",
            "taizhang.renewal.policies.in_a_population_group",
            "人口界定工作组的组长和组员：与派出所逐人核对户籍（数据比对任务、人口界定）须用完整的身份证号；"
            "银行账号仍脱敏",
        ),
    ),
    task_kinds=(
        TaskKind(
            "renewal.crosscheck",
            "比对任务",
            "taizhang.renewal.tasks.crosscheck_tasks",
            "taizhang.renewal.tasks.crosscheck_count",
            order=10,
        ),
        TaskKind(
            "renewal.objection",
            "公示异议",
            "taizhang.renewal.tasks.open_objections",
            "taizhang.renewal.tasks.objection_count",
            order=20,
        ),
    ),
    ledgers=(
        "taizhang.renewal.ledgers:PROJECT_HOUSEHOLDS",
        "taizhang.renewal.ledgers:MEASUREMENTS",
        "taizhang.renewal.ledgers:DETERMINATIONS",
    ),
    demo="taizhang.renewal.demo.build",
    metrics=(
        Metric(
            "measured",
            "累计测量户数",
            "户",
            "taizhang.renewal.metrics.measured",
            per_person="taizhang.renewal.metrics.measured_by",
            link="renewal:project_list",
            order=10,
        ),
        Metric(
            "determined",
            "人口界定户数",
            "户",
            "taizhang.renewal.metrics.determined",
            link="renewal:project_list",
            order=20,
        ),
        Metric("signed", "签约户数", "户", "taizhang.renewal.metrics.signed", link="renewal:project_list", order=30),
        Metric("vacated", "腾空户数", "户", "taizhang.renewal.metrics.vacated", link="renewal:project_list", order=40),
    ),
    worker_home="taizhang.renewal.metrics.worker_home",
    signal_kinds=signal_kinds.KINDS,
    signal_detect="taizhang.renewal.integrity.detect.detect",
    signal_columns=signal_kinds.COLUMNS,
    scoping_factories="tests.renewal.scoping",
    order=60,
)


class RenewalConfig(AppConfig):
    name = "taizhang.renewal"
    label = "renewal"
    verbose_name = "棚改旧改"
    manifest = MODULE
