"""The person-per-row household import: parse and validate everything, then apply whole or not at all.

Re-importing the same file changes nothing: households are matched by 户编号 within the unit,
persons by 身份证号 within the unit, and only differing values are written.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import BooleanField, OuterRef, Subquery
from django.db.models.expressions import RawSQL

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.core.bulk import analyze_after_commit, bulk_insert
from taizhang.core.models import RecordStatus
from taizhang.documents.importing import DEFAULT_READING, Reading, open_for_import
from taizhang.documents.importing import ImportReport as BaseImportReport
from taizhang.documents.tabular import RowError
from taizhang.org.models import OrgNode
from taizhang.registry import fields as F
from taizhang.registry.import_rows import HOUSEHOLD_COLUMNS, PERSON_COLUMNS, HouseholdRow, parse_rows
from taizhang.registry.models import HEAD_RELATION, Household, LifeStatus, Person
from taizhang.registry.rules import (
    id_birth_date,
    id_gender,
    id_reversed,
    pinyin_initials,
)


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
                _apply(unit, plan, actor, report, batch)
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


WHOLE_UNIT_FROM = 5000  # rows; from this size on, reading the unit's persons at once beats lookups by ID


def _chunks(items: list):
    # SQLite takes 999 bound parameters per statement; PostgreSQL far more, and fewer round trips pay.
    size = min(connection.features.max_query_params or 5000, 5000) - 50
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing_persons(unit: OrgNode, file_ids: list[str]) -> dict[str, ExistingPerson]:
    persons = Person.objects.filter(unit=unit).values_list(
        *ExistingPerson._fields[:3], "household__household_no", *ExistingPerson._fields[4:]
    )
    if len(file_ids) >= WHOLE_UNIT_FROM:
        rows = persons.iterator(5000)
    else:
        rows = (row for chunk in _chunks(file_ids) for row in persons.filter(id_number__in=chunk))
    return {row[1]: ExistingPerson(*row) for row in rows}


def _registered_elsewhere(unit: OrgNode, id_numbers: list[str]) -> dict[str, str]:
    """身份证号 of living persons active in another unit → that unit's name (one person, one household)."""
    persons = Person.objects.filter(status=RecordStatus.ACTIVE, life_status=LifeStatus.ALIVE).exclude(unit=unit)
    if connection.vendor == "postgresql":
        # One array parameter instead of thousands of bound ones.
        table = Person._meta.db_table
        matches = (
            persons.filter(RawSQL(f'"{table}"."id_number" = ANY(%s)', (id_numbers,), output_field=BooleanField())),
        )
    else:
        matches = (persons.filter(id_number__in=chunk) for chunk in _chunks(id_numbers))
    return {id_number: name for query in matches for id_number, name in query.values_list("id_number", "unit__name")}


def _plan(unit: OrgNode, households: dict[str, HouseholdRow], report: ImportReport) -> Plan:
    existing_households = {
        row[1]: ExistingHousehold(*row)
        for row in Household.objects.filter(unit=unit).values_list(*ExistingHousehold._fields).iterator(5000)
    }
    file_ids = [p.id_number for h in households.values() for p in h.persons]
    existing_persons = _existing_persons(unit, file_ids)
    elsewhere = _registered_elsewhere(unit, file_ids)
    plan = Plan(households, existing_households, existing_persons)

    # Heads among members already registered that the file does not mention.
    file_id_set = set(file_ids)
    other_heads: dict[int, list[str]] = defaultdict(list)
    household_ids = [row.id for no, row in existing_households.items() if no in households]
    for chunk in _chunks(household_ids):
        for household_id, id_number, name in Person.objects.filter(
            household_id__in=chunk, relation=HEAD_RELATION, status=RecordStatus.ACTIVE
        ).values_list("household_id", "id_number", "name"):
            if id_number not in file_id_set:
                other_heads[household_id].append(name)

    for no, household in households.items():
        existing = existing_households.get(no)
        if existing and existing.status == RecordStatus.VOIDED:
            report.add(RowError(household.row, "户编号", no, "该户已作废，请先在系统中恢复后再导入"))
            continue
        heads = [p.row for p in household.persons if p.values["relation"] == HEAD_RELATION]
        kept = other_heads.get(existing.id, []) if existing else []
        if len(heads) + len(kept) != 1:
            where = "、".join(f"第{r}行" for r in heads) + ("、".join(kept) and f"；系统中已有户主 {'、'.join(kept)}")
            reason = "没有户主" if not heads and not kept else f"有{len(heads) + len(kept)}个户主（{where}）"
            report.add(RowError(household.row, "与户主关系", no, f"户编号 {no} {reason}；每户必须有且只有一个户主"))
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
            if before and before.status == RecordStatus.VOIDED:
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
        for person in household.persons:
            before = existing_persons.get(person.id_number)
            if before is None:
                plan.new_persons.add(person.id_number)
                report.persons_created += 1
                members_changed = True
                continue
            changes = _changed(before, person.values)
            if before.household_no != no:
                changes["户编号"] = [before.household_no, no]
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
        if changes or members_changed:
            report.households_updated += 1
            plan.household_changes[no] = changes
        else:
            report.households_unchanged += 1
    return plan


def _changed(before: NamedTuple, after: dict) -> dict:
    return {key: [getattr(before, key), value] for key, value in after.items() if getattr(before, key) != value}


PERSON_LABELS = {attr: column for column, attr in PERSON_COLUMNS.items()}
HOUSEHOLD_LABELS = {attr: column for column, attr in HOUSEHOLD_COLUMNS.items()}


def _apply(unit: OrgNode, plan: Plan, actor, report: ImportReport, batch) -> None:
    now = clock.now()
    batch_id = batch.pk if batch is not None else None
    bulk_insert(
        Household,
        (
            {
                "unit_id": unit.id,
                "household_no": no,
                "created_at": now,
                "updated_at": now,
                "import_batch_id": batch_id,
                **plan.households[no].values,
            }
            for no in plan.household_changes
            if no not in plan.existing_households
        ),
    )
    ids = dict(Household.objects.filter(unit=unit).values_list("household_no", "id").iterator(5000))

    update_fields = sorted({k for changes in plan.household_changes.values() for k in changes})
    Household.objects.bulk_update(
        [
            Household(
                id=ids[no],
                updated_at=now,
                **{
                    k: plan.households[no].values.get(k, getattr(plan.existing_households[no], k))
                    for k in update_fields
                },
            )
            for no, changes in plan.household_changes.items()
            if changes
        ],
        [*update_fields, "updated_at"],
        batch_size=500,
    )

    bulk_insert(
        Person,
        (
            {
                "unit_id": unit.id,
                "id_number": person.id_number,
                "id_reversed": id_reversed(person.id_number),
                "gender": id_gender(person.id_number),
                "birth_date": id_birth_date(person.id_number),
                "name_initials": pinyin_initials(person.values["name"]),
                "household_id": ids[person.household_no],
                "import_batch_id": batch_id,
                "created_at": now,
                "updated_at": now,
                **person.values,
            }
            for household in plan.households.values()
            for person in household.persons
            if person.id_number in plan.new_persons
        ),
    )
    changed_persons = [
        Person(
            id=plan.existing_persons[person.id_number].id,
            household_id=ids[person.household_no],
            name_initials=pinyin_initials(person.values["name"]),
            updated_at=now,
            **person.values,
        )
        for household in plan.households.values()
        for person in household.persons
        if person.id_number in plan.person_changes
    ]
    if changed_persons:
        value_fields = next(iter(plan.households.values())).persons[0].values.keys()
        Person.objects.bulk_update(
            changed_persons, ["household_id", "name_initials", "updated_at", *value_fields], batch_size=500
        )

    head_of = Subquery(
        Person.objects.filter(household=OuterRef("pk"), relation=HEAD_RELATION, status=RecordStatus.ACTIVE).values(
            "id"
        )[:1]
    )
    if len(plan.household_changes) * 2 > len(ids):
        # Most of the unit changed (a first import): one statement, re-deriving the rest does no harm.
        Household.objects.filter(unit=unit).update(head=head_of)
    else:
        for chunk in _chunks([ids[no] for no in plan.household_changes]):
            Household.objects.filter(id__in=chunk).update(head=head_of)

    report.applied = True
    audit_append(_import_drafts(unit, plan, ids, report, batch), actor=actor, at=now)
    analyze_after_commit(Household, Person, AuditEntry, rows=len(plan.new_persons) + len(plan.person_changes))


def _import_drafts(unit: OrgNode, plan: Plan, ids: dict[str, int], report: ImportReport, batch):
    """One audit entry per new or changed household (its fields and its members' fields), then a summary.

    A new member's fields are keyed "姓名·列" ("张三·身份证号"), so neither the name nor, in a new
    household, the 户编号 is repeated as a field of its own."""
    communities = dict(OrgNode.objects.filter(unit=unit).values_list("id", "name"))
    suffix = {attr: f"·{column}" for attr, column in PERSON_LABELS.items()}
    reason = f"导入文件 {report.filename}" if batch is None else f"导入批次 {batch.pk}：{report.filename}"
    create, update = AuditEntry.Action.IMPORT_CREATE.value, AuditEntry.Action.IMPORT_UPDATE.value
    for no, changes in plan.household_changes.items():
        household = plan.households[no]
        created = no not in plan.existing_households
        if created:
            changes = {key: [None, value] for key, value in household.values.items() if value not in (None, "", False)}
        fields = {HOUSEHOLD_LABELS.get(k, k): pair for k, pair in changes.items()}
        if "村居" in fields:
            fields["村居"] = [communities.get(fields["村居"][0]), communities.get(fields["村居"][1])]
        for person in household.persons:
            name = person.values["name"]
            if person.id_number in plan.new_persons:
                fields[name + "·身份证号"] = [None, person.id_number]
                for key, value in person.values.items():
                    if value and key != "name":
                        fields[name + suffix[key]] = [None, value]
                if not created:
                    fields[name + "·户编号"] = [None, no]
            else:
                for key, pair in plan.person_changes.get(person.id_number, {}).items():
                    fields[name + suffix.get(key, f"·{key}")] = pair
        yield Draft(
            action=create if created else update,
            object_type="registry.household",
            object_id=str(ids[no]),
            object_repr=f"户 {no}",
            unit_id=unit.id,
            community_id=household.values["community_id"],
            household_id=ids[no],
            changes=fields,
            reason=reason,
        )
    yield Draft(
        action=AuditEntry.Action.IMPORT,
        object_type="registry.import",
        object_repr=report.filename[:200],
        unit_id=unit.id,
        changes={"结果": [None, report.summary()]},
    )
