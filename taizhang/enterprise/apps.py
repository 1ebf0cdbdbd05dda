from django.apps import AppConfig

from taizhang.core.manifest import MenuEntry, Metric, ModuleSpec, Section, TaskKind

MODULE = ModuleSpec(
    key="enterprise",
    name="企业服务",
    description="企业名录与年度数据、招商项目到投产达效、链长制、一网通办全程帮办、惠企政策与免申即享、企业家奖励、财政增量分享与股权投资、移交街道的社会事务职能",
    urls="taizhang.enterprise.urls",
    public_urls="taizhang.enterprise.urls.public",
    api="taizhang.enterprise.api:router",
    menu=(
        # A street that only carries the zone's handed functions sees 移交职能 alone; the zone reaches them from its home.
        MenuEntry(
            "企业服务", "enterprise:home", order=80, visible="taizhang.enterprise.selectors_functions.runs_services"
        ),
        MenuEntry(
            "移交职能",
            "enterprise:function_list",
            order=81,
            visible="taizhang.enterprise.selectors_functions.receives_functions",
        ),
    ),
    audit_types={
        "enterprise.park": "园区",
        "enterprise.chain": "产业链",
        "enterprise.enterprise": "企业",
        "enterprise.figure": "企业年度数据",
        "enterprise.station": "招商渠道",
        "enterprise.project": "招商项目",
        # 链长制
        "enterprise.chain_link": "产业链环节",
        "enterprise.placement": "产业链企业落位",
        "enterprise.chain_target": "招商目标",
        # the 42 functions
        "enterprise.function": "移交职能",
        "enterprise.function_note": "移交职能督办",
        # fiscal
        "enterprise.revenue_source": "财政收入来源",
        "enterprise.revenue": "财政收入",
        "enterprise.sharing_rule": "增量分享规则",
        "enterprise.infra_spending": "区级承担基础设施支出",
        "enterprise.stake": "股权投资",
        "enterprise.valuation": "股权估值",
        "enterprise.stake_exit": "股权退出",
        # awards
        "enterprise.award-round": "企业家奖励评选",
        "enterprise.nomination": "企业家提名",
        "enterprise.award-score": "企业家奖励评分",
        "enterprise.award-objection": "企业家奖励公示异议",
        "enterprise.award-payment": "企业家奖励支付",
        # pipeline
        "enterprise.stage": "项目阶段",
        "enterprise.follow_up": "招商跟进",
        "enterprise.credit": "招商业绩分配",
        "enterprise.stage_norm": "阶段标准",
        # subsidies
        "enterprise.policy": "惠企政策",
        "enterprise.clause": "政策条款",
        "enterprise.budget": "惠企资金年度预算",
        "enterprise.city_subsidy": "市级补贴",
        "enterprise.grant": "惠企资金兑现",
        # approvals
        "enterprise.approval_kind": "审批事项类型",
        "enterprise.service_rule": "帮办服务规则",
        "enterprise.accompaniment": "全程帮办",
        "enterprise.approval_item": "审批事项",
    },
    # registry: the zone's enterprise counts
    metrics=(
        Metric(
            "enterprises_in_zone",
            "在园企业",
            "家",
            "taizhang.enterprise.metrics_registry.in_zone",
            link="enterprise:enterprise_list?status=active",
            order=80,
        ),
        Metric(
            "enterprises_above_scale",
            "规上企业",
            "家",
            "taizhang.enterprise.metrics_registry.above_scale",
            link="enterprise:enterprise_list?status=active&tag=tag_above_scale",
            order=81,
        ),
        Metric(
            "enterprises_four_new",
            "四新企业",
            "家",
            "taizhang.enterprise.metrics_registry.four_new",
            link="enterprise:enterprise_list?status=active&tag=four_new",
            order=82,
        ),
        Metric(
            "signed_investment",
            "签约投资额",
            "万元",
            "taizhang.enterprise.metrics_pipeline.signed_investment",
            per_person="taizhang.enterprise.metrics_pipeline.signed_investment_by",
            link="enterprise:project_funnel",
            order=83,
        ),
        Metric(
            "started_projects",
            "开工项目数",
            "个",
            "taizhang.enterprise.metrics_pipeline.started_projects",
            per_person="taizhang.enterprise.metrics_pipeline.started_projects_by",
            link="enterprise:project_list?stage=started",
            order=84,
        ),
        Metric(
            "approvals_on_time",
            "审批事项按时办结率",
            "%",
            "taizhang.enterprise.metrics_approvals.on_time_rate",
            per_person="taizhang.enterprise.metrics_approvals.on_time_rate_of",
            link="enterprise:approval_items?status=done",
            order=85,
        ),
    ),
    sections=(
        Section("enterprise", "chains", "产业链", "taizhang.enterprise.sections_chains.enterprise_section", order=20),
        Section(
            "enterprise",
            "stakes",
            "产业投资公司股权投资",
            "taizhang.enterprise.sections_fiscal.enterprise_stakes",
            order=60,
        ),
        Section(
            "enterprise", "awards", "优秀企业家奖励", "taizhang.enterprise.sections_awards.awards_section", order=60
        ),
        Section(
            "enterprise", "pipeline", "招商项目", "taizhang.enterprise.sections_pipeline.enterprise_projects", order=10
        ),
        Section(
            "enterprise", "subsidies", "惠企政策与兑现", "taizhang.enterprise.sections_subsidies.subsidies", order=50
        ),
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
            "enterprise.chain-target",
            "招商目标跟进",
            "taizhang.enterprise.tasks_chains.due_targets",
            "taizhang.enterprise.tasks_chains.due_count",
            order=40,
        ),
        TaskKind(
            key="enterprise.function_note",
            label="移交职能督办",
            collect="taizhang.enterprise.tasks_functions.overdue_notes_due",
            count="taizhang.enterprise.tasks_functions.overdue_notes_count",
            order=85,
        ),
        TaskKind(
            "enterprise.follow_up",
            "招商跟进到期",
            "taizhang.enterprise.tasks_pipeline.follow_up_tasks",
            "taizhang.enterprise.tasks_pipeline.follow_up_count",
            order=10,
        ),
        TaskKind(
            "enterprise.approval_overdue",
            "审批事项超期",
            "taizhang.enterprise.tasks_approvals.overdue_items",
            "taizhang.enterprise.tasks_approvals.overdue_count",
            order=41,
        ),
    ),
    ledgers=(
        "taizhang.enterprise.ledgers_registry:ENTERPRISES",
        "taizhang.enterprise.ledgers_registry:FIGURES",
        "taizhang.enterprise.ledgers_functions.HANDOVER",
        "taizhang.enterprise.ledgers_fiscal.REVENUE",
        "taizhang.enterprise.ledgers_awards:AWARD_SCORES",
        "taizhang.enterprise.ledgers_subsidies.CITY_SUBSIDIES",
    ),
    on_enable="taizhang.enterprise.setup.on_enable",
    demo="taizhang.enterprise.demo.build",
    scoping_factories="tests.enterprise.scoping",
    order=80,
)


class EnterpriseConfig(AppConfig):
    name = "taizhang.enterprise"
    label = "enterprise"
    verbose_name = "企业服务"
    manifest = MODULE
