"""Publicity (公示) of the determination results: the window posted and the status it leaves a household in."""

from __future__ import annotations

from datetime import date, timedelta

NOT_POSTED, UPCOMING, POSTED, DISPUTED, CORRECTED, OUTDATED, FINAL = (
    "未公示",
    "待公示",
    "公示中",
    "已公示·有异议",
    "已更正·待重新公示",
    "界定已变更·待重新公示",
    "已确定",
)
MUST_REPOST = (CORRECTED, OUTDATED)


def publicity_window(starts_on: date, days: int) -> tuple[date, date]:
    """The window posted for `days` days counting the first: 7 days from 6-1 end on 6-7 (inclusive)."""
    if days < 1:
        raise ValueError("公示期至少 1 天")
    return starts_on, starts_on + timedelta(days=days - 1)


def publicity_status(
    *,
    starts_on: date | None,
    ends_on: date | None,
    open_objections: int,
    corrected: bool,
    today: date,
    outdated: bool = False,
) -> str:
    """A household's result as its latest publicity leaves it: final only once that window has closed with no open
    objection; a result corrected after an objection, or a determination changed after the posting (`outdated`:
    what the residents saw is no longer the result), must be posted again before it is final."""
    if starts_on is None or ends_on is None:
        return NOT_POSTED
    if outdated:
        return OUTDATED
    if today < starts_on:
        return UPCOMING
    if today <= ends_on:
        return POSTED
    if open_objections:
        return DISPUTED
    if corrected:
        return CORRECTED
    return FINAL
