"""What the public page tells residents about a session's places and whether sign-up is open, and what a private
link's holder reads about their sign-up."""

from __future__ import annotations

from datetime import datetime

from taizhang.events.rules import places


def places_text(capacity: int | None, confirmed: int, waiting: int, *, team: bool = False) -> str:
    """ "余 12 个名额", or when full "名额已满，可报名候补（前面 3 人）"; a team game counts teams."""
    if capacity is None:
        return "不限名额"
    free = places.free_places(capacity, confirmed)
    if free:
        return f"余 {free} 个{'队伍' if team else ''}名额"
    ahead = f"（前面 {waiting} {'队' if team else '人'}）" if waiting else ""
    return f"名额已满，可报名候补{ahead}"


def closed_reason(*, published: bool, finished: bool, closes_at: datetime | None, now: datetime) -> str:
    """Why the event takes no sign-up now ("" while it does)."""
    if finished:
        return "本活动已结束，未开放报名"
    if not published:
        return "本活动未开放报名"
    if closes_at is not None and now > closes_at:
        return f"报名已于 {closes_at:%m月%d日 %H:%M} 截止"
    return ""


def state_text(state: str, waiting_position: int | None) -> str:
    """已报名 / 候补第 N 位 / 已取消."""
    if state == places.WAITING and waiting_position:
        return f"候补第 {waiting_position} 位"
    return places.LABELS[state]


def may_cancel(*, state: str, checked_in: bool, finished: bool) -> bool:
    """The holder may cancel while the sign-up stands, before check-in and before the event has ended."""
    return state != places.CANCELLED and not checked_in and not finished
