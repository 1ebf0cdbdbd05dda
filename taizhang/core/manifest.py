"""What a module adds to the platform, declared in one place.

A module's AppConfig carries a `manifest = ModuleSpec(...)`; the kernel finds the specs through the app registry and
never imports a module by name. Everything that would load the module's models (views, routers, section renderers,
metric and task functions) is named by a dotted path and imported only when used, so an AppConfig can declare it
before the apps are ready.

    class AssistanceConfig(AppConfig):
        name = "taizhang.assistance"
        manifest = ModuleSpec(key="assistance", name="帮扶", urls="taizhang.assistance.urls", ...)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.utils.module_loading import import_string


def _load(path: str) -> Callable:
    return import_string(path.replace(":", "."))


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    order: int = 100
    # Dotted path to `visible(user) -> bool`, for entries only some roles use; empty = every user of the module.
    visible: str = ""

    def shown_to(self, user) -> bool:
        return not self.visible or _load(self.visible)(user)


@dataclass(frozen=True)
class Section:
    """A module's part of a kernel record page: `render(record, user) -> str` (HTML, already escaped; "" hides it).

    `record` names the kind of page: "household" (一户一档) today, "staff" and "enterprise" when those pages exist."""

    record: str
    key: str
    title: str
    render: str
    order: int = 100
    in_pdf: bool = True


@dataclass(frozen=True)
class Metric:
    """A named figure the module publishes (see taizhang.hub.metrics for the compute contract)."""

    key: str
    label: str
    measure: str  # what the number counts: "%", "户", "个", "件"
    compute: str  # dotted path, see hub.metrics.MetricCompute
    higher_is_better: bool = True
    monthly: bool = False  # a figure of one month (走访达标率) rather than a running total as of a day
    per_person: str = ""  # dotted path `(user, period) -> value | None`, where the figure makes sense for one person
    link: str = ""  # URL name of the list behind the figure
    order: int = 100


@dataclass(frozen=True)
class TaskKind:
    """A kind of to-do the module puts into the inbox (see taizhang.hub.tasks for the collect contract).

    Tasks are computed live from the module's records: the inbox keeps no copy of them, so a task is done the moment
    its record says so."""

    key: str  # "<module>.<kind>", unique
    label: str  # what users read: "交办问题", "比对任务"
    collect: str  # dotted path `(audience, *, limit=None) -> list[Task]`, most urgent first
    count: str = ""  # dotted path `(audience) -> TaskCount` in one aggregate query; empty = counted from `collect`
    order: int = 100


@dataclass(frozen=True)
class ModuleSpec:
    key: str  # the URL prefix and API prefix, the audit object-type prefix, what a unit enables
    name: str  # what users read: "帮扶", "棚改旧改"
    urls: str = ""  # URL module, mounted at /<key>/ with its app_name as the namespace
    api: str = ""  # "package.module:router", mounted at /api/<key>/
    menu: tuple[MenuEntry, ...] = ()
    sections: tuple[Section, ...] = ()
    audit_types: dict[str, str] = field(default_factory=dict)  # object_type → label
    audit_actions: dict[str, str] = field(default_factory=dict)  # action → label, beyond the kernel's own
    demo: str = ""  # dotted path `(nodes, seed, write) -> None`, run after the kernel's demo in module order
    metrics: tuple[Metric, ...] = ()
    task_kinds: tuple[TaskKind, ...] = ()
    scoping_factories: str = ""  # test module whose FACTORIES fill the module's URL keywords in the scoping walk
    order: int = 100
    description: str = ""

    def load(self, path: str):
        return _load(path)


@cache
def _discover() -> tuple[ModuleSpec, ...]:
    from django.apps import apps

    specs = [config.manifest for config in apps.get_app_configs() if isinstance(getattr(config, "manifest", None), ModuleSpec)]
    keys = [spec.key for spec in specs]
    duplicated = {key for key in keys if keys.count(key) > 1}
    if duplicated:
        raise RuntimeError(f"two modules declare the same key: {sorted(duplicated)}")
    return tuple(sorted(specs, key=lambda s: (s.order, s.key)))


def modules() -> tuple[ModuleSpec, ...]:
    """Every installed module, in menu order."""
    return _discover()


def module(key: str) -> ModuleSpec | None:
    return next((spec for spec in _discover() if spec.key == key), None)


def forget_modules() -> None:
    """Discover again (tests that install an extra app)."""
    _discover.cache_clear()
