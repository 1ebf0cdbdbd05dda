"""Population determination (人口界定): each person of a household inside the red line gets 认定/不认定/待定 with its
reason, judged by `rules.determine` under the project's rules — never typed by hand, except by a unit admin's
override with a mandatory reason, marked as such. A new decision supersedes the person's current one (the history
is kept); the household's `determined_on` follows. The ledgers kept in Excel before the system are imported as
written (`determinations_import`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append, field_changes
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.documents.cells import CellError, cell_date
from taizhang.documents.importing import LedgerImportReport, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.org.scoping import user_scope
from taizhang.registry.models import Household, Person
from taizhang.renewal import rules
from taizhang.renewal.models import Determination, Project, ProjectHousehold, Verdict
from taizhang.renewal.policies import can_manage_project, can_record
from taizhang.renewal.projects import entries_ensure, entry_draft, population_group, project_draft, require_manager

IMPORT_COLUMNS = ["户编号", "姓名", "身份证号", "界定结果", "理由", "界定日期"]
DETERMINED, UNDETERMINED, PARTLY_PENDING = "已界定", "未界定", "部分待定"
HOUSEHOLD_STATUSES = [DETERMINED, UNDETERMINED, PARTLY_PENDING]
NO_REASON = "原台账未写理由"


# --- who may ------------------------------------------------------------------------------------------


def in_scope(user, entry: ProjectHousehold) -> bool:
    """The household lies in the user's part of the org tree (a 村居's field worker: that 村居 only)."""
    scope = user_scope(user)
    return scope.everything or (
        entry.unit_id in scope.unit_ids and (scope.community_id is None or scope.community_id == entry.community_id)
    )


def may_record(user, entry: ProjectHousehold) -> bool:
    """The unit's admins, the population group (its staff sit at the unit) and field staff inside their scope."""
    return can_record(user, entry.project) and in_scope(user, entry)


def may_override(user, project: Project) -> bool:
    return can_manage_project(user, project)


def _require_recorder(actor, entry: ProjectHousehold) -> None:
    if actor is not None and not may_record(actor, entry):
        raise PermissionDenied("您无权为该户办理人口界定")


# --- services -----------------------------------------------------------------------------------------


def members(household_id: int) -> QuerySet[Person]:
    """The registry members a household's determination covers: every active (not voided) person, living or not —
    a member who died or was deregistered is determined too (usually 不认定, with the date as 迁出/注销日期), so that
    the household's list matches the police data on the freeze date."""
    return Person.objects.filter(household_id=household_id, status=RecordStatus.ACTIVE).order_by("id")


def _check_member(entry: ProjectHousehold, person: Person) -> None:
    if person.household_id != entry.household_id or person.status != RecordStatus.ACTIVE:
        raise ValidationError(f"{person.name}不是户 {entry.household.household_no} 的在册成员")


def _check_facts(registered_on, left_on, left_for: str, married_in_on, decided_on: date, today: date) -> None:
    if left_for and left_for not in rules.SPECIAL_CASES:
        raise ValidationError(f"不认识的迁出原因：{left_for}")
    if left_for and left_on is None:
        raise ValidationError("填写了迁出原因，请同时填写迁出日期")
    if registered_on and left_on and left_on < registered_on:
        raise ValidationError(f"迁出日期（{left_on}）不能早于迁入日期（{registered_on}）")
    for label, value in (
        ("迁入日期", registered_on),
        ("迁出/注销日期", left_on),
        ("婚入日期", married_in_on),
        ("界定日期", decided_on),
    ):
        if value and value > today:
            raise ValidationError(f"{label}（{value}）不能晚于今天")


def _values(d: Determination | None) -> dict:
    if d is None:
        return {}
    return {
        "界定结果": d.verdict,
        "理由": d.reason,
        "迁入日期": d.registered_on,
        "迁出/注销日期": d.left_on,
        "迁出原因": rules.SPECIAL_CASES.get(d.left_for, ""),
        "实际居住": "是" if d.resident else "否",
        "婚入日期": d.married_in_on,
        "界定日期": d.decided_on,
        "来源": d.get_source_display(),
    }


def _same(a: Determination, b: Determination) -> bool:
    keys = ("verdict", "reason", "registered_on", "left_on", "left_for", "resident", "married_in_on", "source")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def _save(
    actor,
    entry: ProjectHousehold,
    person: Person,
    *,
    verdict: str,
    reason: str,
    facts: rules.PersonFacts | None,
    decided_on: date,
    source: str,
    audit_reason: str = "",
    group=None,
) -> tuple[Determination, bool]:
    """Supersede the person's current determination (unless nothing would change); returns (current, changed)."""
    previous = (
        Determination.objects.select_for_update()
        .filter(entry=entry, person=person, is_current=True)
        .order_by("-id")
        .first()
    )
    new = Determination(
        unit_id=entry.unit_id,
        community_id=entry.community_id,
        project_id=entry.project_id,
        entry=entry,
        person=person,
        group=group if group is not None else (population_group(entry.project) or entry.group),
        name=person.name,
        id_number=person.id_number,
        verdict=verdict,
        reason=reason[:200],
        decided_on=decided_on,
        decided_by=actor,
        source=source,
    )
    if facts is not None:
        new.registered_on, new.left_on, new.left_for = facts.registered_on, facts.left_on, facts.left_for
        new.resident, new.married_in_on = facts.resident, facts.married_in_on
    if previous is not None and _same(previous, new):
        return previous, False
    if previous is not None:
        Determination.objects.filter(entry=entry, person=person, is_current=True).update(is_current=False)
    new.full_clean(exclude=["unit", "community", "project", "entry", "person", "group", "decided_by"])
    new.save()
    changes = field_changes(_values(previous), _values(new))
    changes["界定人"] = [str(previous.decided_by or "系统") if previous else None, str(actor or "系统（命令行）")]
    before, after = entry.determined_on, determined_on_refresh(entry)
    if before != after:
        changes["户界定完成日期"] = [before, after]
    audit_append(
        [
            entry_draft(
                entry,
                AuditEntry.Action.UPDATE if previous else AuditEntry.Action.CREATE,
                "renewal.determination",
                new.pk,
                f"{entry.project.name} 人口界定 {person.name}（户 {entry.household.household_no}）",
                changes,
                audit_reason,
            )
        ],
        actor=actor,
    )
    return new, True


@transaction.atomic
def determination_record(
    *,
    actor,
    entry: ProjectHousehold,
    person: Person,
    registered_on: date | None,
    left_on: date | None = None,
    left_for: str = "",
    resident: bool = True,
    married_in_on: date | None = None,
    decided_on: date | None = None,
) -> Determination:
    """Judge one person on the facts under the project's rules; the verdict and its reason come from the rules.
    Recording the same facts again changes nothing."""
    _require_recorder(actor, entry)
    _check_member(entry, person)
    today = clock.today()
    decided_on = decided_on or today
    left_for = left_for or ""
    _check_facts(registered_on, left_on, left_for, married_in_on, decided_on, today)
    facts = rules.PersonFacts(
        registered_on=registered_on,
        left_on=left_on,
        left_for=left_for,
        resident=resident,
        born_on=person.birth_date,
        married_in_on=married_in_on,
    )
    verdict, reason = rules.determine(facts, entry.project.determination_rules())
    determination, _ = _save(
        actor,
        entry,
        person,
        verdict=verdict,
        reason=reason,
        facts=facts,
        decided_on=decided_on,
        source=Determination.Source.RULES,
    )
    return determination


@transaction.atomic
def determination_override(
    *, actor, entry: ProjectHousehold, person: Person, verdict: str, reason: str, decided_on: date | None = None
) -> Determination:
    """A unit admin's verdict where the rules cannot decide (a case the policy did not foresee): the reason is
    mandatory, the record is marked 管理员人工界定 and keeps the facts of the current determination."""
    if actor is not None and not may_override(actor, entry.project):
        raise PermissionDenied("只有本单位管理员可以人工界定")
    _check_member(entry, person)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("人工界定须写明理由")
    if verdict not in Verdict.values:
        raise ValidationError(f"界定结果只能是{'、'.join(Verdict.values)}")
    today = clock.today()
    decided_on = decided_on or today
    if decided_on > today:
        raise ValidationError(f"界定日期（{decided_on}）不能晚于今天")
    current = Determination.objects.filter(entry=entry, person=person, is_current=True).order_by("-id").first()
    facts = None
    if current is not None:
        facts = rules.PersonFacts(
            current.registered_on,
            current.left_on,
            current.left_for,
            current.resident,
            person.birth_date,
            current.married_in_on,
        )
    determination, _ = _save(
        actor,
        entry,
        person,
        verdict=verdict,
        reason=f"人工界定：{reason}",
        facts=facts,
        decided_on=decided_on,
        source=Determination.Source.OVERRIDE,
        audit_reason=reason,
    )
    return determination


def determined_on_refresh(entry: ProjectHousehold) -> date | None:
    """Keep `entry.determined_on`: the day the household became 已界定 — every member (see `members`) has a current
    determination and none is 待定 — i.e. the latest of their decision dates; kept while it stays 已界定, emptied
    when it is not. Call it after a change to the household's registry members too."""
    member_ids = list(members(entry.household_id).values_list("pk", flat=True))
    current = dict(
        Determination.objects.filter(entry=entry, is_current=True, person_id__in=member_ids).values_list(
            "person_id", "verdict"
        )
    )
    complete = bool(member_ids) and len(current) == len(member_ids) and rules.household_determined(current.values())
    if not complete:
        value = None
    elif entry.determined_on is not None:
        value = entry.determined_on
    else:
        value = max(
            Determination.objects.filter(entry=entry, is_current=True, person_id__in=member_ids).values_list(
                "decided_on", flat=True
            )
        )
    if value != entry.determined_on:
        entry.determined_on = value
        ProjectHousehold.objects.filter(pk=entry.pk).update(determined_on=value)
    return value


# --- the import of the old ledgers --------------------------------------------------------------------


@dataclass
class _Row:
    row_no: int
    household: Household
    person: Person
    verdict: str
    reason: str
    decided_on: date


def determinations_import(*, actor, project: Project, data, filename: str, dry_run: bool = False) -> LedgerImportReport:
    """`户编号, 姓名, 身份证号, 界定结果, 理由, 界定日期` as written in the old ledger (source 导入). Each person must be a
    member of that registry household (ID normalised, name allowing variants); the households named join the
    project. A person already determined in the system is not overwritten by the old ledger. Whole or nothing;
    re-importing the same file changes nothing."""
    require_manager(actor, project)
    report = LedgerImportReport(filename=filename, noun="人")
    opened = open_for_import(report, data, filename, IMPORT_COLUMNS)
    if opened is None:
        return report
    table, index = opened
    communities = set(project.communities.values_list("pk", flat=True))
    households = {h.household_no: h for h in Household.objects.filter(unit_id=project.unit_id)}
    people: dict[int, dict[str, Person]] = {}
    for person in Person.objects.filter(unit_id=project.unit_id, status=RecordStatus.ACTIVE, household__isnull=False):
        people.setdefault(person.household_id, {})[rules.normalise_id(person.id_number)] = person
    entries = {e.household_id: e for e in ProjectHousehold.objects.filter(project=project)}
    current = {(d.entry_id, d.person_id): d for d in Determination.objects.filter(project=project, is_current=True)}
    today = clock.today()
    seen: dict[int, int] = {}
    plan: list[_Row] = []
    for row_no, cells in table.rows:
        report.rows += 1
        value = {name: cells[i] for name, i in index.items()}
        no, name = cell_text(value["户编号"]), cell_text(value["姓名"])
        id_number = rules.normalise_id(cell_text(value["身份证号"]))
        verdict, reason = cell_text(value["界定结果"]), cell_text(value["理由"]) or NO_REASON
        errors_before = report.error_count
        household = households.get(no)
        if not no:
            report.add(RowError(row_no, "户编号", None, "户编号不能为空"))
        elif household is None:
            report.add(RowError(row_no, "户编号", no, "户籍台账中没有这一户，请先导入户籍"))
        elif household.status != RecordStatus.ACTIVE:
            report.add(RowError(row_no, "户编号", no, "该户已作废"))
        elif household.community_id not in communities:
            report.add(RowError(row_no, "户编号", no, f"该户所在村居不在项目“{project.name}”涉及的村居内"))
        person = existing = None
        if not id_number:
            report.add(RowError(row_no, "身份证号", None, "身份证号不能为空"))
        elif household is not None:
            person = people.get(household.pk, {}).get(id_number)
            if person is None:
                report.add(RowError(row_no, "身份证号", id_number, f"户 {no} 的在册成员中没有这个身份证号"))
            elif not rules.names_match(name, person.name):
                report.add(RowError(row_no, "姓名", name, f"姓名“{name}”与户籍台账的“{person.name}”不符"))
                person = None
        if verdict not in Verdict.values:
            report.add(RowError(row_no, "界定结果", verdict or None, f"界定结果只能是{'、'.join(Verdict.values)}"))
        if len(reason) > 200:
            report.add(RowError(row_no, "理由", reason[:20] + "…", "理由不能超过 200 字"))
        try:
            decided_on = cell_date(value["界定日期"], "界定日期")
            if decided_on > today:
                report.add(RowError(row_no, "界定日期", value["界定日期"], "界定日期不能晚于今天"))
        except CellError as exc:
            decided_on = None
            report.add(RowError(row_no, "界定日期", value["界定日期"], str(exc)))
        if person is not None:
            if person.pk in seen:
                report.add(RowError(row_no, "身份证号", id_number, f"与第{seen[person.pk]}行是同一人"))
            seen.setdefault(person.pk, row_no)
            entry = entries.get(household.pk)
            existing = current.get((entry.pk, person.pk)) if entry else None
            if existing is not None and existing.source != Determination.Source.IMPORT and existing.verdict != verdict:
                report.add(
                    RowError(
                        row_no,
                        "界定结果",
                        verdict,
                        f"{person.name}已在系统中界定为“{existing.verdict}”（{existing.decided_on}），"
                        "导入不覆盖；如需更改请在页面上重新界定",
                    )
                )
        if report.error_count > errors_before:
            continue
        if existing is not None and (
            existing.source != Determination.Source.IMPORT
            or (existing.verdict, existing.reason, existing.decided_on) == (verdict, reason, decided_on)
        ):
            report.unchanged += 1
        else:
            plan.append(_Row(row_no, household, person, verdict, reason, decided_on))
    report.no_rows()
    report.created = len(plan)
    if report.ok and not dry_run:
        with transaction.atomic():
            if plan:
                ensured = entries_ensure(
                    actor=actor,
                    project=project,
                    households={r.household.pk: r.household for r in plan}.values(),
                    source=ProjectHousehold.Source.DETERMINATION,
                    reason=f"导入文件 {filename}",
                )
                group = population_group(project)
                for row in plan:
                    entry = ensured[row.household.pk]
                    entry.project, entry.household = project, row.household
                    _save(
                        actor,
                        entry,
                        row.person,
                        verdict=row.verdict,
                        reason=row.reason,
                        facts=None,
                        decided_on=row.decided_on,
                        source=Determination.Source.IMPORT,
                        audit_reason=f"导入文件 {filename} 第{row.row_no}行",
                        group=group or entry.group,
                    )
            report.applied = True
            if plan:  # a re-import that changes nothing leaves no trace either
                audit_append(
                    [
                        project_draft(
                            project,
                            AuditEntry.Action.IMPORT,
                            "renewal.determination_import",
                            "",
                            filename[:200],
                            {"结果": [None, report.summary()]},
                        )
                    ],
                    actor=actor,
                )
    return report


# --- selectors ----------------------------------------------------------------------------------------


def _current(verdict: str):
    return Count("determinations", filter=Q(determinations__is_current=True, determinations__verdict=verdict))


def household_rows(
    user, project: Project, *, community_id: int | None = None, group_id: int | None = None, status: str = ""
) -> QuerySet[ProjectHousehold]:
    """The project's households the user sees, each with its members and current 认定/不认定/待定 counts."""
    member_count = (
        Person.objects.filter(household_id=OuterRef("household_id"), status=RecordStatus.ACTIVE)
        .order_by()
        .values("household_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    qs = (
        ProjectHousehold.objects.visible_to(user)
        .filter(project=project)
        .select_related("household__head", "community", "group")
        .annotate(
            counted=_current(rules.COUNTED),
            not_counted=_current(rules.NOT_COUNTED),
            pending=_current(rules.PENDING),
            member_count=Coalesce(Subquery(member_count, output_field=IntegerField()), Value(0)),
        )
        .order_by("household__household_no")
    )
    if community_id:
        qs = qs.filter(community_id=community_id)
    if group_id:
        qs = qs.filter(group_id=group_id)
    if status == DETERMINED:
        qs = qs.filter(determined_on__isnull=False)
    elif status == PARTLY_PENDING:
        qs = qs.filter(determined_on__isnull=True, pending__gt=0)
    elif status == UNDETERMINED:
        qs = qs.filter(determined_on__isnull=True, pending=0)
    return qs


def household_status(entry: ProjectHousehold) -> str:
    """已界定 / 部分待定 / 未界定 of a row from `household_rows`."""
    if entry.determined_on:
        return DETERMINED
    return PARTLY_PENDING if entry.pending else UNDETERMINED


@dataclass
class MemberRow:
    person: Person
    current: Determination | None
    history: list[Determination]  # earlier determinations, newest first


def member_rows(entry: ProjectHousehold) -> list[MemberRow]:
    """Every member of the household with its current determination and the earlier ones (two queries); persons
    determined while they were members and since moved out of the household are listed after them."""
    people = list(members(entry.household_id))
    by_person: dict[int, list[Determination]] = {}
    for d in Determination.objects.filter(entry=entry).select_related("decided_by", "person").order_by("-id"):
        by_person.setdefault(d.person_id, []).append(d)
    known = {p.pk for p in people}
    people += [ds[0].person for pid, ds in by_person.items() if pid not in known]
    rows = []
    for person in people:
        ds = by_person.get(person.pk, [])
        current = next((d for d in ds if d.is_current), None)
        rows.append(MemberRow(person, current, [d for d in ds if d is not current]))
    return rows


def determination_list(
    user, project: Project, *, community_id: int | None = None, verdict: str = "", entry_id: int | None = None
) -> QuerySet[Determination]:
    qs = (
        Determination.objects.visible_to(user)
        .filter(project=project, is_current=True)
        .select_related("entry__household", "community", "decided_by")
        .order_by("entry_id", "person_id")
    )
    if community_id:
        qs = qs.filter(community_id=community_id)
    if verdict:
        qs = qs.filter(verdict=verdict)
    if entry_id:
        qs = qs.filter(entry_id=entry_id)
    return qs


def counted_persons(entry_ids) -> dict[int, int]:
    """Current 认定 persons per household (the 认定人数 posted and used by compensation)."""
    return dict(
        Determination.objects.filter(entry_id__in=list(entry_ids), is_current=True, verdict=rules.COUNTED)
        .order_by()
        .values("entry_id")
        .annotate(n=Count("id"))
        .values_list("entry_id", "n")
    )
