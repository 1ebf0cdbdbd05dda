"""Pure rules of household assistance (帮扶) as 新市镇 adopted them: visits, their validity, monthly
compliance and the signals that a ledger may not be what it says. No Django here.

The town's rule: every assisted household gets at least 2 valid visits (入户走访) per calendar
month, and a visit is valid only if it lasted at least 30 minutes. Units may change both numbers;
each change is a new version with an effective date, and the past is judged by the rules of its time:
- a visit's minimum duration is the one in force on the visit's date;
- a month's required number of visits is the one in force on the month's first day (a change
  effective mid-month applies from the next month, so nobody is judged by a rule that arrived
  half-way through the month they were working in)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MAX_VISIT_HOURS = 12


class InvalidVisit(ValueError):
    """A visit that cannot be recorded; .message is the Chinese text shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        match = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})月?\s*", str(text))
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"月份“{text}”格式不对，应为 YYYY-MM，如 2026-03")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def days_left(month: Month, today: date) -> int:
    """Days still available in the month, today included; 0 once the month is over."""
    if today > month.last_day:
        return 0
    start = max(today, month.first_day)
    return (month.last_day - start).days + 1


@dataclass(frozen=True)
class VisitRule:
    effective_from: date
    min_visits_per_month: int = 2
    min_minutes: int = 30


DEFAULT_RULE = VisitRule(effective_from=date(1900, 1, 1))


def rule_on(rules: Sequence[VisitRule], day: date) -> VisitRule:
    """The version in force on a day: the latest effective on or before it (the town's default before any)."""
    in_force = [r for r in rules if r.effective_from <= day]
    return max(in_force, key=lambda r: r.effective_from) if in_force else DEFAULT_RULE


def required_visits(rules: Sequence[VisitRule], month: Month) -> int:
    return rule_on(rules, month.first_day).min_visits_per_month


def duration_ranges(rules: Sequence[VisitRule], month: Month) -> list[tuple[date, date, int]]:
    """The month cut into date ranges, each with its minimum visit duration (for one SQL count)."""
    ranges = []
    day = month.first_day
    while day <= month.last_day:
        rule = rule_on(rules, day)
        later = [r.effective_from for r in rules if day < r.effective_from <= month.last_day]
        end = min(later) - timedelta(days=1) if later else month.last_day
        ranges.append((day, end, rule.min_minutes))
        day = end + timedelta(days=1)
    return ranges


def visit_minutes(started_at: datetime, ended_at: datetime) -> int:
    """Whole minutes from start to end (29 min 59 s is 29)."""
    return int((ended_at - started_at).total_seconds() // 60)


def check_visit_times(started_at: datetime, ended_at: datetime, *, now: datetime) -> None:
    """Raise InvalidVisit for times no visit can have."""
    if ended_at <= started_at:
        raise InvalidVisit("结束时间必须晚于开始时间")
    if started_at > now:
        raise InvalidVisit("走访开始时间不能晚于现在")
    if ended_at > now + timedelta(minutes=5):  # a phone's clock may run a little ahead
        raise InvalidVisit("走访结束时间不能晚于现在")
    if ended_at - started_at > timedelta(hours=MAX_VISIT_HOURS):
        raise InvalidVisit(f"一次走访超过{MAX_VISIT_HOURS}小时，请核对开始和结束时间")


def visit_validity(*, day: date, minutes: int, voided: bool, rules: Sequence[VisitRule]) -> tuple[bool, str]:
    """Whether a visit counts toward its month, and if not, why (shown as 不计入：reason)."""
    if voided:
        return False, "已作废"
    minimum = rule_on(rules, day).min_minutes
    if minutes < minimum:
        return False, f"走访时长 {minutes} 分钟，不足 {minimum} 分钟"
    return True, ""


@dataclass(frozen=True)
class Compliance:
    valid: int
    required: int

    @property
    def met(self) -> bool:
        return self.valid >= self.required

    @property
    def missing(self) -> int:
        return max(self.required - self.valid, 0)

    @property
    def label(self) -> str:
        return "达标" if self.met else "未达标"
