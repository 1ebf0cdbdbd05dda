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
from decimal import ROUND_HALF_UP, Decimal
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
    # Dotted path `(viewer, record) -> bool`: viewers the module vouches for beyond the kernel's own rule for opening
    # the record page (the assessment committee opens a staff file); empty = the kernel's rule alone.
    readers: str = ""


@dataclass(frozen=True)
class Value:
    """A count, or a ratio as numerator and denominator (`of`)."""

    count: int = 0
    of: int | None = None

    def __add__(self, other: Value) -> Value:
        if self.of is None and other.of is None:
            return Value(self.count + other.count)
        return Value(self.count + other.count, (self.of or 0) + (other.of or 0))

    @property
    def number(self) -> Decimal | None:
        """What is shown and compared with the target: the count, or the ratio in percent to one decimal (half up);
        None for a ratio of nothing."""
        if self.of is None:
            return Decimal(self.count)
        if not self.of:
            return None
        return (Decimal(self.count) * 100 / Decimal(self.of)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def text(self, measure: str) -> str:
        number = self.number
        if number is None:
            return "—"
        if measure == "%":
            return f"{number}%"
        return f"{number:,} {measure}" if measure else f"{number:,}"


@dataclass(frozen=True)
class Metric:
    """A named figure the module publishes, per unit and per 村居 (taizhang.hub.metrics holds the contract).

    `compute(*, unit_ids, as_of, month) -> {(unit_id, community_id | None): Value}` covers all the units in a fixed
    number of grouped queries; a ratio returns numerator and denominator and the engine divides after adding up.
    `per_person(user, *, as_of, month) -> Value | None` is the same figure for one person (the KPI scoring reads it).
    `link` is the list behind the figure: a URL name, optionally with a query whose `{unit}`, `{community}` and
    `{month}` are filled in (parameters left empty are dropped), e.g. "assistance:problem_list?overdue=on&community={community}".
    """

    key: str
    label: str
    measure: str  # "%" makes it a ratio (numerator ÷ denominator); otherwise what a count counts: "户", "件"
    compute: str  # dotted path
    higher_is_better: bool = True
    monthly: bool = False  # a figure of one month (走访达标率) rather than a running total as of a day
    per_person: str = ""  # dotted path, where the figure makes sense for one person
    link: str = ""
    order: int = 100

    @property
    def is_ratio(self) -> bool:
        return self.measure == "%"


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
class PersonalGrant:
    """A module's exception to the kernel's personal-data policy (taizhang.org.personal): the users for whom
    `who(user) -> bool` holds see `field` ("id_number", "bank_account", …) whole, within their scope as always.
    `reason` is what docs/security.md and the policy page say about it."""

    field: str
    who: str  # dotted path
    reason: str


@dataclass(frozen=True)
class SignalParam:
    """A threshold of a signal's rule, set by each unit from a date on (taizhang.integrity keeps the versions).

    `kind` is how the value is written and read: "number" (a decimal), "time" ("21:00") or "dates" ("2026-02-16,
    2026-02-17" — the unit's own days off)."""

    key: str
    label: str
    default: str
    unit: str = ""  # what a number counts: "分钟", "米", "%"
    kind: str = "number"
    help: str = ""


@dataclass(frozen=True)
class SignalKind:
    """A kind of integrity signal (疑点): a hint, for the unit admin and the auditor to look into, that a record may
    not be what it says. Never a verdict, and never a change to a record or a count."""

    key: str  # "<module>.<kind>", unique
    label: str  # what users read: "笔记近似雷同"
    meaning: str  # what the signal says and why it is worth a look, in a sentence or two
    severity: str = "medium"  # "high" | "medium" | "low"
    params: tuple[SignalParam, ...] = ()
    order: int = 100


@dataclass(frozen=True)
class ModuleSpec:
    key: str  # the URL prefix and API prefix, the audit object-type prefix, what a unit enables
    name: str  # what users read: "帮扶", "棚改旧改"
    urls: str = ""  # URL module, mounted at /<key>/ with its app_name as the namespace
    # URL module of pages for people without an account (an enterprise rating through a link), mounted at
    # /public/<key>/ with its app_name as the namespace: no login, not gated by the unit's enabling of the module,
    # each view scoped by the token in its URL only.
    public_urls: str = ""
    api: str = ""  # "package.module:router", mounted at /api/<key>/
    menu: tuple[MenuEntry, ...] = ()
    sections: tuple[Section, ...] = ()
    audit_types: dict[str, str] = field(default_factory=dict)  # object_type → label
    audit_actions: dict[str, str] = field(default_factory=dict)  # action → label, beyond the kernel's own
    demo: str = ""  # dotted path `(nodes, seed, write) -> None`, run after the kernel's demo in module order
    # Dotted path `(unit_id) -> None`: what a unit needs before its first use (default lists), run in the transaction
    # that enables the module for it. Idempotent: a unit may enable, disable and enable again. Pages never create it.
    on_enable: str = ""
    metrics: tuple[Metric, ...] = ()
    task_kinds: tuple[TaskKind, ...] = ()
    # Dotted path `(user, today) -> hub.cockpit.WorkCard | None`: what a field worker of the module must do now,
    # shown on their home page (a helper's households still due this month, a measurer's unmeasured households).
    worker_home: str = ""
    # Dotted paths to the module's `taizhang.documents.importing.Ledger`s: the Excel ledgers its units import.
    ledgers: tuple[str, ...] = ()
    scoping_factories: str = ""  # test module whose FACTORIES fill the module's URL keywords in the scoping walk
    personal_grants: tuple[PersonalGrant, ...] = ()
    # Integrity signals: the kinds, and one dotted path `(scope: core.findings.SignalScope) -> list[Finding]` that
    # computes all of them for a unit and period in one pass over the module's records (taizhang.integrity runs it).
    # `signal_columns` name the key columns a finding's records print in CSV before 疑点类型 and 说明.
    signal_kinds: tuple[SignalKind, ...] = ()
    signal_detect: str = ""
    signal_columns: tuple[str, ...] = ()
    order: int = 100
    description: str = ""

    def load(self, path: str):
        return _load(path)


@cache
def _discover() -> tuple[ModuleSpec, ...]:
    from django.apps import apps

    specs = [
        config.manifest
        for config in apps.get_app_configs()
        if isinstance(getattr(config, "manifest", None), ModuleSpec)
    ]
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
