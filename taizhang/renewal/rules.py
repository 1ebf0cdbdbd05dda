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
    newborn_cutoff: date | None = None    # children born after the freeze and up to this date count
    marriage_cutoff: date | None = None   # spouses married in up to this date count, whenever their hukou moved


@dataclass(frozen=True)
class PersonFacts:
    registered_on: date | None           # hukou moved to the address (迁入日期); None: not known
    left_on: date | None = None          # hukou moved out, or the person died or was deregistered
    left_for: str = ""                   # a SPECIAL_CASES key when the hukou left for college, the army, custody
    resident: bool = True                # False: 空挂户, registered here but never living here
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
    clause: str      # where the published policy says it, e.g. "第十七条"


@dataclass(frozen=True)
class Deadline:
    by: date
    amount: Decimal
    clause: str


@dataclass(frozen=True)
class Policy:
    """A published compensation policy (one version); all money in yuan, areas in m²."""

    name: str
    unit_prices: dict[tuple[str, str], Clause]   # (structure, certificate status) → price per m²
    decoration_per_m2: Clause
    attachment_prices: dict[str, Clause]         # kind → price per unit
    relocation_fee: Clause                       # per move (property-rights exchange moves twice)
    temporary_fee_per_month: Clause
    monetary_temporary_months: int               # months of temporary fee paid with monetary compensation
    signing_awards: tuple[Deadline, ...] = ()    # the first deadline met pays
    vacating_awards: tuple[Deadline, ...] = ()
    area_per_person: Clause = Clause(Decimal("0"), "")          # resettlement entitlement (m² per determined person)
    price_within_entitlement: Clause = Clause(Decimal("0"), "")  # per m² the household pays for entitled area
    price_above_entitlement: Clause = Clause(Decimal("0"), "")   # per m² above it
    price_below_entitlement: Clause = Clause(Decimal("0"), "")   # paid to the household per m² not taken


@dataclass(frozen=True)
class Building:
    label: str
    structure: str        # 钢混/砖混/砖木/简易
    certificate: str      # 有证/无证/违建
    area: Decimal
    built_on: date | None = None


@dataclass(frozen=True)
class Case:
    """What the calculation needs of one household."""

    buildings: tuple[Building, ...]
    attachments: tuple[tuple[str, Decimal], ...] = ()   # (kind, count)
    determined_persons: int = 0
    freeze_date: date | None = None
    signed_on: date | None = None
    vacated_on: date | None = None
    months_until_handover: int = 0      # property-rights exchange: temporary resettlement until the new flat
    chosen_area: Decimal | None = None  # property-rights exchange: the flat chosen (m²)


@dataclass(frozen=True)
class Line:
    item: str
    basis: str          # "120.50 m² × 3,000.00 元/m²"
    amount: Decimal
    rule: str           # what was applied, in words
    clause: str


@dataclass
class Breakdown:
    option: str         # 货币补偿 / 产权调换
    lines: list[Line] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)   # (item, reason)

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
            return Line(label, f"{on:%Y-%m-%d} 前于 {deadline.by:%Y-%m-%d}", yuan(deadline.amount),
                        f"{deadline.by:%Y-%m-%d} 前{label[:2]}奖励", deadline.clause)
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
            breakdown.excluded.append((building.label, f"政策未规定{building.structure}{building.certificate}房屋的单价"))
            continue
        legal_area += building.area
        settled = "，产权调换时与安置房价款结算差价" if breakdown.option == "产权调换" else ""
        breakdown.lines.append(Line(
            f"房屋补偿（{building.label}）", f"{building.area} m² × {_money(price.amount)} 元/m²",
            yuan(building.area * price.amount), f"{building.structure}、{building.certificate}房屋按建筑面积补偿{settled}",
            price.clause))
    return legal_area


def _common_lines(case: Case, policy: Policy, breakdown: Breakdown, legal_area: Decimal, moves: int,
                  temporary_months: int) -> None:
    if legal_area:
        breakdown.lines.append(Line("装修补偿", f"{legal_area} m² × {_money(policy.decoration_per_m2.amount)} 元/m²",
                                    yuan(legal_area * policy.decoration_per_m2.amount), "按合法建筑面积补偿装修",
                                    policy.decoration_per_m2.clause))
    for kind, count in case.attachments:
        price = policy.attachment_prices.get(kind)
        if price is None:
            breakdown.excluded.append((kind, "政策未规定该附属物的补偿标准"))
            continue
        breakdown.lines.append(Line(f"附属物（{kind}）", f"{count} × {_money(price.amount)} 元", yuan(count * price.amount),
                                    "附属物按数量补偿", price.clause))
    breakdown.lines.append(Line("搬迁费", f"{moves} 次 × {_money(policy.relocation_fee.amount)} 元",
                                yuan(moves * policy.relocation_fee.amount),
                                "货币补偿搬迁一次" if moves == 1 else "产权调换搬迁两次（出、回迁）",
                                policy.relocation_fee.clause))
    if temporary_months:
        breakdown.lines.append(Line("临时安置费", f"{temporary_months} 个月 × {_money(policy.temporary_fee_per_month.amount)} 元",
                                    yuan(temporary_months * policy.temporary_fee_per_month.amount),
                                    "按月计发至交房", policy.temporary_fee_per_month.clause))
    for award in (_award(policy.signing_awards, case.signed_on, "签约奖励"),
                  _award(policy.vacating_awards, case.vacated_on, "腾空奖励")):
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
    breakdown.lines.append(Line("安置面积（应安置）", f"{case.determined_persons} 人 × {policy.area_per_person.amount} m²",
                                Decimal("0.00"), f"应安置面积 {entitled} m²，选房 {chosen} m²",
                                policy.area_per_person.clause))
    within = min(chosen, entitled)
    if within:
        breakdown.lines.append(Line("安置房价款（应安置面积内）", f"{within} m² × {_money(policy.price_within_entitlement.amount)} 元/m²",
                                    -yuan(within * policy.price_within_entitlement.amount), "应安置面积内按政策价购买",
                                    policy.price_within_entitlement.clause))
    if chosen > entitled:
        above = chosen - entitled
        breakdown.lines.append(Line("超出应安置面积部分", f"{above} m² × {_money(policy.price_above_entitlement.amount)} 元/m²",
                                    -yuan(above * policy.price_above_entitlement.amount), "超出部分按政策价购买",
                                    policy.price_above_entitlement.clause))
    elif chosen < entitled:
        below = entitled - chosen
        breakdown.lines.append(Line("未选足应安置面积部分", f"{below} m² × {_money(policy.price_below_entitlement.amount)} 元/m²",
                                    yuan(below * policy.price_below_entitlement.amount), "未选足部分按政策价补偿",
                                    policy.price_below_entitlement.clause))
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
    "一致", "公安无此人", "台账未登记", "姓名不符", "冻结后迁入", "死亡或注销", "重复登记")
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
    text = unicodedata.normalize("NFKC", str(raw or "")).strip().replace(" ", "").upper()
    return text


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
    key: object        # the caller's reference (a person id)
    name: str
    id_number: str
    household: str     # 户编号


@dataclass(frozen=True)
class PoliceRecord:
    row: int
    name: str
    id_number: str
    hukou_no: str
    address: str
    moved_in_on: date | None
    status: str        # 户籍状态, e.g. 正常 / 死亡 / 注销 / 迁出


@dataclass(frozen=True)
class Discrepancy:
    category: str
    id_number: str
    ledger: LedgerPerson | None
    police: PoliceRecord | None
    detail: str


def crosscheck(ledger: Iterable[LedgerPerson], police: Iterable[PoliceRecord], freeze_date: date,
               in_area=None) -> list[Discrepancy]:
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
            results.append(Discrepancy(NOT_IN_LEDGER, id_number, None, record, f"户号 {record.hukou_no}，{record.address}"))
            continue
        person = people[0]
        if len({p.household for p in people}) > 1:
            results.append(Discrepancy(DUPLICATE, id_number, person, record,
                                       f"同一身份证号登记在 {'、'.join(sorted({p.household for p in people}))}"))
        elif any(word in (record.status or "") for word in DEAD_WORDS):
            results.append(Discrepancy(DEAD_OR_CANCELLED, id_number, person, record, f"户籍状态：{record.status}"))
        elif record.moved_in_on and record.moved_in_on > freeze_date:
            results.append(Discrepancy(MOVED_IN_AFTER_FREEZE, id_number, person, record,
                                       f"{record.moved_in_on:%Y-%m-%d} 迁入，晚于冻结日 {freeze_date:%Y-%m-%d}"))
        elif not names_match(person.name, record.name):
            results.append(Discrepancy(NAME_MISMATCH, id_number, person, record, f"台账“{person.name}”，公安“{record.name}”"))
        else:
            results.append(Discrepancy(SAME, id_number, person, record, ""))
    for id_number, people in by_id.items():
        if id_number not in seen:
            for person in people[:1]:
                results.append(Discrepancy(NOT_IN_POLICE, id_number, person, None, f"户 {person.household}"))
            if len({p.household for p in people}) > 1:
                results.append(Discrepancy(DUPLICATE, id_number, people[0], None,
                                           f"同一身份证号登记在 {'、'.join(sorted({p.household for p in people}))}"))
    return results


def category_counts(results: Iterable[Discrepancy]) -> dict[str, int]:
    counts = dict.fromkeys(CATEGORIES, 0)
    for result in results:
        counts[result.category] += 1
    return counts
