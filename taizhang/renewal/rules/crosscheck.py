"""The cross-check of the ledger with the police station's data (数据比对): names and ID numbers compared, each
discrepancy with its category."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache

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


# An extract is "partial" when it leaves a community of the project out entirely or finds fewer than this share of
# the project's persons: a real office once uploaded an extract covering 3 of 2,500 persons and replaced 101 real
# tasks with 2,495 false 公安无此人. The floor is a parameter so that a project may set its own.
COVERAGE_FLOOR = Fraction(4, 5)


@dataclass(frozen=True)
class Coverage:
    """Of a community's persons in the project, how many the extract lists (by ID number)."""

    community: str
    persons: int
    found: int

    @property
    def share(self) -> Fraction:
        return Fraction(self.found, self.persons) if self.persons else Fraction(1)

    @property
    def percent(self) -> str:
        return f"{float(self.share) * 100:.1f}%"


def coverage_total(communities: Iterable[Coverage]) -> Coverage:
    rows = list(communities)
    return Coverage("合计", sum(c.persons for c in rows), sum(c.found for c in rows))


def coverage_warnings(communities: Iterable[Coverage], *, floor: Fraction = COVERAGE_FLOOR) -> list[str]:
    """Why an extract looks partial (empty when it covers the project): every community with persons of which
    the extract lists none, and a total share under the floor. A community without persons cannot be missed."""
    rows = list(communities)
    warnings = [
        f"{c.community}：文件中没有该村居的任何人员（0/{c.persons}）" for c in rows if c.persons and not c.found
    ]
    total = coverage_total(rows)
    if total.persons and total.share < floor:
        warnings.append(
            f"合计只覆盖 {total.found}/{total.persons} 人（{total.percent}），低于 {float(floor) * 100:.0f}%"
        )
    return warnings
