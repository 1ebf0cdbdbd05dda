"""The social-affairs functions a zone hands to the streets (剥离社会事务管理职能): the order of a function's states,
who moves each, the dates a move may carry, and when a supervision note (督促落实) is overdue. Pure."""

from __future__ import annotations

from datetime import date

# (code, label) in order: the zone hands a function over (移交), the street takes it on (承接) and runs it (运行).
STATES: tuple[tuple[str, str], ...] = (
    ("handed", "移交"),
    ("taken", "承接"),
    ("running", "运行"),
)
CODES = tuple(code for code, _ in STATES)
LABELS = dict(STATES)
INDEX = {code: n for n, code in enumerate(CODES)}
# The side that makes each move (and may withdraw it): the handing zone or the receiving street.
ZONE, STREET = "zone", "street"
MOVED_BY = {"handed": ZONE, "taken": STREET, "running": STREET}
# The date field each state's move sets.
DATE_FIELDS = {"handed": "handed_on", "taken": "taken_on", "running": "running_on"}

NUMBER_MAX = 99  # a zone's list runs 1–42 today; room for a longer one, never a typo such as 420
# The categories a zone's list files its functions under (the import accepts these; a page offers them).
CATEGORIES = (
    "社会救助",
    "民政服务",
    "退役军人服务",
    "卫生健康",
    "医疗保障",
    "人力社保",
    "基层治理",
    "平安建设",
    "应急管理",
    "城乡管理",
    "教育文化",
    "其他",
)


def after(state: str) -> str | None:
    """The state that follows `state`; None once the function runs."""
    n = INDEX[state] + 1
    return CODES[n] if n < len(CODES) else None


def before(state: str) -> str | None:
    """The state a withdrawal of the move into `state` goes back to; None for 移交 (withdrawing it undoes the
    handover itself)."""
    n = INDEX[state]
    return CODES[n - 1] if n else None


def reached(state: str, of: str) -> bool:
    return INDEX[state] >= INDEX[of]


def move_problem(state: str, target: str, *, side: str) -> str:
    """Why `side` may not move a function from `state` to `target` ("" when it may): one step forward at a time, and
    only by the side that owns the move."""
    if target not in INDEX:
        return "没有这个状态"
    if after(state) != target:
        if reached(state, target):
            return f"该职能已是“{LABELS[state]}”，不能再改为“{LABELS[target]}”"
        return f"该职能还未“{LABELS[CODES[INDEX[target] - 1]]}”，不能直接改为“{LABELS[target]}”"
    if MOVED_BY[target] != side:
        return "“承接”和“运行”由承接街道确认" if side == ZONE else "“移交”由开发区办理"
    return ""


def withdraw_problem(state: str, *, side: str) -> str:
    """Why `side` may not withdraw the last move (into `state`): each side withdraws only its own moves."""
    if MOVED_BY[state] != side:
        owner = "开发区" if MOVED_BY[state] == ZONE else "承接街道"
        return f"“{LABELS[state]}”由{owner}办理，也只能由{owner}撤回"
    return ""


def date_problem(on: date, *, previous: date | None, today: date) -> str:
    """Why a move cannot carry date `on`: not in the future, not before the previous move's date."""
    if on > today:
        return "日期不能晚于今天"
    if previous is not None and on < previous:
        return f"日期不能早于上一环节的日期（{previous:%Y-%m-%d}）"
    return ""


def is_overdue(deadline: date, closed_on: date | None, today: date) -> bool:
    """A supervision note is overdue once its deadline has passed and the zone has not closed (销号) it."""
    return closed_on is None and deadline < today


def note_status(*, answered: bool, closed: bool) -> str:
    if closed:
        return "已销号"
    return "已答复，待销号" if answered else "待答复"


def deadline_problem(deadline: date, today: date) -> str:
    if deadline < today:
        return "整改期限不能早于今天"
    return ""
