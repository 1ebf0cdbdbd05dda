from django.apps import AppConfig

from taizhang.core.manifest import MenuEntry, Metric, ModuleSpec

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
    },
    # registry: the zone's enterprise counts, its two ledgers and the module's demo
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
    ),
    ledgers=(
        "taizhang.enterprise.ledgers_registry:ENTERPRISES",
        "taizhang.enterprise.ledgers_registry:FIGURES",
    ),
    demo="taizhang.enterprise.demo.build",
    scoping_factories="tests.enterprise.scoping",
    order=80,
)


class EnterpriseConfig(AppConfig):
    name = "taizhang.enterprise"
    label = "enterprise"
    verbose_name = "企业服务"
    manifest = MODULE
