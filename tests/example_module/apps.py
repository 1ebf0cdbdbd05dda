from django.apps import AppConfig

from taizhang.core.manifest import MenuEntry, Metric, ModuleSpec, Section, TaskKind

MODULE = ModuleSpec(
    key="example",
    name="民情记录",
    description="示例模块：入户听到的民情，记在户上，限期办结",
    urls="tests.example_module.urls",
    api="tests.example_module.api:router",
    menu=(MenuEntry("民情记录", "example:note_list", order=90),),
    sections=(
        Section("household", "example", "民情记录", "tests.example_module.sections.household_section", order=90),
    ),
    audit_types={"example.note": "民情记录"},
    demo="tests.example_module.demo.build",
    metrics=(
        Metric(
            "open_notes",
            "未办结民情",
            "件",
            "tests.example_module.metrics.open_notes",
            higher_is_better=False,
            link="example:note_list",
            order=90,
        ),
    ),
    task_kinds=(TaskKind("example.overdue_note", "逾期民情", "tests.example_module.tasks.overdue_notes"),),
    scoping_factories="tests.example_module.scoping",
    order=90,
)


class ExampleConfig(AppConfig):
    name = "tests.example_module"
    label = "example"
    verbose_name = "民情记录"
    manifest = MODULE
