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
        "enterprise.policy": "惠企政策",
        "enterprise.clause": "政策条款",
        "enterprise.budget": "惠企资金年度预算",
        "enterprise.city_subsidy": "市级补贴",
        "enterprise.grant": "惠企资金兑现",
    },
    sections=(
        Section(
            "enterprise", "subsidies", "惠企政策与兑现", "taizhang.enterprise.sections_subsidies.subsidies", order=50
        ),
    ),
    ledgers=("taizhang.enterprise.ledgers_subsidies.CITY_SUBSIDIES",),
    scoping_factories="tests.enterprise.scoping",
    order=80,
)


class EnterpriseConfig(AppConfig):
    name = "taizhang.enterprise"
    label = "enterprise"
    verbose_name = "企业服务"
    manifest = MODULE
