"""The household import's last phase: the plan written (households, persons, heads) and audited, in the caller's
transaction. A town's first import writes 50,000 households and 150,000 persons, so rows go in as tuples through
one prepared statement (core.bulk) and nothing is built per row that the database does not need."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import OuterRef, Subquery

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.core.bulk import analyze_after_commit, bulk_insert, statement_chunks
from taizhang.core.models import RecordStatus
from taizhang.org.models import OrgNode
from taizhang.registry.import_rows import HOUSEHOLD_COLUMNS, PERSON_COLUMNS
from taizhang.registry.models import HEAD_RELATION, Household, Person
from taizhang.registry.rules import id_birth_date, id_gender, id_reversed, pinyin_initials

if TYPE_CHECKING:
    from taizhang.registry.importing import ImportReport, Plan

PERSON_LABELS = {attr: column for column, attr in PERSON_COLUMNS.items()} | {"status": "状态"}
HOUSEHOLD_LABELS = {attr: column for column, attr in HOUSEHOLD_COLUMNS.items()} | {"status": "状态"}
STATUS_LABELS = dict(RecordStatus.choices)
# What bringing back a record an undone batch voided sets, besides the file's values.
REVIVED = {"status": RecordStatus.ACTIVE, "void_reason": "", "voided_at": None, "voided_by": None}


def apply_plan(unit: OrgNode, plan: Plan, actor, report: ImportReport, batch) -> None:
    now = clock.now()
    batch_id = batch.pk if batch is not None else None
    created = {"unit_id": unit.id, "import_batch_id": batch_id, "created_at": now, "updated_at": now}
    bulk_insert(
        Household,
        (
            (no, values["community_id"], values["address"], *(values.get(k, "") for k in OPTIONAL_HOUSEHOLD))
            for no in plan.household_changes
            if no not in plan.existing_households
            for values in (plan.households[no].values,)
        ),
        columns=("household_no", "community_id", "address", *OPTIONAL_HOUSEHOLD),
        constants=created,
    )
    ids = _household_ids(unit)
    _update_households(plan, ids, now, batch_id)

    value_fields = tuple(next(iter(plan.households.values())).persons[0].values)
    bulk_insert(
        Person,
        (
            (
                ids[person.household_no],
                person.id_number,
                id_reversed(person.id_number),
                id_gender(person.id_number),
                id_birth_date(person.id_number).isoformat(),
                pinyin_initials(person.values["name"]),
                *person.values.values(),
            )
            for household in plan.households.values()
            for person in household.persons
            if person.id_number in plan.new_persons
        ),
        columns=("household_id", "id_number", "id_reversed", "gender", "birth_date", "name_initials", *value_fields),
        constants=created,
    )
    _update_persons(plan, ids, now, batch_id, value_fields)
    _set_heads(unit, plan, ids)

    report.applied = True
    audit_append(_import_drafts(unit, plan, ids, report, batch), actor=actor, at=now)
    analyze_after_commit(Household, Person, rows=len(plan.new_persons) + len(plan.person_changes))


OPTIONAL_HOUSEHOLD = ("phone", "bank_name", "bank_account")  # "" when the file has no such column (the default)


def _household_ids(unit: OrgNode) -> dict[str, int]:
    with connection.cursor() as cursor:  # 50,000 pairs: straight from the cursor
        cursor.execute(
            f"SELECT household_no, id FROM {Household._meta.db_table} WHERE unit_id = %s",  # noqa: S608
            [unit.id],
        )
        return dict(cursor.fetchall())


def _update_households(plan: Plan, ids: dict[str, int], now, batch_id: int | None) -> None:
    changed = {no: changes for no, changes in plan.household_changes.items() if changes}
    value_fields = sorted({k for changes in changed.values() for k in changes} - {"status"})
    records = {}
    for no in changed:
        existing = plan.existing_households[no]
        values = {k: plan.households[no].values.get(k, getattr(existing, k)) for k in value_fields}
        records[no] = Household(id=ids[no], updated_at=now, **values)
    _bulk_update(Household, records, plan.revived_households, [*value_fields, "updated_at"], batch_id)


def _update_persons(plan: Plan, ids: dict[str, int], now, batch_id: int | None, value_fields: tuple) -> None:
    records = {
        person.id_number: Person(
            id=plan.existing_persons[person.id_number].id,
            household_id=ids[person.household_no],
            name_initials=pinyin_initials(person.values["name"]),
            updated_at=now,
            **person.values,
        )
        for household in plan.households.values()
        for person in household.persons
        if person.id_number in plan.person_changes
    }
    fields = ["household_id", "name_initials", "updated_at", *value_fields]
    _bulk_update(Person, records, plan.revived_persons, fields, batch_id)


def _bulk_update(model, records: dict, revived: set[str], fields: list[str], batch_id: int | None) -> None:
    """Write the changed records' fields; those brought back also become active again, as records of this batch."""
    for record in (records[key] for key in revived):
        vars(record).update(REVIVED, import_batch_id=batch_id)
    again = [records[key] for key in revived]
    rest = [record for key, record in records.items() if key not in revived]
    if rest:
        model.objects.bulk_update(rest, fields, batch_size=500)
    if again:
        model.objects.bulk_update(again, [*fields, *REVIVED, "import_batch"], batch_size=500)


def _set_heads(unit: OrgNode, plan: Plan, ids: dict[str, int]) -> None:
    head_of = Subquery(
        Person.objects.filter(household=OuterRef("pk"), relation=HEAD_RELATION, status=RecordStatus.ACTIVE).values(
            "id"
        )[:1]
    )
    if len(plan.household_changes) * 2 > len(ids):
        # Most of the unit changed (a first import): one statement, re-deriving the rest does no harm.
        Household.objects.filter(unit=unit).update(head=head_of)
    else:
        for chunk in statement_chunks([ids[no] for no in plan.household_changes]):
            Household.objects.filter(id__in=chunk).update(head=head_of)


def _import_drafts(unit: OrgNode, plan: Plan, ids: dict[str, int], report: ImportReport, batch):
    """One audit entry per changed household (its fields and its members' fields, before and after), and without a
    batch one per new household (every field) and a summary.

    A household a batch creates has no entry of its own: the batch's entry (who, when, which file, the counts; see
    taizhang.imports.services.import_run) records its creation, the household and its members point at the batch
    (`import_batch`), their values as created are the file's, and every later change has its own entry with before
    and after; the household's timeline shows the batch's entry (audit.selectors). Writing 50,000 entries that
    repeat the file took a third of a town's import.

    A new member's fields are keyed "姓名·列" ("张三·身份证号"), so neither the name nor, in a new
    household, the 户编号 is repeated as a field of its own."""
    communities = dict(OrgNode.objects.filter(unit=unit).values_list("id", "name"))
    suffix = {attr: f"·{column}" for attr, column in PERSON_LABELS.items()}
    reason = f"导入文件 {report.filename}" if batch is None else f"导入批次 {batch.pk}：{report.filename}"
    create, update = AuditEntry.Action.IMPORT_CREATE.value, AuditEntry.Action.IMPORT_UPDATE.value
    for no, changes in plan.household_changes.items():
        household = plan.households[no]
        created = no not in plan.existing_households
        if created and batch is not None:
            continue
        if created:
            changes = {key: [None, value] for key, value in household.values.items() if value not in (None, "", False)}
        fields = {HOUSEHOLD_LABELS.get(k, k): _shown(k, pair) for k, pair in changes.items()}
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
                    fields[name + suffix.get(key, f"·{key}")] = _shown(key, pair)
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
    if batch is None:  # a batch has its own entry
        yield Draft(
            action=AuditEntry.Action.IMPORT,
            object_type="registry.import",
            object_repr=report.filename[:200],
            unit_id=unit.id,
            changes={"结果": [None, report.summary()]},
        )


def _shown(key: str, pair: list) -> list:
    return [STATUS_LABELS.get(value, value) for value in pair] if key == "status" else pair
