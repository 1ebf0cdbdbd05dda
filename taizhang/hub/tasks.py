"""The one to-do inbox (我的待办): what the modules' task kinds say a user, or the user's group, must do.

There is no task table. Each module declares `TaskKind`s in its manifest; their collectors compute the open tasks
live from the module's own records, so a task leaves the inbox the moment its record says it is done, and the inbox
never holds a second copy of a state.

The collect contract (a module's `tasks.py`):

    collect(audience: Audience, *, limit: int | None = None) -> list[Task]
        The open tasks for the audience — those of the user (`Task.user_id`) and those of the user's group
        (`Task.node_id`, an org node such as a work group, whose staff must act) — most urgent first (due date,
        undated last), at most `limit`. A fixed number of queries, whatever the number of tasks; every query
        filters by the user's unit (the distribution key).
    count(audience: Audience) -> TaskCount          (optional, `TaskKind.count`)
        How many and how many overdue, in one aggregate query (`count_of` does it for a queryset): the menu badge
        asks on every page. Without it the engine counts the collected list.

A user's group is the org node they are attached to (`Audience.group_ids`): a work group's staff share its tasks, a
unit admin shares the unit office's. A collector decides who must act from the module's own rules (a department's
work group, the archive group, the unit admin, a helper) and only returns tasks for the audience it is given.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.module_loading import import_string

from taizhang.core import clock
from taizhang.core.manifest import TaskKind
from taizhang.org.modules import user_modules
from taizhang.org.scoping import once_per_request

MINE, GROUP = "mine", "group"
TABS = {MINE: "我的", GROUP: "本组"}


@dataclass(frozen=True)
class Audience:
    """Whose inbox is being computed, and the day it is computed for (tests fix it)."""

    user: object
    today: date

    @property
    def user_id(self) -> int:
        return self.user.pk

    @property
    def unit_id(self) -> int | None:
        return self.user.unit_id

    @property
    def group_ids(self) -> frozenset[int]:
        """The org nodes whose tasks the user shares: the node they are attached to."""
        return frozenset({self.user.node_id}) if self.user.node_id else frozenset()


@dataclass(frozen=True)
class Task:
    """One thing to do: who must act (a user, or a group = an org node), on what, by when, and where to do it."""

    title: str  # what to do: "办理住房安全问题"
    subject: str  # on what: "户 XS0012 张三 · 房屋漏雨"
    url: str
    due: date | None = None
    user_id: int | None = None
    node_id: int | None = None
    detail: str = ""
    kind: str = ""  # the TaskKind's key, filled in by the engine
    kind_label: str = ""

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today

    @property
    def tab(self) -> str:
        return MINE if self.user_id is not None else GROUP


@dataclass(frozen=True)
class TaskCount:
    total: int = 0
    overdue: int = 0

    def __add__(self, other: TaskCount) -> TaskCount:
        return TaskCount(self.total + other.total, self.overdue + other.overdue)


def urgency(task: Task) -> tuple:
    """Overdue and soonest due first; undated tasks after the dated ones."""
    return (task.due is None, task.due or date.max, task.subject)


def count_of(queryset: QuerySet, due_field: str | None, today: date, *, distinct: str = "pk") -> TaskCount:
    """The tasks a queryset stands for and how many are overdue, in one aggregate query."""
    overdue = Count(distinct, distinct=True, filter=Q(**{f"{due_field}__lt": today})) if due_field else None
    figures = queryset.order_by().aggregate(
        total=Count(distinct, distinct=True), **({"overdue": overdue} if overdue else {})
    )
    return TaskCount(figures["total"], figures.get("overdue", 0))


# The kernel's own to-do kinds: 疑点待核实 is in the inbox of users whose modules declare signals.
SIGNAL_REVIEW = TaskKind(
    key="integrity.review",
    label="疑点待核实",
    collect="taizhang.hub.signal_tasks.collect",
    count="taizhang.hub.signal_tasks.count",
    order=900,
)
KERNEL_TASK_KINDS = (SIGNAL_REVIEW,)


def task_kinds(user) -> list[TaskKind]:
    """The task kinds of the modules the user's unit works with, in menu order, then the kernel's."""
    specs = user_modules(user)
    kinds = [kind for spec in specs for kind in sorted(spec.task_kinds, key=lambda k: (k.order, k.key))]
    if any(spec.signal_kinds for spec in specs):
        kinds.append(SIGNAL_REVIEW)
    return kinds


def _audience(user, today: date | None) -> Audience:
    return Audience(user=user, today=today or clock.today())


def collect(user, *, today: date | None = None, limit: int | None = None, kind: str = "") -> list[Task]:
    """Every open task of the user and their group (of one kind, if given), most urgent first."""
    if not getattr(user, "is_authenticated", False):
        return []
    audience = _audience(user, today)
    tasks: list[Task] = []
    for task_kind in task_kinds(user):
        if kind and task_kind.key != kind:
            continue
        found = import_string(task_kind.collect)(audience, limit=limit)
        tasks += [dataclasses.replace(t, kind=task_kind.key, kind_label=task_kind.label) for t in found]
    tasks.sort(key=urgency)
    return tasks[:limit] if limit is not None else tasks


def counts(user, *, today: date | None = None) -> dict[str, TaskCount]:
    """How many open tasks of each kind (and how many overdue): one query per kind that declares `count`."""
    if not getattr(user, "is_authenticated", False):
        return {}
    audience = _audience(user, today)
    result = {}
    for task_kind in task_kinds(user):
        if task_kind.count:
            result[task_kind.key] = import_string(task_kind.count)(audience)
        else:
            found = import_string(task_kind.collect)(audience)
            result[task_kind.key] = TaskCount(len(found), sum(t.overdue(audience.today) for t in found))
    return result


def inbox_count(user) -> int:
    """The menu badge: worked out once per request."""
    return once_per_request(user, "_taizhang_inbox_count", lambda u: sum(c.total for c in counts(u).values()))


@dataclass
class InboxSummary:
    total: int
    overdue: int
    by_kind: list[tuple[str, str, TaskCount]]  # (key, label, count), kinds with tasks only
    first: list[Task] = field(default_factory=list)


def inbox_summary(user, *, today: date | None = None, first: int = 3) -> InboxSummary:
    """For a home-page card: the counts and the few most urgent tasks. Two queries per kind at most."""
    today = today or clock.today()
    by_kind = counts(user, today=today)
    labels = {task_kind.key: task_kind.label for task_kind in task_kinds(user)}
    total = sum((c for c in by_kind.values()), TaskCount())
    return InboxSummary(
        total=total.total,
        overdue=total.overdue,
        by_kind=[(key, labels[key], c) for key, c in by_kind.items() if c.total],
        first=collect(user, today=today, limit=first) if total.total else [],
    )


def grouped(tasks: list[Task], today: date) -> list[dict]:
    """Tasks by kind for the page: kinds with overdue tasks first, inside each kind the most urgent first."""
    kinds: dict[str, dict] = {}
    for task in tasks:
        group = kinds.setdefault(task.kind, {"key": task.kind, "label": task.kind_label, "tasks": [], "overdue": 0})
        group["tasks"].append(task)
        group["overdue"] += task.overdue(today)
    return sorted(kinds.values(), key=lambda g: (g["overdue"] == 0, urgency(g["tasks"][0])))
