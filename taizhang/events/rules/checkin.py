"""Who may be checked in with a code on the day: a confirmed sign-up of this event, for a session of today, not yet
checked in; or a vendor of this event who holds a stall. Every refusal says why, so the steward can tell the person
at the gate (a used code says when and by whom)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from taizhang.events.rules import places

SIGNUP = "signup"
VENDOR = "vendor"
# Vendors' states that hold a stall (allocated, confirmed): the others have none to stand at.
VENDOR_WITH_STALL = ("allocated", "confirmed")


@dataclass(frozen=True)
class Holder:
    """A code's holder as the rule sees it: a sign-up (state confirmed/waiting/cancelled) or a vendor (the vendor
    application's state); the days it counts for, and its check-in if any (`checked_in_at` in local time)."""

    kind: str  # SIGNUP or VENDOR
    event_id: int
    state: str
    first_day: date
    last_day: date
    checked_in_at: datetime | None = None
    checked_in_by: str = ""


def refusal(holder: Holder | None, *, event_id: int, today: date) -> str | None:
    """Why the holder may not be checked in now, or None when they may."""
    if holder is None:
        return "签到码不存在，请核对后重新输入"
    if holder.event_id != event_id:
        return "该签到码不是本活动的"
    if holder.checked_in_at is not None:
        who = f"，签到人：{holder.checked_in_by}" if holder.checked_in_by else ""
        at = holder.checked_in_at
        return f"该签到码已于 {at.month}月{at.day}日 {at:%H:%M} 签到{who}，不能重复签到"
    if holder.kind == SIGNUP:
        if holder.state == places.CANCELLED:
            return "该报名已取消，签到码作废"
        if holder.state == places.WAITING:
            return "候补中，未获得名额"
        if holder.state != places.CONFIRMED:
            return "该报名没有获得名额，不能签到"
    elif holder.state not in VENDOR_WITH_STALL:
        return "该摊主没有分配摊位，不能签到"
    if not holder.first_day <= today <= holder.last_day:
        if holder.first_day == holder.last_day:
            return f"该签到码限 {_day(holder.first_day)} 使用，不是今天"
        return f"该签到码限 {_day(holder.first_day)}—{_day(holder.last_day)} 使用，不是今天"
    return None


def walk_in_refusal(*, capacity: int | None, confirmed: int, day: date, today: date) -> str | None:
    """Why someone at the gate may not be registered for the session now: it is full (a walk-in is checked in at
    once, never put on the waiting list), or it is not today."""
    if day != today:
        return f"该场次在 {_day(day)}，现场登记只限当天"
    free = places.free_places(capacity, confirmed)
    if free == 0:
        return f"该场次已满（容量 {capacity}，已报名 {confirmed}），没有空余名额，不能现场登记"
    return None


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def undo_refusal(holder: Holder, *, reason: str) -> str | None:
    """Why a check-in may not be undone."""
    if holder.checked_in_at is None:
        return "尚未签到，无需撤销"
    if not reason.strip():
        return "请填写撤销签到的原因"
    return None
