"""Working days on China's official calendar (国务院办公厅 holiday notices: public holidays and the make-up working days
调休), as the maintained package `chinese_calendar` records them. A year the package does not cover yet is refused
rather than guessed: a statutory limit counted on a guessed calendar would be wrong by the holidays."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
from django.core.exceptions import ValidationError

MAX_WORKDAYS = 400  # no statutory limit or service clock is longer; bounds the walk


class CalendarNotCovered(ValidationError):
    """The official calendar of `year` is not known (yet): nothing is computed for it."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"{year} 年的法定节假日和调休安排尚未收录（工作日历目前只到 {last_covered_year()} 年），"
            "无法按工作日推算期限；请待该年安排公布、工作日历更新后再办理"
        )


def last_covered_year() -> int:
    return max(chinese_calendar.holidays).year


def is_workday(day: date) -> bool:
    """A working day: Monday to Friday outside the public holidays, and the make-up Saturdays and Sundays."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        raise CalendarNotCovered(day.year) from None


def add_workdays(start: date, n: int) -> date:
    """The n-th working day after `start` (not counting `start`): the due date of a limit of n working days."""
    if not 1 <= n <= MAX_WORKDAYS:
        raise ValidationError(f"工作日天数应在 1 到 {MAX_WORKDAYS} 之间，收到 {n}")
    day = start
    while n:
        day += timedelta(days=1)
        if is_workday(day):
            n -= 1
    return day


def workdays_between(a: date, b: date) -> int:
    """The working days after `a` up to and including `b` (negative when `b` is before `a`), so that
    `workdays_between(start, add_workdays(start, n)) == n`."""
    if b < a:
        return -workdays_between(b, a)
    return sum(1 for k in range(1, (b - a).days + 1) if is_workday(a + timedelta(days=k)))
