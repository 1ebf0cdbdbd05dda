"""What a programme's items must satisfy, as messages naming the field (empty when all is well)."""

from __future__ import annotations

from datetime import time

SIGNUP_NONE = "none"


def session_problems(
    *, name: str, starts_at: time | None, ends_at: time | None, signup: str, capacity: int | None
) -> dict[str, str]:
    problems = {}
    if not name.strip():
        problems["name"] = "场次名称不能为空"
    if starts_at and ends_at and ends_at <= starts_at:
        problems["ends_at"] = f"结束时间 {ends_at:%H:%M} 应晚于开始时间 {starts_at:%H:%M}"
    if capacity is not None and capacity < 1:
        problems["capacity"] = "容量至少为 1（不限人数请留空）"
    if signup == SIGNUP_NONE and capacity is not None:
        problems["capacity"] = "无需报名的场次不设容量"
    return problems


def parse_session_arg(text: str) -> tuple[str, int | None]:
    """`名称:容量` of the create-event command (容量 may be left out: no limit); ValueError names what is wrong."""
    name, sep, capacity = text.replace("：", ":").rpartition(":")
    if not sep:
        return text.strip(), None
    name, capacity = name.strip(), capacity.strip()
    if not name:
        raise ValueError(f"场次“{text}”没有名称（格式：名称:容量）")
    if not capacity.isdigit() or int(capacity) < 1:
        raise ValueError(f"场次“{text}”的容量“{capacity}”应为正整数（格式：名称:容量）")
    return name, int(capacity)
