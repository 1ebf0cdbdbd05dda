"""Problems (问题): 及时发现、及时上报、及时解决 — deadlines by category, overdue, timeliness. No Django here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

PROBLEM_CATEGORIES = ["住房安全", "饮水", "医疗", "教育", "就业", "残疾人保障", "其他"]


# Days a department has, from the day the office hands a problem over, unless the unit sets its own.
DEFAULT_DEADLINE_DAYS = {"住房安全": 15, "饮水": 7, "医疗": 7, "教育": 15, "就业": 30, "残疾人保障": 15, "其他": 15}


def category_of_topic(topic: str) -> str:
    """The category a checklist item marked 有问题 is registered under: its topic when that is a category
    (饮水, 住房安全), 其他 otherwise (档案资料, 家庭情况)."""
    return topic if topic in PROBLEM_CATEGORIES else "其他"


def deadline_days(category: str, overrides: dict[str, int] | None = None) -> int:
    return (overrides or {}).get(category) or DEFAULT_DEADLINE_DAYS.get(category, DEFAULT_DEADLINE_DAYS["其他"])


def due_date(assigned_on: date, category: str, overrides: dict[str, int] | None = None) -> date:
    return assigned_on + timedelta(days=deadline_days(category, overrides))


def is_overdue(due: date | None, resolved_on: date | None, today: date) -> bool:
    """Past its due date unresolved, or resolved after it."""
    if due is None:
        return False
    return (resolved_on or today) > due


@dataclass(frozen=True)
class ProblemTimes:
    found_on: date
    reported_on: date | None
    due: date | None
    resolved_on: date | None


@dataclass(frozen=True)
class Timeliness:
    problems: int
    reported: int
    resolved: int
    resolved_in_time: int
    overdue_open: int
    days_to_report: float | None  # mean days from the visit that found it to the report
    days_to_resolve: float | None  # mean days from the report to the resolution


def timeliness(problems: Iterable[ProblemTimes], today: date) -> Timeliness:
    """The 及时发现、及时上报、及时解决 figures of a group of problems."""
    items = list(problems)
    to_report = [(p.reported_on - p.found_on).days for p in items if p.reported_on]
    to_resolve = [(p.resolved_on - p.reported_on).days for p in items if p.resolved_on and p.reported_on]
    resolved = [p for p in items if p.resolved_on]
    return Timeliness(
        problems=len(items),
        reported=len(to_report),
        resolved=len(resolved),
        resolved_in_time=sum(1 for p in resolved if not is_overdue(p.due, p.resolved_on, today)),
        overdue_open=sum(1 for p in items if not p.resolved_on and is_overdue(p.due, None, today)),
        days_to_report=sum(to_report) / len(to_report) if to_report else None,
        days_to_resolve=sum(to_resolve) / len(to_resolve) if to_resolve else None,
    )
