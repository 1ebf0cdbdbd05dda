"""Pure rules of old-town renewal (棚改旧改) as 济阳街道 applies them: population determination (人口界定),
compensation and resettlement by a published policy, and the cross-check with the police station's data.
No Django here: plain values in, results with their reasons out, so that "human factors" cannot change them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from itertools import pairwise

FEN = Decimal("0.01")


def yuan(value) -> Decimal:
    """Money rounded to the fen, half up (the way a cashier rounds)."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


# --- population determination (人口界定) ---------------------------------------------------------------

COUNTED, NOT_COUNTED, PENDING = "认定", "不认定", "待定"

# Why a person's hukou left the address, for the special cases the project's rules may count.
SPECIAL_CASES = {"college": "在校大学生（户口迁往学校）", "soldier": "现役军人", "custody": "服刑、羁押人员"}


@dataclass(frozen=True)
class DeterminationRules:
    freeze_date: date
    counted_special_cases: frozenset[str] = frozenset(SPECIAL_CASES)
    newborn_cutoff: date | None = None  # children born after the freeze and up to this date count
    marriage_cutoff: date | None = None  # spouses married in up to this date count, whenever their hukou moved


@dataclass(frozen=True)
class PersonFacts:
    registered_on: date | None  # hukou moved to the address (迁入日期); None: not known
    left_on: date | None = None  # hukou moved out, or the person died or was deregistered
    left_for: str = ""  # a SPECIAL_CASES key when the hukou left for college, the army, custody
    resident: bool = True  # False: 空挂户, registered here but never living here
    born_on: date | None = None
    married_in_on: date | None = None


def determine(person: PersonFacts, rules: DeterminationRules) -> tuple[str, str]:
    """认定/不认定/待定 with the reason, under the project's rules; the freeze date itself still counts."""
    freeze = rules.freeze_date
    if person.left_on is not None and person.left_on <= freeze:
        if person.left_for in rules.counted_special_cases:
            return COUNTED, f"{SPECIAL_CASES[person.left_for]}，冻结前户口迁出，按政策认定"
        if person.left_for in SPECIAL_CASES:
            return NOT_COUNTED, f"{SPECIAL_CASES[person.left_for]}，本项目规则不予认定"
        return NOT_COUNTED, f"{person.left_on:%Y-%m-%d} 已迁出或注销，冻结日不在册"
    if person.registered_on is None:
        return PENDING, "迁入日期不明，待与派出所核实"
    if not person.resident:
        return NOT_COUNTED, "空挂户：户籍在此但未实际居住"
    if person.registered_on <= freeze:
        return COUNTED, f"冻结日（{freeze:%Y-%m-%d}）户籍在册"
    if person.born_on and person.born_on > freeze and rules.newborn_cutoff and person.born_on <= rules.newborn_cutoff:
        return COUNTED, f"冻结后出生、{rules.newborn_cutoff:%Y-%m-%d} 前出生的子女，按政策认定"
    if person.married_in_on and rules.marriage_cutoff and person.married_in_on <= rules.marriage_cutoff:
        return COUNTED, f"{rules.marriage_cutoff:%Y-%m-%d} 前婚入的配偶，按政策认定"
    return NOT_COUNTED, f"冻结日后（{person.registered_on:%Y-%m-%d}）迁入"


def household_determined(verdicts: Iterable[str]) -> bool:
    """A household is 已界定 once none of its persons is 待定."""
    return all(v != PENDING for v in verdicts)


# --- compensation and resettlement by rules ----------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    amount: Decimal
    clause: str  # where the published policy says it, e.g. "第十七条"


@dataclass(frozen=True)
class Deadline:
    by: date
    amount: Decimal
    clause: str


@dataclass(frozen=True)
class Policy:
    """A published compensation policy (one version); all money in yuan, areas in m²."""

    name: str
    unit_prices: dict[tuple[str, str], Clause]  # (structure, certificate status) → price per m²
    decoration_per_m2: Clause
    attachment_prices: dict[str, Clause]  # kind → price per unit
    relocation_fee: Clause  # per move (property-rights exchange moves twice)
    temporary_fee_per_month: Clause
    monetary_temporary_months: int  # months of temporary fee paid with monetary compensation
    signing_awards: tuple[Deadline, ...] = ()  # the first deadline met pays
    vacating_awards: tuple[Deadline, ...] = ()
    area_per_person: Clause = Clause(Decimal("0"), "")  # resettlement entitlement (m² per determined person)
    price_within_entitlement: Clause = Clause(Decimal("0"), "")  # per m² the household pays for entitled area
    price_above_entitlement: Clause = Clause(Decimal("0"), "")  # per m² above it
    price_below_entitlement: Clause = Clause(Decimal("0"), "")  # paid to the household per m² not taken


@dataclass(frozen=True)
class Building:
    label: str
    structure: str  # 钢混/砖混/砖木/简易
    certificate: str  # 有证/无证/违建
    area: Decimal
    built_on: date | None = None


@dataclass(frozen=True)
class Case:
    """What the calculation needs of one household."""

    buildings: tuple[Building, ...]
    attachments: tuple[tuple[str, Decimal], ...] = ()  # (kind, count)
    determined_persons: int = 0
    freeze_date: date | None = None
    signed_on: date | None = None
    vacated_on: date | None = None
    months_until_handover: int = 0  # property-rights exchange: temporary resettlement until the new flat
    chosen_area: Decimal | None = None  # property-rights exchange: the flat chosen (m²)


@dataclass(frozen=True)
class Line:
    item: str
    basis: str  # "120.50 m² × 3,000.00 元/m²"
    amount: Decimal
    rule: str  # what was applied, in words
    clause: str


@dataclass
class Breakdown:
    option: str  # 货币补偿 / 产权调换
    lines: list[Line] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (item, reason)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _award(deadlines: Sequence[Deadline], on: date | None, label: str) -> Line | None:
    if on is None:
        return None
    for deadline in sorted(deadlines, key=lambda d: d.by):
        if on <= deadline.by:
            return Line(
                label,
                f"{on:%Y-%m-%d}{label[:2]}，不晚于 {deadline.by:%Y-%m-%d}",
                yuan(deadline.amount),
                f"{deadline.by:%Y-%m-%d} 前{label[:2]}奖励",
                deadline.clause,
            )
    return None


def _building_lines(case: Case, policy: Policy, breakdown: Breakdown) -> Decimal:
    """Lines for the buildings that count; returns their total legal area (the decoration and exchange base)."""
    legal_area = Decimal("0")
    for building in case.buildings:
        if building.area <= 0:
            breakdown.excluded.append((building.label, "面积为零或负数，待复测"))
            continue
        if building.certificate == "违建":
            breakdown.excluded.append((building.label, "违法建设，不予补偿"))
            continue
        if case.freeze_date and building.built_on and building.built_on > case.freeze_date:
            breakdown.excluded.append((building.label, f"冻结日后（{building.built_on:%Y-%m-%d}）新建、扩建，不予补偿"))
            continue
        price = policy.unit_prices.get((building.structure, building.certificate))
        if price is None:
            breakdown.excluded.append(
                (building.label, f"政策未规定{building.structure}{building.certificate}房屋的单价")
            )
            continue
        legal_area += building.area
        settled = "，产权调换时与安置房价款结算差价" if breakdown.option == "产权调换" else ""
        breakdown.lines.append(
            Line(
                f"房屋补偿（{building.label}）",
                f"{building.area} m² × {_money(price.amount)} 元/m²",
                yuan(building.area * price.amount),
                f"{building.structure}、{building.certificate}房屋按建筑面积补偿{settled}",
                price.clause,
            )
        )
    return legal_area


def _common_lines(
    case: Case, policy: Policy, breakdown: Breakdown, legal_area: Decimal, moves: int, temporary_months: int
) -> None:
    if legal_area:
        breakdown.lines.append(
            Line(
                "装修补偿",
                f"{legal_area} m² × {_money(policy.decoration_per_m2.amount)} 元/m²",
                yuan(legal_area * policy.decoration_per_m2.amount),
                "按合法建筑面积补偿装修",
                policy.decoration_per_m2.clause,
            )
        )
    for kind, count in case.attachments:
        price = policy.attachment_prices.get(kind)
        if price is None:
            breakdown.excluded.append((kind, "政策未规定该附属物的补偿标准"))
            continue
        breakdown.lines.append(
            Line(
                f"附属物（{kind}）",
                f"{count} × {_money(price.amount)} 元",
                yuan(count * price.amount),
                "附属物按数量补偿",
                price.clause,
            )
        )
    breakdown.lines.append(
        Line(
            "搬迁费",
            f"{moves} 次 × {_money(policy.relocation_fee.amount)} 元",
            yuan(moves * policy.relocation_fee.amount),
            "货币补偿搬迁一次" if moves == 1 else "产权调换搬迁两次（出、回迁）",
            policy.relocation_fee.clause,
        )
    )
    if temporary_months:
        breakdown.lines.append(
            Line(
                "临时安置费",
                f"{temporary_months} 个月 × {_money(policy.temporary_fee_per_month.amount)} 元",
                yuan(temporary_months * policy.temporary_fee_per_month.amount),
                "按月计发至交房",
                policy.temporary_fee_per_month.clause,
            )
        )
    for award in (
        _award(policy.signing_awards, case.signed_on, "签约奖励"),
        _award(policy.vacating_awards, case.vacated_on, "腾空奖励"),
    ):
        if award:
            breakdown.lines.append(award)


def monetary(case: Case, policy: Policy) -> Breakdown:
    """货币补偿: the buildings at their unit prices, decoration, attachments, one move, awards."""
    breakdown = Breakdown("货币补偿")
    legal_area = _building_lines(case, policy, breakdown)
    _common_lines(case, policy, breakdown, legal_area, moves=1, temporary_months=policy.monetary_temporary_months)
    return breakdown


def property_exchange(case: Case, policy: Policy) -> Breakdown:
    """产权调换: the buildings' value is settled against the price of the new flat — entitled area at the policy's
    price, area above it at the higher price, entitled area not taken paid for; two moves and the temporary fee
    until the handover. A positive total is paid to the household, a negative one it pays."""
    breakdown = Breakdown("产权调换")
    legal_area = _building_lines(case, policy, breakdown)
    entitled = policy.area_per_person.amount * case.determined_persons
    chosen = case.chosen_area if case.chosen_area is not None else entitled
    breakdown.lines.append(
        Line(
            "安置面积（应安置）",
            f"{case.determined_persons} 人 × {policy.area_per_person.amount} m²",
            Decimal("0.00"),
            f"应安置面积 {entitled} m²，选房 {chosen} m²",
            policy.area_per_person.clause,
        )
    )
    within = min(chosen, entitled)
    if within:
        breakdown.lines.append(
            Line(
                "安置房价款（应安置面积内）",
                f"{within} m² × {_money(policy.price_within_entitlement.amount)} 元/m²",
                -yuan(within * policy.price_within_entitlement.amount),
                "应安置面积内按政策价购买",
                policy.price_within_entitlement.clause,
            )
        )
    if chosen > entitled:
        above = chosen - entitled
        breakdown.lines.append(
            Line(
                "超出应安置面积部分",
                f"{above} m² × {_money(policy.price_above_entitlement.amount)} 元/m²",
                -yuan(above * policy.price_above_entitlement.amount),
                "超出部分按政策价购买",
                policy.price_above_entitlement.clause,
            )
        )
    elif chosen < entitled:
        below = entitled - chosen
        breakdown.lines.append(
            Line(
                "未选足应安置面积部分",
                f"{below} m² × {_money(policy.price_below_entitlement.amount)} 元/m²",
                yuan(below * policy.price_below_entitlement.amount),
                "未选足部分按政策价补偿",
                policy.price_below_entitlement.clause,
            )
        )
    _common_lines(case, policy, breakdown, legal_area, moves=2, temporary_months=case.months_until_handover)
    return breakdown


def difference(before: Breakdown, after: Breakdown) -> list[tuple[str, Decimal, Decimal]]:
    """Per item, what a policy change does to one household: (item, before, after) where they differ."""
    old = {line.item: line.amount for line in before.lines}
    new = {line.item: line.amount for line in after.lines}
    items = list(dict.fromkeys([*old, *new]))
    rows = [(item, old.get(item, Decimal("0.00")), new.get(item, Decimal("0.00"))) for item in items]
    rows = [row for row in rows if row[1] != row[2]]
    if before.total != after.total:
        rows.append(("合计", before.total, after.total))
    return rows


# --- the cross-check with the police station's data (数据比对) -------------------------------------------

SAME, NOT_IN_POLICE, NOT_IN_LEDGER, NAME_MISMATCH, MOVED_IN_AFTER_FREEZE, DEAD_OR_CANCELLED, DUPLICATE = (
    "一致",
    "公安无此人",
    "台账未登记",
    "姓名不符",
    "冻结后迁入",
    "死亡或注销",
    "重复登记",
)
CATEGORIES = [SAME, NOT_IN_POLICE, NOT_IN_LEDGER, NAME_MISMATCH, MOVED_IN_AFTER_FREEZE, DEAD_OR_CANCELLED, DUPLICATE]
# Characters that simplified-Chinese conversion leaves apart but registries use for the same surname.
VARIANTS = str.maketrans({"锺": "钟", "閆": "阎", "闫": "阎", "戶": "户", "峯": "峰", "堃": "坤"})
_NOT_NAME = re.compile(r"[\s·•．.・_\-]")
DEAD_WORDS = ("死亡", "注销", "销户")


@lru_cache(maxsize=1)
def _to_simplified():
    from opencc import OpenCC

    return OpenCC("t2s").convert


def normalise_id(raw) -> str:
    """Full-width digits, spaces and a lower-case x do not make a different person."""
    text = raw if type(raw) is str else str(raw or "")
    if not text.isascii():  # full-width digits or spaces: the rare case
        text = unicodedata.normalize("NFKC", text)
    return text.strip().replace(" ", "").upper()


def names_match(a: str, b: str) -> bool:
    """Same name, allowing for spaces and dots, traditional characters and common variants."""

    def key(name: str) -> str:
        return _NOT_NAME.sub("", unicodedata.normalize("NFKC", name or ""))

    ka, kb = key(a), key(b)
    if ka == kb:
        return True
    convert = _to_simplified()
    return convert(ka).translate(VARIANTS) == convert(kb).translate(VARIANTS)


@dataclass(frozen=True)
class LedgerPerson:
    key: object  # the caller's reference (a person id)
    name: str
    id_number: str
    household: str  # 户编号


@dataclass(frozen=True)
class PoliceRecord:
    row: int
    name: str
    id_number: str
    hukou_no: str
    address: str
    moved_in_on: date | None
    status: str  # 户籍状态, e.g. 正常 / 死亡 / 注销 / 迁出


@dataclass(frozen=True)
class Discrepancy:
    category: str
    id_number: str
    ledger: LedgerPerson | None
    police: PoliceRecord | None
    detail: str


def crosscheck(
    ledger: Iterable[LedgerPerson], police: Iterable[PoliceRecord], freeze_date: date, in_area=None
) -> list[Discrepancy]:
    """Every ledger person and police record in one category (一致 included), by ID number.

    `in_area(record)` says whether a police record lies inside the project (an extract often covers a whole
    police station's district); records outside it count only when their person is in the ledger."""
    by_id: dict[str, list[LedgerPerson]] = {}
    for person in ledger:
        by_id.setdefault(normalise_id(person.id_number), []).append(person)
    results: list[Discrepancy] = []
    seen: set[str] = set()
    for record in police:
        id_number = normalise_id(record.id_number)
        if id_number in seen:
            continue  # the extract lists a person once per hukou; the first row decides
        seen.add(id_number)
        people = by_id.get(id_number)
        if not people and in_area is not None and not in_area(record):
            continue
        if not people:
            results.append(
                Discrepancy(NOT_IN_LEDGER, id_number, None, record, f"户号 {record.hukou_no}，{record.address}")
            )
            continue
        person = people[0]
        if len({p.household for p in people}) > 1:
            results.append(
                Discrepancy(
                    DUPLICATE,
                    id_number,
                    person,
                    record,
                    f"同一身份证号登记在 {'、'.join(sorted({p.household for p in people}))}",
                )
            )
        elif any(word in (record.status or "") for word in DEAD_WORDS):
            results.append(Discrepancy(DEAD_OR_CANCELLED, id_number, person, record, f"户籍状态：{record.status}"))
        elif record.moved_in_on and record.moved_in_on > freeze_date:
            results.append(
                Discrepancy(
                    MOVED_IN_AFTER_FREEZE,
                    id_number,
                    person,
                    record,
                    f"{record.moved_in_on:%Y-%m-%d} 迁入，晚于冻结日 {freeze_date:%Y-%m-%d}",
                )
            )
        elif not names_match(person.name, record.name):
            results.append(
                Discrepancy(NAME_MISMATCH, id_number, person, record, f"台账“{person.name}”，公安“{record.name}”")
            )
        else:
            results.append(Discrepancy(SAME, id_number, person, record, ""))
    for id_number, people in by_id.items():
        if id_number not in seen:
            for person in people[:1]:
                results.append(Discrepancy(NOT_IN_POLICE, id_number, person, None, f"户 {person.household}"))
            if len({p.household for p in people}) > 1:
                results.append(
                    Discrepancy(
                        DUPLICATE,
                        id_number,
                        people[0],
                        None,
                        f"同一身份证号登记在 {'、'.join(sorted({p.household for p in people}))}",
                    )
                )
    return results


def category_counts(results: Iterable[Discrepancy]) -> dict[str, int]:
    counts = dict.fromkeys(CATEGORIES, 0)
    for result in results:
        counts[result.category] += 1
    return counts


# --- publicity ----------------------------------------------------------------------------------------

from datetime import timedelta  # noqa: E402  (this section's own import, kept with it)

NOT_POSTED, UPCOMING, POSTED, DISPUTED, CORRECTED, FINAL = (
    "未公示",
    "待公示",
    "公示中",
    "已公示·有异议",
    "已更正·待重新公示",
    "已确定",
)


def publicity_window(starts_on: date, days: int) -> tuple[date, date]:
    """The window posted for `days` days counting the first: 7 days from 6-1 end on 6-7 (inclusive)."""
    if days < 1:
        raise ValueError("公示期至少 1 天")
    return starts_on, starts_on + timedelta(days=days - 1)


def publicity_status(
    *, starts_on: date | None, ends_on: date | None, open_objections: int, corrected: bool, today: date
) -> str:
    """A household's result as its latest publicity leaves it: final only once that window has closed with no open
    objection; a result corrected after an objection must be posted again before it is final."""
    if starts_on is None or ends_on is None:
        return NOT_POSTED
    if today < starts_on:
        return UPCOMING
    if today <= ends_on:
        return POSTED
    if open_objections:
        return DISPUTED
    if corrected:
        return CORRECTED
    return FINAL


# --- measurement ---

HOUSE_AREA_LIMIT = Decimal("2000")
REMEASURE = "待复测"  # the prefix of a flag that asks for the site to be measured again


@dataclass(frozen=True)
class MeasuredBuilding:
    """A measured building as the flags see it."""

    label: str
    floor_area: Decimal
    floors: int = 1
    use: str = "住宅"  # 住宅/经营/厂房: the 2,000 m² bound is for houses, not factory halls
    built_on: date | None = None


def m2(value) -> Decimal:
    """An area in m² to 2 decimals, half up."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def building_footprint(buildings: Iterable[MeasuredBuilding]) -> Decimal:
    """The ground the buildings stand on: each one's floor area divided by its floors (at least one)."""
    return m2(sum((Decimal(b.floor_area) / max(b.floors, 1) for b in buildings), Decimal("0")))


def measurement_flags(
    buildings: Sequence[MeasuredBuilding], site_area: Decimal | None, freeze_date: date | None = None
) -> list[str]:
    """The Chinese flags of a measurement's absurd values (each prefixed 待复测: the field record is kept, the site
    is measured again) and of the buildings built after the freeze (which compensation excludes). Shown, never a
    refusal."""
    flags = []
    if not buildings:
        flags.append(f"{REMEASURE}：没有登记房屋，建筑面积为零")
    for b in buildings:
        if b.floor_area <= 0:
            flags.append(f"{REMEASURE}：{b.label}建筑面积为零或负数（{m2(b.floor_area)} m²）")
        elif b.use != "厂房" and b.floor_area > HOUSE_AREA_LIMIT:
            flags.append(f"{REMEASURE}：{b.label}建筑面积 {m2(b.floor_area)} m²，超过 {HOUSE_AREA_LIMIT} m²，请核实")
        if b.floors < 1:
            flags.append(f"{REMEASURE}：{b.label}层数为 {b.floors}，应至少为 1")
    if site_area is not None:
        footprint = building_footprint(b for b in buildings if b.floor_area > 0)
        if site_area <= 0:
            flags.append(f"{REMEASURE}：占地面积为零或负数（{m2(site_area)} m²）")
        elif site_area < footprint:
            flags.append(
                f"{REMEASURE}：占地面积 {m2(site_area)} m² 小于房屋占地 {footprint} m²（各房屋建筑面积÷层数之和）"
            )
    if freeze_date is not None:
        for b in buildings:
            if b.built_on is not None and b.built_on > freeze_date:
                flags.append(f"{b.label}：冻结日后（{b.built_on:%Y-%m-%d}）新建、扩建，不予补偿")
    return flags


def needs_remeasure(flags: Iterable[str]) -> bool:
    return any(f.startswith(REMEASURE) for f in flags)


# --- policy as data ---------------------------------------------------------------------------------
# A policy version is stored as JSON (CompensationPolicy.data): amounts as strings (Decimals exactly as written),
# dates ISO. The unit admin edits it as a form; these turn it into a `Policy` and back, and say what is wrong with it.

POLICY_STRUCTURES = ("钢混", "砖混", "砖木", "简易")
POLICY_CERTIFICATES = ("有证", "无证")  # 违建 is never paid, so it has no price
# The single-clause items: (key, what residents read, required)
POLICY_ITEMS = (
    ("decoration_per_m2", "装修补偿（元/m²）", True),
    ("relocation_fee", "搬迁费（元/次）", True),
    ("temporary_fee_per_month", "临时安置费（元/月）", True),
    ("area_per_person", "人均安置面积（m²/人）", False),
    ("price_within_entitlement", "应安置面积内购房价（元/m²）", False),
    ("price_above_entitlement", "超出应安置面积购房价（元/m²）", False),
    ("price_below_entitlement", "未选足面积补偿价（元/m²）", False),
)
AWARD_KINDS = (("signing_awards", "签约奖励"), ("vacating_awards", "腾空奖励"))


def _clause_data(clause: Clause) -> dict:
    return {"amount": str(clause.amount), "clause": clause.clause}


def policy_to_data(policy: Policy) -> dict:
    """The JSON-able form of a policy (the inverse of `policy_from_data`)."""
    data = {
        "name": policy.name,
        "unit_prices": [
            {"structure": s, "certificate": c, **_clause_data(price)} for (s, c), price in policy.unit_prices.items()
        ],
        "attachment_prices": [
            {"kind": kind, **_clause_data(price)} for kind, price in policy.attachment_prices.items()
        ],
        "monetary_temporary_months": policy.monetary_temporary_months,
    }
    for key, _label, required in POLICY_ITEMS:
        value = getattr(policy, key)
        data[key] = None if not required and not value.clause and not value.amount else _clause_data(value)
    for key, _label in AWARD_KINDS:
        data[key] = [
            {"by": d.by.isoformat(), "amount": str(d.amount), "clause": d.clause} for d in getattr(policy, key)
        ]
    return data


def _amount(raw, what: str, errors: list[str]) -> Decimal | None:
    try:
        value = Decimal(str(raw).strip().replace(",", ""))
    except (ArithmeticError, ValueError, TypeError):
        errors.append(f"{what}：“{raw}”不是有效的数字")
        return None
    if not value.is_finite():
        errors.append(f"{what}：“{raw}”不是有效的数字")
        return None
    if value < 0:
        errors.append(f"{what}不能为负数")
        return None
    if value != value.quantize(FEN):
        errors.append(f"{what}最多保留两位小数")
        return None
    return value


def _clause(raw, what: str, errors: list[str], required: bool = True) -> Clause | None:
    if not isinstance(raw, dict) or raw.get("amount") in (None, ""):
        if required:
            errors.append(f"{what}未填写")
        return None
    amount = _amount(raw["amount"], what, errors)
    text = str(raw.get("clause") or "").strip()
    if not text:
        errors.append(f"{what}未注明政策条款")
    return Clause(amount, text) if amount is not None and text else None


def _deadline(raw, what: str, errors: list[str]) -> Deadline | None:
    try:
        by = date.fromisoformat(str(raw.get("by")))
    except (ValueError, TypeError, AttributeError):
        errors.append(f"{what}的期限“{raw.get('by') if isinstance(raw, dict) else raw}”不是有效日期")
        return None
    clause = _clause(raw, f"{what}（{by:%Y-%m-%d} 前）", errors)
    return Deadline(by, clause.amount, clause.clause) if clause else None


def _policy_parts(data) -> tuple[dict, list[str]]:
    errors: list[str] = []
    if not isinstance(data, dict):
        return {}, ["补偿标准的格式不正确"]
    parts: dict = {"name": str(data.get("name") or "").strip()}
    prices: dict[tuple[str, str], Clause] = {}
    for row in data.get("unit_prices") or []:
        key = (str(row.get("structure", "")), str(row.get("certificate", "")))
        what = f"房屋单价（{key[0]}、{key[1]}）"
        if key[0] not in POLICY_STRUCTURES or key[1] not in POLICY_CERTIFICATES:
            errors.append(f"{what}：结构应为{'/'.join(POLICY_STRUCTURES)}，证照应为{'/'.join(POLICY_CERTIFICATES)}")
            continue
        if key in prices:
            errors.append(f"{what}重复")
            continue
        clause = _clause(row, what, errors)
        if clause:
            prices[key] = clause
    if not prices and not any("房屋单价" in e for e in errors):
        errors.append("至少填写一种房屋结构的单价")
    parts["unit_prices"] = prices
    attachments: dict[str, Clause] = {}
    for row in data.get("attachment_prices") or []:
        kind = str(row.get("kind") or "").strip()
        if not kind:
            errors.append("附属物未填写名称")
            continue
        if kind in attachments:
            errors.append(f"附属物“{kind}”重复")
            continue
        clause = _clause(row, f"附属物（{kind}）单价", errors)
        if clause:
            attachments[kind] = clause
    parts["attachment_prices"] = attachments
    for key, label, required in POLICY_ITEMS:
        clause = _clause(data.get(key), label, errors, required)
        if clause:
            parts[key] = clause
    if parts.get("area_per_person") and parts["area_per_person"].amount > 0:
        for key, label, _ in POLICY_ITEMS[4:]:
            if key not in parts and not any(e.startswith(label) for e in errors):
                errors.append(f"规定了人均安置面积，还须填写{label}")
    months = data.get("monetary_temporary_months", 0)
    if not isinstance(months, int) or isinstance(months, bool) or months < 0:
        errors.append(f"货币补偿计发临时安置费的月数“{months}”应为不小于 0 的整数")
        months = 0
    parts["monetary_temporary_months"] = months
    for key, label in AWARD_KINDS:
        deadlines = [d for d in (_deadline(row, label, errors) for row in data.get(key) or []) if d]
        deadlines.sort(key=lambda d: d.by)
        for earlier, later in pairwise(deadlines):
            if earlier.by == later.by:
                errors.append(f"{label}的期限 {earlier.by:%Y-%m-%d} 重复")
            elif earlier.amount < later.amount:
                errors.append(
                    f"{label}：{earlier.by:%Y-%m-%d} 前的奖励（{_money(earlier.amount)} 元）"
                    f"不应低于 {later.by:%Y-%m-%d} 前的奖励（{_money(later.amount)} 元）"
                )
        parts[key] = tuple(deadlines)
    return parts, errors


def policy_errors(data) -> list[str]:
    """What is wrong with a policy's data, in words for the unit admin (empty when it can be published)."""
    return _policy_parts(data)[1]


def policy_from_data(data) -> Policy:
    """The `Policy` a version's data describes; ValueError (the Chinese messages joined) when it is not valid."""
    parts, errors = _policy_parts(data)
    if errors:
        raise ValueError("；".join(errors))
    return Policy(**parts)


def vacating_award(policy: Policy, vacated_on: date) -> Line | None:
    """The vacating award a signed household earns by vacating on that day (the first deadline met pays)."""
    return _award(policy.vacating_awards, vacated_on, "腾空奖励")


def breakdown_to_data(breakdown: Breakdown) -> dict:
    """A breakdown as JSON (frozen into the agreement at signing)."""
    return {
        "option": breakdown.option,
        "total": str(breakdown.total),
        "lines": [
            {"item": x.item, "basis": x.basis, "amount": str(x.amount), "rule": x.rule, "clause": x.clause}
            for x in breakdown.lines
        ],
        "excluded": [[item, reason] for item, reason in breakdown.excluded],
    }


def breakdown_from_data(data: dict) -> Breakdown:
    return Breakdown(
        data["option"],
        [Line(x["item"], x["basis"], Decimal(x["amount"]), x["rule"], x["clause"]) for x in data["lines"]],
        [(item, reason) for item, reason in data.get("excluded", [])],
    )


def money_text(value: Decimal) -> str:
    """1,234.50 — how amounts are printed."""
    return _money(yuan(value))


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def _four_digits(n: int) -> str:
    text, zero = "", False
    for position in range(3, -1, -1):
        digit = n // 10**position % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += _DIGITS[digit] + _SMALL_UNITS[position]
    return text


def capital_yuan(value: Decimal) -> str:
    """人民币大写 as on a cheque: 444,691.50 → 肆拾肆万肆仟陆佰玖拾壹元伍角整; a negative amount is 负…."""
    amount = yuan(value)
    sign = "负" if amount < 0 else ""
    fen_total = int(abs(amount) * 100)
    whole, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    groups = []
    while whole:
        groups.append(whole % 10000)
        whole //= 10000
    text, need_zero = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(text)
            continue
        if text and (need_zero or group < 1000):
            text += "零"
        text += _four_digits(group) + _BIG_UNITS[index]
        need_zero = False
    text = (text + "元") if text else ""
    if jiao == 0 and fen == 0:
        return sign + (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    else:
        text += "整"
    return sign + text


# --- progress and the brief ---------------------------------------------------------------------------

import calendar  # noqa: E402  (this section's own imports, kept with it)
from collections.abc import Mapping  # noqa: E402
from dataclasses import fields as _dataclass_fields  # noqa: E402
from datetime import timedelta as _timedelta  # noqa: E402


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
