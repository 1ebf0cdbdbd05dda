"""Pure rules of household assistance (帮扶) as 新市镇 adopted them: visits, their validity, monthly
compliance and the signals that a ledger may not be what it says. No Django here.

The town's rule: every assisted household gets at least 2 valid visits (入户走访) per calendar
month, and a visit is valid only if it lasted at least 30 minutes. Units may change both numbers;
each change is a new version with an effective date, and the past is judged by the rules of its time:
- a visit's minimum duration is the one in force on the visit's date;
- a month's required number of visits is the one in force on the month's first day (a change
  effective mid-month applies from the next month, so nobody is judged by a rule that arrived
  half-way through the month they were working in).
"""

from __future__ import annotations

import calendar
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

MAX_VISIT_HOURS = 12


class InvalidVisit(ValueError):
    """A visit that cannot be recorded; .message is the Chinese text shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- months -----------------------------------------------------------------------------------


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


# --- rule versions ----------------------------------------------------------------------------


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


# --- one visit --------------------------------------------------------------------------------


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


# --- a month ----------------------------------------------------------------------------------


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


# --- authenticity signals (for the unit admin to look into; never a verdict) -------------------


@dataclass(frozen=True)
class VisitFacts:
    """What the signals need of a visit."""

    id: int
    household_id: int
    helper_id: int
    started_at: datetime
    ended_at: datetime
    recorded_at: datetime
    text: str = ""
    start_position: tuple[float, float] | None = None
    end_position: tuple[float, float] | None = None


@dataclass(frozen=True)
class Signal:
    kind: str
    visit_ids: tuple[int, ...]
    detail: str


COPIED_TEXT_MIN_LENGTH = 15
MIN_TRAVEL_MINUTES = 5
LATE_ENTRY_DAYS = 3
FAR_METRES = 500


def _normalised(text: str) -> str:
    return re.sub(r"[\s，。、,.;；:：!！?？]+", "", text or "")


def copied_texts(visits: Iterable[VisitFacts], *, min_length: int = COPIED_TEXT_MIN_LENGTH) -> list[Signal]:
    """The same note, word for word, in visits to different households."""
    by_text: dict[str, list[VisitFacts]] = defaultdict(list)
    for visit in visits:
        key = _normalised(visit.text)
        if len(key) >= min_length:
            by_text[key].append(visit)
    signals = []
    for group in by_text.values():
        households = {v.household_id for v in group}
        if len(households) > 1:
            preview = group[0].text.strip()[:30]
            signals.append(
                Signal(
                    "copied_text",
                    tuple(sorted(v.id for v in group)),
                    f"{len(households)} 户的走访记录内容完全相同：“{preview}…”",
                )
            )
    return signals


def back_to_back(visits: Iterable[VisitFacts], *, min_travel_minutes: int = MIN_TRAVEL_MINUTES) -> list[Signal]:
    """One helper's visits to different households with (almost) no time between them to get there."""
    by_helper: dict[int, list[VisitFacts]] = defaultdict(list)
    for visit in visits:
        by_helper[visit.helper_id].append(visit)
    signals = []
    for helper_visits in by_helper.values():
        helper_visits.sort(key=lambda v: v.started_at)
        for earlier, later in pairwise(helper_visits):
            gap = (later.started_at - earlier.ended_at).total_seconds() / 60
            if earlier.household_id != later.household_id and 0 <= gap < min_travel_minutes:
                signals.append(
                    Signal(
                        "back_to_back",
                        (earlier.id, later.id),
                        f"两次走访之间只隔 {gap:.0f} 分钟，不足 {min_travel_minutes} 分钟路程",
                    )
                )
    return signals


def late_entries(visits: Iterable[VisitFacts], *, days: int = LATE_ENTRY_DAYS) -> list[Signal]:
    """Visits entered long after they happened."""
    signals = []
    for visit in visits:
        delay = visit.recorded_at - visit.ended_at
        if delay > timedelta(days=days):
            signals.append(Signal("late_entry", (visit.id,), f"走访后 {delay.days} 天才录入"))
    return signals


def distance_metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def far_from_home(
    visits: Iterable[VisitFacts], homes: dict[int, tuple[float, float]], *, metres: float = FAR_METRES
) -> list[Signal]:
    """Visits started or ended (as the phone reported it) far from the household's recorded location."""
    signals = []
    for visit in visits:
        home = homes.get(visit.household_id)
        if home is None:
            continue
        for label, position in (("开始", visit.start_position), ("结束", visit.end_position)):
            if position is not None and (away := distance_metres(home, position)) > metres:
                signals.append(Signal("far_from_home", (visit.id,), f"{label}走访时距该户登记位置约 {away:,.0f} 米"))
                break
    return signals


# --- problems (问题): 及时发现、及时上报、及时解决 -------------------------------------------------

PROBLEM_CATEGORIES = ["住房安全", "饮水", "医疗", "教育", "就业", "残疾人保障", "其他"]
# Days a department has, from the day the office hands a problem over, unless the unit sets its own.
DEFAULT_DEADLINE_DAYS = {"住房安全": 15, "饮水": 7, "医疗": 7, "教育": 15, "就业": 30, "残疾人保障": 15, "其他": 15}


def deadline_days(category: str, overrides: dict[str, int] | None = None) -> int:
    return (overrides or {}).get(category) or DEFAULT_DEADLINE_DAYS.get(category, DEFAULT_DEADLINE_DAYS["其他"])


def due_date(assigned_on: date, category: str, overrides: dict[str, int] | None = None) -> date:
    return assigned_on + timedelta(days=deadline_days(category, overrides))


def is_overdue(due: date | None, resolved_on: date | None, today: date) -> bool:
    """Past its due date unresolved, or resolved after it."""
    if due is None:
        return False
    return (resolved_on or today) > due


@dataclass(frozen=True)
class ProblemTimes:
    found_on: date
    reported_on: date | None
    due: date | None
    resolved_on: date | None


@dataclass(frozen=True)
class Timeliness:
    problems: int
    reported: int
    resolved: int
    resolved_in_time: int
    overdue_open: int
    days_to_report: float | None  # mean days from the visit that found it to the report
    days_to_resolve: float | None  # mean days from the report to the resolution


def timeliness(problems: Iterable[ProblemTimes], today: date) -> Timeliness:
    """The 及时发现、及时上报、及时解决 figures of a group of problems."""
    items = list(problems)
    to_report = [(p.reported_on - p.found_on).days for p in items if p.reported_on]
    to_resolve = [(p.resolved_on - p.reported_on).days for p in items if p.resolved_on and p.reported_on]
    resolved = [p for p in items if p.resolved_on]
    return Timeliness(
        problems=len(items),
        reported=len(to_report),
        resolved=len(resolved),
        resolved_in_time=sum(1 for p in resolved if not is_overdue(p.due, p.resolved_on, today)),
        overdue_open=sum(1 for p in items if not p.resolved_on and is_overdue(p.due, None, today)),
        days_to_report=sum(to_report) / len(to_report) if to_report else None,
        days_to_resolve=sum(to_resolve) / len(to_resolve) if to_resolve else None,
    )


# --- trainings (调度培训): every two weeks ----------------------------------------------------------


def training_dates(start: date, until: date, interval_days: int = 14) -> list[date]:
    """The schedule from `start` every `interval_days` days, up to and including `until`."""
    if interval_days < 1:
        raise ValueError("间隔至少 1 天")
    dates, day = [], start
    while day <= until:
        dates.append(day)
        day += timedelta(days=interval_days)
    return dates


# --- the archive (一户一档) audit: 缺项 (missing) and 错项 (wrong) ---------------------------------------

# The checklist a unit starts from (the unit admin edits it): data the registry holds, and documents to upload.
DEFAULT_ARCHIVE_ITEMS = [
    ("家庭成员", "data"),
    ("联系电话", "data"),
    ("银行账号", "data"),
    ("身份证复印件", "document"),
    ("帮扶计划", "document"),
    ("收入台账", "document"),
]
ROSTERS = {"dibao": "低保", "disability": "残联", "school": "学籍", "insurance": "医保"}


@dataclass(frozen=True)
class MemberFacts:
    name: str
    id_number: str
    alive: bool
    is_student: bool
    disabled: bool


@dataclass(frozen=True)
class ArchiveFacts:
    phone: str
    bank_account: str
    account_holder: str  # as written in the archive ("" if not recorded)
    archive_family_size: int | None  # as written in the archive
    members: tuple[MemberFacts, ...]  # the registry's active members
    tags: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()  # checklist items with an uploaded document
    required_documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    kind: str  # "missing" (缺项) or "wrong" (错项)
    item: str
    detail: str

    @property
    def key(self) -> str:
        """Stable identity across checks, so a finding is closed when it no longer appears."""
        return f"{self.kind}|{self.item}|{self.detail}"[:200]


def archive_findings(facts: ArchiveFacts, *, today: date) -> list[Finding]:
    from taizhang.core.rules import InvalidValue, normalize_phone
    from taizhang.registry.rules import luhn_valid, normalize_id_number

    found: list[Finding] = []
    alive = [m for m in facts.members if m.alive]
    if not facts.members:
        found.append(Finding("missing", "家庭成员", "没有家庭成员"))
    if not facts.phone:
        found.append(Finding("missing", "联系电话", "没有联系电话"))
    else:
        try:
            normalize_phone(facts.phone)
        except InvalidValue as exc:
            found.append(Finding("wrong", "联系电话", f"联系电话 {facts.phone} 有误：{exc.message}"))
    if not facts.bank_account:
        found.append(Finding("missing", "银行账号", "没有银行账号，帮扶资金无法发放"))
    elif not luhn_valid(facts.bank_account):
        found.append(Finding("wrong", "银行账号", f"银行账号 {facts.bank_account} 未通过校验"))
    if facts.account_holder and facts.account_holder not in {m.name for m in alive}:
        found.append(Finding("wrong", "银行账号", f"持卡人“{facts.account_holder}”不是本户在世成员"))
    if facts.archive_family_size is not None and facts.archive_family_size != len(alive):
        found.append(
            Finding("wrong", "家庭成员", f"档案记载 {facts.archive_family_size} 人，户籍台账在世成员 {len(alive)} 人")
        )
    for member in facts.members:
        if not member.alive:
            found.append(Finding("wrong", "家庭成员", f"{member.name}已死亡或注销，仍列为家庭成员"))
        try:
            normalize_id_number(member.id_number, today=today)
        except InvalidValue as exc:
            found.append(Finding("wrong", "家庭成员", f"{member.name}的身份证号有误：{exc.message}"))
    for item in facts.required_documents:
        if item not in facts.documents:
            found.append(Finding("missing", item, f"缺少{item}"))
    return found


def roster_differences(facts: ArchiveFacts, rosters: dict[str, set[str]]) -> list[Finding]:
    """Compare the household with the departments' rosters (by ID number); only rosters that were imported count."""
    found: list[Finding] = []
    alive = [m for m in facts.members if m.alive]
    if "disability" in rosters:
        for m in alive:
            listed = m.id_number in rosters["disability"]
            if listed and not m.disabled:
                found.append(Finding("wrong", "残疾人保障", f"{m.name}在残联名册中，户籍台账未登记残疾"))
            elif m.disabled and not listed:
                found.append(Finding("wrong", "残疾人保障", f"{m.name}登记为残疾，残联名册中没有"))
    if "school" in rosters:
        for m in alive:
            listed = m.id_number in rosters["school"]
            if listed and not m.is_student:
                found.append(Finding("wrong", "教育", f"{m.name}有学籍，户籍台账未登记为在校生"))
            elif m.is_student and not listed:
                found.append(Finding("wrong", "教育", f"{m.name}登记为在校生，学籍名册中没有"))
    if "insurance" in rosters:
        for m in alive:
            if m.id_number not in rosters["insurance"]:
                found.append(Finding("wrong", "医疗", f"{m.name}不在医保参保名册中"))
    if "dibao" in rosters:
        on_roster = any(m.id_number in rosters["dibao"] for m in alive)
        tagged = "低保" in facts.tags
        if on_roster and not tagged:
            found.append(Finding("wrong", "低保", "低保名册中有本户成员，户未标注“低保”"))
        elif tagged and not on_roster:
            found.append(Finding("wrong", "低保", "户标注“低保”，低保名册中没有本户成员"))
    return found


# --- living environment (人居环境) ----------------------------------------------------------------------

FURNITURE = ["床", "榻", "桌", "椅", "柜", "其他"]
HYGIENE_RATINGS = ["好", "较好", "一般", "差"]


@dataclass(frozen=True)
class FurnitureBalance:
    item: str
    needed: int
    bought: int
    delivered: int

    @property
    def owed(self) -> int:
        """Still to be delivered to households."""
        return max(self.needed - self.delivered, 0)

    @property
    def to_buy(self) -> int:
        """Still to be bought (what was delivered from elsewhere, a donation say, needs no buying)."""
        return max(self.needed - max(self.bought, self.delivered), 0)


def furniture_balance(
    needs: Iterable[tuple[str, int, bool]], bought: Iterable[tuple[str, int]]
) -> list[FurnitureBalance]:
    """Per item: (item, quantity, delivered) needs and (item, quantity) purchase lines → needed, bought, delivered."""
    needed, delivered, purchased = defaultdict(int), defaultdict(int), defaultdict(int)
    for item, quantity, done in needs:
        needed[item] += quantity
        if done:
            delivered[item] += quantity
    for item, quantity in bought:
        purchased[item] += quantity
    items = sorted(set(needed) | set(purchased), key=lambda i: (FURNITURE.index(i) if i in FURNITURE else 99, i))
    return [FurnitureBalance(i, needed[i], purchased[i], delivered[i]) for i in items]


# --- the household's 明白卡 -------------------------------------------------------------------------


def derived_benefits(members: Iterable[MemberFacts], tags: Iterable[str]) -> list[str]:
    """Policies the registry already shows the household enjoys (the card lists these before the entered ones)."""
    alive = [m for m in members if m.alive]
    benefits = []
    students = [m.name for m in alive if m.is_student]
    if students:
        benefits.append(f"教育资助：在校生 {'、'.join(students)}")
    disabled = [m.name for m in alive if m.disabled]
    if disabled:
        benefits.append(f"残疾人两项补贴：{'、'.join(disabled)}")
    if "低保" in set(tags):
        benefits.append("城乡低保")
    if "特困" in set(tags):
        benefits.append("特困人员救助供养")
    return benefits
