"""The exhibition-sale's rules: stall numbers laid out in bulk (A区 2×10 → A-01…A-20), a vendor's mobile number, the
steps of an application (submitted → approved → allocated → confirmed, rejected, withdrawn), a stall's colour on
the plan, and the sales a vendor reports (元 to the fen)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from taizhang.core.rules import clean_text

SUBMITTED, APPROVED, ALLOCATED, CONFIRMED, REJECTED, WITHDRAWN = (
    "submitted",
    "approved",
    "allocated",
    "confirmed",
    "rejected",
    "withdrawn",
)
# A step and the states it may start from → the state it leaves. `allocate` from ALLOCATED or CONFIRMED is a
# move (the vendor confirms the new stall again).
STEPS: dict[str, tuple[frozenset[str], str]] = {
    "approve": (frozenset({SUBMITTED}), APPROVED),
    "reject": (frozenset({SUBMITTED, APPROVED}), REJECTED),
    "reopen": (frozenset({REJECTED}), SUBMITTED),  # a rejection withdrawn
    "allocate": (frozenset({APPROVED, ALLOCATED, CONFIRMED}), ALLOCATED),
    "release": (frozenset({ALLOCATED, CONFIRMED}), APPROVED),
    "confirm": (frozenset({ALLOCATED}), CONFIRMED),
    "withdraw": (frozenset({SUBMITTED, APPROVED, ALLOCATED, CONFIRMED}), WITHDRAWN),
}
STEP_LABELS = {
    "approve": "通过审核",
    "reject": "不予通过",
    "reopen": "撤回不通过的决定",
    "allocate": "分配摊位",
    "release": "收回摊位",
    "confirm": "确认摊位",
    "withdraw": "撤回申请",
}
STATE_LABELS = {
    SUBMITTED: "待审核",
    APPROVED: "已通过，待分配摊位",
    ALLOCATED: "已分配摊位，待确认",
    CONFIRMED: "已确认",
    REJECTED: "未通过",
    WITHDRAWN: "已撤回",
}
HOLDS_STALL = frozenset({ALLOCATED, CONFIRMED})


class StepRefused(ValueError):
    """A step the application's state does not allow; the message says why, in Chinese."""


def next_state(state: str, step: str) -> str:
    starts, ends = STEPS[step]
    if state not in starts:
        raise StepRefused(f"申请“{STATE_LABELS.get(state, state)}”，不能{STEP_LABELS[step]}")
    return ends


def steps_from(state: str) -> list[str]:
    return [step for step, (starts, _) in STEPS.items() if state in starts]


# --- 摊位 -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spot:
    number: str
    row: int
    column: int


MAX_ROWS, MAX_COLUMNS = 20, 40


def area_prefix(area: str) -> str:
    """The letters stall numbers start with: "A区" → "A", "B 区" → "B", "小吃区" → "小吃"."""
    text = clean_text(area).replace(" ", "")
    return text[:-1] if text.endswith("区") and len(text) > 1 else text


def stall_spots(prefix: str, rows: int, columns: int, *, first_row: int = 1, first_number: int = 1) -> list[Spot]:
    """`rows` × `columns` stalls numbered along each row: A-01 … A-10 on the first row, A-11 … on the next; rows
    start at `first_row` and numbers at `first_number` (an area that already has stalls grows after them). Numbers
    have two digits, or as many as the largest needs."""
    if not 1 <= rows <= MAX_ROWS or not 1 <= columns <= MAX_COLUMNS:
        raise ValueError(f"行数应为 1–{MAX_ROWS}，列数应为 1–{MAX_COLUMNS}")
    last = first_number + rows * columns - 1
    width = max(2, len(str(last)))
    head = f"{prefix}-" if prefix else ""
    return [
        Spot(f"{head}{first_number + r * columns + c:0{width}d}", first_row + r, c + 1)
        for r in range(rows)
        for c in range(columns)
    ]


FREE, TAKEN, HELD, PRESENT = "free", "allocated", "confirmed", "checked_in"
PLAN_LABELS = {FREE: "空闲", TAKEN: "已分配", HELD: "已确认", PRESENT: "已签到"}


def stall_status(vendor_state: str | None, checked_in: bool) -> str:
    """A stall's colour on the plan from its vendor (None: no vendor)."""
    if vendor_state not in HOLDS_STALL:
        return FREE
    if checked_in:
        return PRESENT
    return HELD if vendor_state == CONFIRMED else TAKEN


# --- 手机号与销售额 -------------------------------------------------------------------------------------------

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def clean_mobile(raw: object) -> str:
    """An 11-digit mainland mobile number as typed (full-width digits, spaces, dashes, +86 allowed), or ValueError."""
    text = re.sub(r"[\s\-()]", "", clean_text(raw or ""))
    if not text:
        raise ValueError("请填写手机号")
    if text.startswith("+86"):
        text = text[3:]
    if not _MOBILE.match(text):
        raise ValueError(f"手机号“{clean_text(raw)}”不对：应为以13–19开头的11位数字")
    return text


MAX_SALES = Decimal("10000000")


def clean_sales(raw: object) -> Decimal:
    """Sales in 元 to the fen (half up), from 0 to 1000万; ValueError otherwise."""
    text = clean_text(raw or "").replace(",", "").replace("，", "").removesuffix("元")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"销售额“{clean_text(raw)}”不是数字，请填写元，如 1280.50") from None
    if not value.is_finite() or value < 0 or value > MAX_SALES:
        raise ValueError("销售额应在 0 到 1000 万元之间")
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
