from django.apps import AppConfig

from taizhang.core.manifest import MenuEntry, ModuleSpec

MODULE = ModuleSpec(
    key="events",
    name="活动",
    description="单位举办的活动（农民丰收节、培训、展会）：节目与场次、工作人员与筹备清单、预算，公开报名页（摊主、群众、候补），现场扫码签到，活动后的成绩、照片、报告与简报",
    urls="taizhang.events.urls",
    public_urls="taizhang.events.urls.public",
    api="taizhang.events.api:router",
    menu=(MenuEntry("活动", "events:home", order=85),),
    audit_types={
        "events.event": "活动",
        "events.session": "活动场次",
        "events.assignment": "活动工作人员",
        "events.signup": "活动报名",
        "events.stall": "展销摊位",
        "events.vendor": "展销摊主",
    },
    ledgers=("taizhang.events.ledgers.SIGNUPS",),
    scoping_factories="tests.events.scoping",
    demo="taizhang.events.demo.build",
    order=85,
)


class EventsConfig(AppConfig):
    name = "taizhang.events"
    label = "events"
    verbose_name = "活动"
    manifest = MODULE
