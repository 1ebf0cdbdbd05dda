from django.apps import AppConfig

from taizhang.core.manifest import MenuEntry, Metric, ModuleSpec, Section, TaskKind

MODULE = ModuleSpec(
    key="enterprise",
    name="企业服务",
    description="企业名录与年度数据、招商项目到投产达效、链长制、一网通办全程帮办、惠企政策与免申即享、企业家奖励、财政增量分享与股权投资、移交街道的社会事务职能",
    urls="taizhang.enterprise.urls",
    public_urls="taizhang.enterprise.urls.public",
    api="taizhang.enterprise.api:router",
    menu=(MenuEntry("企业服务", "enterprise:home", order=80),),
    audit_types={
        "enterprise.park": "园区",
        "enterprise.chain": "产业链",
        "enterprise.enterprise": "企业",
        "enterprise.figure": "企业年度数据",
        "enterprise.station": "招商渠道",
        "enterprise.project": "招商项目",
        "enterprise.approval_kind": "审批事项类型",
        "enterprise.service_rule": "帮办服务规则",
        "enterprise.accompaniment": "全程帮办",
        "enterprise.approval_item": "审批事项",
    },
    sections=(
        Section(
            "enterprise",
            "approvals",
            "审批事项（全程帮办）",
            "taizhang.enterprise.sections_approvals.enterprise_section",
            order=40,
        ),
    ),
    task_kinds=(
        TaskKind(
            "enterprise.approval_overdue",
            "审批事项超期",
            "taizhang.enterprise.tasks_approvals.overdue_items",
            "taizhang.enterprise.tasks_approvals.overdue_count",
            order=40,
        ),
    ),
    metrics=(
        Metric(
            "approvals_on_time",
            "审批事项按时办结率",
            "%",
            "taizhang.enterprise.metrics_approvals.on_time_rate",
            per_person="taizhang.enterprise.metrics_approvals.on_time_rate_of",
            link="enterprise:approval_items?status=done",
            order=40,
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
