from django.apps import AppConfig

from taizhang.core.manifest import MenuEntry, ModuleSpec, Section, TaskKind

MODULE = ModuleSpec(
    key="people",
    name="聘任考核",
    description="全员聘任（岗位、合同、竞聘上岗）、全员KPI绩效考核与评议、优绩优酬、刚性淘汰、开发区综合考核",
    urls="taizhang.people.urls",
    api="taizhang.people.api:router",
    menu=(MenuEntry("聘任考核", "people:home", order=70),),
    sections=(
        Section(
            "staff",
            "people",
            "聘任考核",
            "taizhang.people.sections.staff_section",
            order=70,
            readers="taizhang.people.policies.reads_staff_file",
        ),
    ),
    audit_types={
        "people.post": "岗位",
        "people.contract": "聘任合同",
        "people.committee": "考核委员会",
        "people.cycle": "考核周期",
        "people.result": "考核结果",
        "people.zone_indicator": "开发区考核指标",
        "people.zone_figure": "开发区考核数据",
        "people.method": "计分方式",
        "people.plan": "考核指标",
        "people.review": "评议",
        "people.invitation": "服务对象评价邀请",
        "people.appeal": "考核申诉",
        "people.target": "考核目标",
        "people.paysheet": "绩效薪酬发放表",
        "people.elimination": "淘汰建议与决定",
        "people.eliminationrules": "淘汰规则",
        "people.round": "竞聘上岗",
        "people.application": "竞聘报名",
        "people.round-objection": "竞聘公示异议",
    },
    on_enable="taizhang.people.setup.on_enable",
    demo="taizhang.people.demo.build",
    public_urls="taizhang.people.urls.public",
    task_kinds=(
        TaskKind(
            "people.contract_ending",
            "合同即将到期",
            "taizhang.people.tasks_posts.ending_contracts",
            count="taizhang.people.tasks_posts.ending_count",
            order=70,
        ),
        TaskKind(
            "people.appeal", "考核申诉", "taizhang.people.tasks.open_appeals", "taizhang.people.tasks.appeal_count"
        ),
        TaskKind(
            "people.elimination_decision",
            "淘汰决定",
            "taizhang.people.tasks_elimination.decision_tasks",
            "taizhang.people.tasks_elimination.decision_count",
            order=71,
        ),
        TaskKind(
            "people.elimination_appeal",
            "淘汰申诉",
            "taizhang.people.tasks_elimination.appeal_tasks",
            "taizhang.people.tasks_elimination.appeal_count",
            order=72,
        ),
    ),
    ledgers=(
        "taizhang.people.ledgers_posts:APPOINTMENTS",
        "taizhang.people.ledgers_posts:ROUND_SCORES",
        "taizhang.people.ledgers_kpi:KPI",
        "taizhang.people.ledgers_kpi:REVIEWS",
        "taizhang.people.ledgers_zone:ZONE_FIGURES",
    ),
    scoping_factories="tests.people.scoping",
    order=70,
)


class PeopleConfig(AppConfig):
    name = "taizhang.people"
    label = "people"
    verbose_name = "聘任考核"
    manifest = MODULE
