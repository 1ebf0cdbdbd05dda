"""The person-per-row household import: parse and validate everything, then apply whole or not at all.

Re-importing the same file changes nothing: households are matched by 户编号 within the unit,
persons by 身份证号 within the unit, and only differing values are written.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, models, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from taizhang.core.bulk import collector_paused, statement_chunks
from taizhang.core.models import RecordStatus
from taizhang.documents.importing import DEFAULT_READING, Reading, open_for_import
from taizhang.documents.importing import ImportReport as BaseImportReport
from taizhang.documents.tabular import RowError
from taizhang.org.models import OrgNode
from taizhang.registry import fields as F
from taizhang.registry.import_rows import HouseholdRow, parse_rows
from taizhang.registry.import_writing import apply_plan
from taizhang.registry.models import HEAD_RELATION, Household, LifeStatus, Person


@dataclass
class ImportReport(BaseImportReport):
    households_created: int = 0
    households_updated: int = 0
    households_unchanged: int = 0
    persons_created: int = 0
    persons_updated: int = 0
    persons_unchanged: int = 0

    def summary(self) -> str:
        verb = "已导入" if self.applied else "可导入"
        return (
            f"共 {self.rows} 行：{verb}新户 {self.households_created} 户、更新 {self.households_updated} 户、"
            f"未变 {self.households_unchanged} 户；新增人员 {self.persons_created} 人、更新 {self.persons_updated} 人、"
            f"未变 {self.persons_unchanged} 人"
        )

    def counts(self) -> list[tuple[str, int]]:
        return [
            ("新户", self.households_created),
            ("更新的户", self.households_updated),
            ("未变的户", self.households_unchanged),
            ("新增人员", self.persons_created),
            ("更新的人员", self.persons_updated),
            ("未变的人员", self.persons_unchanged),
        ]


def household_import(
    *,
    unit: OrgNode,
    data,
    filename: str,
    actor=None,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> ImportReport:
    report = ImportReport(filename=filename)
    with collector_paused():
        opened = open_for_import(report, data, filename, F.REQUIRED_COLUMNS, F.OPTIONAL_COLUMNS, reading)
        if opened is None:
            return report
        table, index = opened
        with transaction.atomic():
            households = parse_rows(table, index, unit, report)
            report.no_rows()
            if report.ok:
                plan = _plan(unit, households, report)
                if report.ok and not dry_run:
                    apply_plan(unit, plan, actor, report, batch)
    return report


class ExistingHousehold(NamedTuple):
    id: int
    household_no: str
    community_id: int
    address: str
    phone: str
    bank_name: str
    bank_account: str
    status: str


class ExistingPerson(NamedTuple):
    id: int
    id_number: str
    household_id: int | None
    household_no: str | None
    status: str
    life_status: str
    name: str
    relation: str
    phone: str
    is_student: bool
    disability_category: str
    disability_grade: str
    employment: str


# Tuples rather than dicts and no per-person change records for new persons: a 150,000-person
# file must import in well under 500 MB.
@dataclass
class Plan:
    households: dict[str, HouseholdRow]
    existing_households: dict[str, ExistingHousehold]
    existing_persons: dict[str, ExistingPerson]
    household_changes: dict[str, dict] = field(default_factory=dict)  # 户编号 → changed fields, for new or changed
    person_changes: dict[str, dict] = field(default_factory=dict)  # 身份证号 → changed fields, existing persons only
    new_persons: set[str] = field(default_factory=set)
    # Records an undone import batch voided, brought back by this import (户编号 / 身份证号).
    revived_households: set[str] = field(default_factory=set)
    revived_persons: set[str] = field(default_factory=set)


WHOLE_UNIT_FROM = 5000  # rows; from this size on, reading the unit's persons at once beats lookups by ID


def _existing_persons(unit: OrgNode, file_ids: list[str]) -> dict[str, ExistingPerson]:
    persons = Person.objects.filter(unit=unit).values_list(
        *ExistingPerson._fields[:3], "household__household_no", *ExistingPerson._fields[4:]
    )
    if len(file_ids) >= WHOLE_UNIT_FROM:
        rows = persons.iterator(5000)
    else:
        rows = (row for chunk in statement_chunks(file_ids) for row in persons.filter(id_number__in=chunk))
    return {row[1]: ExistingPerson(*row) for row in rows}


def _registered_elsewhere(unit: OrgNode, id_numbers: list[str]) -> dict[str, str]:
    """身份证号 of living persons active in another unit → that unit's name (one person, one household).

    One query with the numbers as one parameter (an array; for SQLite a JSON list), not one per thousand numbers."""
    column = f'"{Person._meta.db_table}"."id_number"'
    if connection.vendor == "postgresql":
        among = RawSQL(f"{column} = ANY(%s)", (id_numbers,), output_field=BooleanField())
    else:
        among = RawSQL(
            f"{column} IN (SELECT value FROM json_each(%s))", (json.dumps(id_numbers),), output_field=BooleanField()
        )
    persons = Person.objects.filter(among, status=RecordStatus.ACTIVE, life_status=LifeStatus.ALIVE).exclude(unit=unit)
    return dict(persons.values_list("id_number", "unit__name"))


def _revivable(model, unit: OrgNode, key: str) -> set[str]:
    """The natural keys (户编号, 身份证号) of the unit's records that an undone import batch voided: an import may bring
    them back, while a record voided by hand must be restored by hand first. The undo voids with the batch's own
    reason, before it marks the batch voided; a record voided by hand before the undo keeps its own reason."""
    return set(
        model.objects.filter(
            unit=unit,
            status=RecordStatus.VOIDED,
            import_batch__status=RecordStatus.VOIDED,
            void_reason=models.F("import_batch__void_reason"),
            voided_at__lte=models.F("import_batch__voided_at"),
        ).values_list(key, flat=True)
    )


def _plan(unit: OrgNode, households: dict[str, HouseholdRow], report: ImportReport) -> Plan:
    existing_households = {
        row[1]: ExistingHousehold(*row)
        for row in Household.objects.filter(unit=unit).values_list(*ExistingHousehold._fields).iterator(5000)
    }
    file_ids = [p.id_number for h in households.values() for p in h.persons]
    existing_persons = _existing_persons(unit, file_ids)
    elsewhere = _registered_elsewhere(unit, file_ids)
    plan = Plan(households, existing_households, existing_persons)
    if any(row.status == RecordStatus.VOIDED for row in existing_households.values()):
        plan.revived_households = _revivable(Household, unit, "household_no") & households.keys()
    if any(row.status == RecordStatus.VOIDED for row in existing_persons.values()):
        plan.revived_persons = _revivable(Person, unit, "id_number") & set(file_ids)

    # Heads among members already registered that the file does not mention.
    file_id_set = set(file_ids)
    other_heads: dict[int, list[str]] = defaultdict(list)
    household_ids = [row.id for no, row in existing_households.items() if no in households]
    for chunk in statement_chunks(household_ids):
        for household_id, id_number, name in Person.objects.filter(
            household_id__in=chunk, relation=HEAD_RELATION, status=RecordStatus.ACTIVE
        ).values_list("household_id", "id_number", "name"):
            if id_number not in file_id_set:
                other_heads[household_id].append(name)

    for no, household in households.items():
        existing = existing_households.get(no)
        if existing and existing.status == RecordStatus.VOIDED and no not in plan.revived_households:
            report.add(RowError(household.row, "户编号", no, "该户已作废，请先在系统中恢复后再导入"))
            continue
        heads = [p.row for p in household.persons if p.values["relation"] == HEAD_RELATION]
        kept = other_heads.get(existing.id, []) if existing else []
        if len(heads) + len(kept) != 1:
            where = "、".join(f"第{r}行" for r in heads) + ("、".join(kept) and f"；系统中已有户主 {'、'.join(kept)}")
            reason = "没有户主" if not heads and not kept else f"有{len(heads) + len(kept)}个户主（{where}）"
            report.add(RowError(household.row, "与户主关系", no, f"户编号 {no} {reason}；每户必须有且只有一个户主"))
        if not (existing_persons or elsewhere):
            continue  # a unit's first import: nothing to check per person
        for person in household.persons:
            if person.id_number in elsewhere:
                report.add(
                    RowError(
                        person.row,
                        "身份证号",
                        person.id_number,
                        f"此人已登记在{elsewhere[person.id_number]}，一人只能属于一个户",
                    )
                )
            before = existing_persons.get(person.id_number)
            if before and before.status == RecordStatus.VOIDED and person.id_number not in plan.revived_persons:
                report.add(RowError(person.row, "身份证号", person.id_number, "该人员已作废，请先在系统中恢复后再导入"))
            elif (
                before
                and before.household_no not in (None, no)
                and before.relation == HEAD_RELATION
                and before.household_no not in households
            ):
                report.add(
                    RowError(
                        person.row, "户编号", no, f"此人是户 {before.household_no} 的户主，移到本户后原户将没有户主"
                    )
                )
    if not report.ok:
        return plan

    for no, household in households.items():
        existing = existing_households.get(no)
        members_changed = False
        if not existing_persons:  # a unit's first import: every person is new
            plan.new_persons.update(person.id_number for person in household.persons)
            report.persons_created += len(household.persons)
            members_changed = True
        for person in household.persons if existing_persons else ():
            before = existing_persons.get(person.id_number)
            if before is None:
                plan.new_persons.add(person.id_number)
                report.persons_created += 1
                members_changed = True
                continue
            changes = _changed(before, person.values)
            if before.household_no != no:
                changes["户编号"] = [before.household_no, no]
            if person.id_number in plan.revived_persons:
                changes["status"] = [before.status, RecordStatus.ACTIVE.value]
            if changes:
                plan.person_changes[person.id_number] = changes
                report.persons_updated += 1
                members_changed = True
            else:
                report.persons_unchanged += 1
        if existing is None:
            report.households_created += 1
            plan.household_changes[no] = {}
            continue
        changes = _changed(existing, household.values)
        if no in plan.revived_households:
            changes["status"] = [existing.status, RecordStatus.ACTIVE.value]
        if changes or members_changed:
            report.households_updated += 1
            plan.household_changes[no] = changes
        else:
            report.households_unchanged += 1
    return plan


def _changed(before: NamedTuple, after: dict) -> dict:
    return {key: [getattr(before, key), value] for key, value in after.items() if getattr(before, key) != value}
