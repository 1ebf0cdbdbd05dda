from django.apps import AppConfig

from taizhang.core.manifest import MenuEntry, Metric, ModuleSpec, TaskKind

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
        "events.prep_task": "活动筹备任务",
        "events.budget_line": "活动预算科目",
        "events.spending": "活动支出",
        "events.report": "活动总结",
        "events.result": "比赛成绩",
        "events.photo": "活动照片",
    },
    task_kinds=(
        TaskKind(
            key="events.prep_task",
            label="活动筹备任务",
            collect="taizhang.events.tasks_plan.due_tasks",
            count="taizhang.events.tasks_plan.due_count",
            order=85,
        ),
    ),
    metrics=(
        Metric(
            "events_held",
            "举办活动",
            "个",
            "taizhang.events.metrics.events_held",
            link="events:home?when=past",
            order=85,
        ),
        Metric(
            "event_attendance",
            "活动参与人次",
            "人次",
            "taizhang.events.metrics.attendance",
            link="events:home?when=past",
            order=86,
        ),
    ),
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
