"""Approval accompaniment (一网通办 + 全程帮办): the usual approval items, the 帮办 service rule and the clocks an item
runs on, all in working days of the official calendar (rules.workdays).

The service rule is the zone's promise on top of the law, "1515" by default: first contact within 1 working day of
submission, simple matters done within 5, complex ones within 15. An item is due by the earlier of its service clock
and its statutory limit; it is overdue the day after a clock it has not met."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from taizhang.enterprise.rules.workdays import add_workdays

SIMPLE, COMPLEX = "simple", "complex"
COMPLEXITY = {SIMPLE: "简单事项", COMPLEX: "复杂事项"}

PENDING, IN_PROGRESS, DONE, RETURNED = "pending", "in_progress", "done", "returned"
STATUSES = {PENDING: "待申报", IN_PROGRESS: "办理中", DONE: "已办结", RETURNED: "已退回"}
OPEN = (PENDING, IN_PROGRESS)


@dataclass(frozen=True)
class ServiceRule:
    first_contact_days: int = 1
    simple_days: int = 5
    complex_days: int = 15

    @property
    def code(self) -> str:
        """ "1515" for the default rule."""
        return f"{self.first_contact_days}{self.simple_days}{self.complex_days}"

    def days_for(self, complexity: str) -> int:
        return self.complex_days if complexity == COMPLEX else self.simple_days


DEFAULT_RULE = ServiceRule()


@dataclass(frozen=True)
class KindDefault:
    name: str
    department: str
    statutory_days: int
    track: str
    complexity: str = SIMPLE


# The usual items of an industrial project, with the department that decides and its statutory limit in working
# days; tracks run at the same time, items of one track one after another. The zone edits its own list.
DEFAULT_KINDS: tuple[KindDefault, ...] = (
    KindDefault("立项备案", "行政审批部", 3, "立项用地规划"),
    KindDefault("用地预审", "自然资源和规划局", 20, "立项用地规划", COMPLEX),
    KindDefault("规划许可", "自然资源和规划局", 20, "立项用地规划", COMPLEX),
    KindDefault("施工许可", "行政审批部", 7, "立项用地规划"),
    KindDefault("环评", "生态环境分局", 30, "环评能评", COMPLEX),
    KindDefault("能评", "发展和改革局", 20, "环评能评", COMPLEX),
    KindDefault("消防设计审查", "住房和城乡建设局", 15, "消防验收"),
    KindDefault("竣工验收备案", "住房和城乡建设局", 5, "消防验收"),
)


def rule_in_force(rules: list[tuple[date, ServiceRule]], day: date) -> ServiceRule:
    """The rule effective on `day`: the one with the latest effective date not after it; the default before any."""
    effective = [(on, rule) for on, rule in rules if on <= day]
    return max(effective, key=lambda pair: pair[0])[1] if effective else DEFAULT_RULE


@dataclass(frozen=True)
class Clocks:
    contact_due: date  # first contact with the enterprise
    service_due: date  # the 帮办 promise (simple or complex)
    statutory_due: date  # the legal limit
    due: date  # the earlier of the last two

    def as_dict(self) -> dict:
        return {
            "contact_due": self.contact_due,
            "service_due": self.service_due,
            "statutory_due": self.statutory_due,
            "due_on": self.due,
        }


def clocks(submitted_on: date, *, rule: ServiceRule, complexity: str, statutory_days: int) -> Clocks:
    """Every clock of an item submitted on a day (raises CalendarNotCovered past the calendar's years)."""
    service = add_workdays(submitted_on, rule.days_for(complexity))
    statutory = add_workdays(submitted_on, statutory_days)
    return Clocks(add_workdays(submitted_on, rule.first_contact_days), service, statutory, min(service, statutory))


def watch_on(
    *, status: str, contact_due: date | None, first_contact_on: date | None, due_on: date | None
) -> date | None:
    """The last day an open item is still on time: the first unmet clock (first contact, then the due date);
    None for an item not running (not submitted, done or returned). Overdue = today is after it."""
    if status != IN_PROGRESS or due_on is None:
        return None
    if first_contact_on is None and contact_due is not None:
        return min(contact_due, due_on)
    return due_on


def is_overdue(watch: date | None, today: date) -> bool:
    return watch is not None and today > watch


def on_time(done_on: date | None, due_on: date | None) -> bool | None:
    """Whether a done item was done by its due date; None when not done (or never due)."""
    if done_on is None or due_on is None:
        return None
    return done_on <= due_on


def waiting_for(after_status: str | None) -> bool:
    """An item that waits for another of its track cannot start before that one is done."""
    return after_status is not None and after_status != DONE
