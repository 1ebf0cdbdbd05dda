from django.apps import AppConfig

from taizhang.core.manifest import MenuEntry, Metric, ModuleSpec, Section, TaskKind

MODULE = ModuleSpec(
    key="enterprise",
    name="企业服务",
    description="企业名录与年度数据、招商项目到投产达效、链长制、一网通办全程帮办、惠企政策与免申即享、企业家奖励、财政增量分享与股权投资、移交街道的社会事务职能",
    urls="taizhang.enterprise.urls",
    api="taizhang.enterprise.api:router",
    menu=(MenuEntry("企业服务", "enterprise:home", order=80),),
    audit_types={
        "enterprise.park": "园区",
        "enterprise.chain": "产业链",
        "enterprise.enterprise": "企业",
        "enterprise.figure": "企业年度数据",
        "enterprise.station": "招商渠道",
        "enterprise.project": "招商项目",
        "enterprise.stage": "项目阶段",
        "enterprise.follow_up": "招商跟进",
        "enterprise.credit": "招商业绩分配",
        "enterprise.stage_norm": "阶段标准",
    },
    sections=(
        Section(
            "enterprise", "pipeline", "招商项目", "taizhang.enterprise.sections_pipeline.enterprise_projects", order=20
        ),
    ),
    task_kinds=(
        TaskKind(
            "enterprise.follow_up",
            "招商跟进到期",
            "taizhang.enterprise.tasks_pipeline.follow_up_tasks",
            "taizhang.enterprise.tasks_pipeline.follow_up_count",
            order=10,
        ),
    ),
    metrics=(
        Metric(
            "signed_investment",
            "签约投资额",
            "万元",
            "taizhang.enterprise.metrics_pipeline.signed_investment",
            per_person="taizhang.enterprise.metrics_pipeline.signed_investment_by",
            link="enterprise:project_funnel",
            order=10,
        ),
        Metric(
            "started_projects",
            "开工项目数",
            "个",
            "taizhang.enterprise.metrics_pipeline.started_projects",
            per_person="taizhang.enterprise.metrics_pipeline.started_projects_by",
            link="enterprise:project_list?stage=started",
            order=20,
        ),
    ),
    scoping_factories="tests.enterprise.scoping",
    order=80,
)


class EnterpriseConfig(AppConfig):
    name = "taizhang.enterprise"
    label = "enterprise"
    verbose_name = "企业服务"
    manifest = MODULE
