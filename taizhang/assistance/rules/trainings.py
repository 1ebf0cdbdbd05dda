"""Trainings (调度培训): every two weeks. No Django here."""

from __future__ import annotations

from datetime import date, timedelta


def training_dates(start: date, until: date, interval_days: int = 14) -> list[date]:
    """The schedule from `start` every `interval_days` days, up to and including `until`."""
    if interval_days < 1:
        raise ValueError("间隔至少 1 天")
    dates, day = [], start
    while day <= until:
        dates.append(day)
        day += timedelta(days=interval_days)
    return dates
