from django.apps import AppConfig

from taizhang.core.manifest import MenuEntry, ModuleSpec, Section

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
        # fiscal
        "enterprise.revenue_source": "财政收入来源",
        "enterprise.revenue": "财政收入",
        "enterprise.sharing_rule": "增量分享规则",
        "enterprise.infra_spending": "区级承担基础设施支出",
        "enterprise.stake": "股权投资",
        "enterprise.valuation": "股权估值",
        "enterprise.stake_exit": "股权退出",
    },
    sections=(
        Section(
            "enterprise",
            "stakes",
            "产业投资公司股权投资",
            "taizhang.enterprise.sections_fiscal.enterprise_stakes",
            order=60,
        ),
    ),
    ledgers=("taizhang.enterprise.ledgers_fiscal.REVENUE",),
    on_enable="taizhang.enterprise.fiscal.sources_ensure",
    scoping_factories="tests.enterprise.scoping",
    order=80,
)


class EnterpriseConfig(AppConfig):
    name = "taizhang.enterprise"
    label = "enterprise"
    verbose_name = "企业服务"
    manifest = MODULE
