"""Progress and the weekly brief: the figures, the brief's text, the chart's points."""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import fields as _dataclass_fields
from datetime import date
from datetime import timedelta as _timedelta


@dataclass(frozen=True)
class ProgressFigures:
    """The progress of a project (or of one community or group) as of a day: counts only."""

    households: int = 0  # households inside the red line
    measured: int = 0  # households one of whose courtyards is measured
    courtyards: int = 0  # courtyards measured
    factories: int = 0  # factories measured
    determined: int = 0  # households 已界定 (none of their persons 待定)
    signed: int = 0  # agreements signed
    vacated: int = 0  # households vacated
    violations_found: int = 0  # illegal constructions found
    violations_demolished: int = 0  # … and demolished

    def __add__(self, other: ProgressFigures) -> ProgressFigures:
        return ProgressFigures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in _dataclass_fields(self)}
        )


# What each figure is called on the dashboard, with its measure word (in the order the work is done).
PROGRESS_LABELS = {
    "households": ("征收户", "户"),
    "measured": ("已测量户", "户"),
    "courtyards": ("测量院落", "个"),
    "factories": ("测量厂房", "所"),
    "determined": ("人口界定", "户"),
    "signed": ("已签约", "户"),
    "vacated": ("已腾空", "户"),
    "violations_found": ("发现违建", "处"),
    "violations_demolished": ("拆除违建", "处"),
}


def brief_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def brief_text(as_of: date, today: date, communities: Sequence[str], figures: ProgressFigures) -> str:
    """The street office's progress sentence(s), as its briefs put them: "截至目前,城里居、东关居累计测量907户,测量院落
    932个,测量厂房5所,人口界定206户。" (the punctuation of the office's own text, half-width commas). "目前" when the
    figures are today's, the date otherwise. Factories and determination only once there are any; the signing,
    vacating and 控违拆违 sentences only once that work has begun."""
    when = "截至目前" if as_of == today else f"截至{brief_date(as_of)}"
    where = "、".join(communities)
    f = figures
    if not (f.measured or f.courtyards or f.factories or f.determined):
        sentences = [f"{when},{where}尚未开始测量和人口界定。"]
    else:
        parts = [f"累计测量{f.measured}户", f"测量院落{f.courtyards}个"]
        if f.factories:
            parts.append(f"测量厂房{f.factories}所")
        if f.determined:
            parts.append(f"人口界定{f.determined}户")
        sentences = [f"{when},{where}" + ",".join(parts) + "。"]
    signing = [text for value, text in ((f.signed, f"签约{f.signed}户"), (f.vacated, f"腾空{f.vacated}户")) if value]
    if signing:
        sentences.append("累计" + ",".join(signing) + "。")
    if f.violations_found or f.violations_demolished:
        parts = [f"发现违法建设{f.violations_found}处"]
        if f.violations_demolished:
            parts.append(f"拆除{f.violations_demolished}处")
        sentences.append("控违拆违" + ",".join(parts) + "。")
    return "".join(sentences)


WEEKLY_UP_TO_DAYS = 183  # a chart over half a year or less goes by the week, a longer one by the month


def progress_points(start: date, end: date) -> list[date]:
    """The days the chart over time shows a cumulative figure for, from the project's start to `end` (the last
    point): the end of each week (7 days from the start) for half a year or less, the end of each month beyond."""
    if end <= start:
        return [end]
    points: list[date] = []
    if (end - start).days <= WEEKLY_UP_TO_DAYS:
        day = start + _timedelta(days=6)
        while day < end:
            points.append(day)
            day += _timedelta(days=7)
    else:
        year, month = start.year, start.month
        while True:
            day = date(year, month, calendar.monthrange(year, month)[1])
            if day >= end:
                break
            points.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    points.append(end)
    return points


def cumulative_counts(daily: Mapping[date, int], points: Sequence[date]) -> list[int]:
    """For each of the (ascending) points, how many were counted on that day or before."""
    days = sorted(daily)
    result, total, i = [], 0, 0
    for point in points:
        while i < len(days) and days[i] <= point:
            total += daily[days[i]]
            i += 1
        result.append(total)
    return result
