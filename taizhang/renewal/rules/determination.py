"""Population determination (人口界定): who of a household counts, by the project's rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

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
