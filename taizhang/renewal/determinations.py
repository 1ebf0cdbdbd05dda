"""Population determination (人口界定): each person of a household inside the red line gets 认定/不认定/待定 with its
reason, judged by `rules.determine` under the project's rules — never typed by hand, except by a unit admin's
override with a mandatory reason, marked as such. A new decision supersedes the person's current one (the history
is kept); the household's `determined_on` follows.
The ledgers kept in Excel before the system are imported by `determination_import`; the reads are in
`selectors`."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append, field_changes
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.scoping import user_scope
from taizhang.registry.models import Person
from taizhang.renewal import rules
from taizhang.renewal.models import Determination, Project, ProjectHousehold, PublicityLine, Verdict
from taizhang.renewal.policies import can_manage_project, can_record
from taizhang.renewal.projects import entry_draft, population_group
from taizhang.renewal.selectors import PoliceFacts, members, police_facts

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
        "迁入日期来源": "公安比对" if d.registered_on_from_police else "填写",
        "公安户籍状态": d.police_status,
    }


def _same(a: Determination, b: Determination) -> bool:
    keys = ("verdict", "reason", "registered_on", "left_on", "left_for", "resident", "married_in_on", "source")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def determination_write(
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
    police: PoliceFacts | None = None,
    batch=None,
) -> tuple[Determination, bool]:
    """Supersede the person's current determination (unless nothing would change); returns (current, changed).
    `batch`: the import batch writing it."""
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
        import_batch=batch,
    )
    if facts is not None:
        new.registered_on, new.left_on, new.left_for = facts.registered_on, facts.left_on, facts.left_for
        new.resident, new.married_in_on = facts.resident, facts.married_in_on
    if police is not None:
        new.police_run_id, new.police_status = police.run_id, police.status[:16]
        new.registered_on_from_police = new.registered_on is not None and new.registered_on == police.moved_in_on
    if previous is not None and _same(previous, new):
        return previous, False
    if previous is not None:
        Determination.objects.filter(entry=entry, person=person, is_current=True).update(is_current=False)
    new.full_clean(exclude=["unit", "community", "project", "entry", "person", "group", "decided_by", "import_batch"])
    new.save()
    changes = field_changes(_values(previous), _values(new))
    changes["界定人"] = [str(previous.decided_by or "系统") if previous else None, str(actor or "系统（命令行）")]
    before, after = entry.determined_on, determined_on_refresh(entry)
    if before != after:
        changes["户界定完成日期"] = [before, after]
    posted = publicity_outdate(entry)
    if posted:
        changes["公示"] = [posted, "界定已变更，须重新公示"]
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
    Recording the same facts again changes nothing. Where the latest cross-check lists the person, the
    determination keeps that run, its 户籍状态 and whether the 迁入日期 judged on is the extract's."""
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
    determination, _ = determination_write(
        actor,
        entry,
        person,
        verdict=verdict,
        reason=reason,
        facts=facts,
        decided_on=decided_on,
        source=Determination.Source.RULES,
        police=police_facts(entry.project, [person.pk]).get(person.pk),
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
    determination, _ = determination_write(
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


def publicity_outdate(entry: ProjectHousehold) -> str:
    """A determination of the household changed: its latest 公示 no longer shows the result, so it is marked out of
    date (posting again makes a fresh line). Returns that 公示, e.g. "2020-09-05 起公示", or "" when the household
    was never posted or its latest posting is already marked."""
    latest = (
        PublicityLine.objects.filter(entry=entry)
        .order_by("-publicity__starts_on", "-publicity_id")
        .values_list("pk", "outdated_at", "publicity__starts_on")
        .first()
    )
    if latest is None or latest[1] is not None:
        return ""
    PublicityLine.objects.filter(pk=latest[0]).update(outdated_at=clock.now())
    return f"{latest[2]:%Y-%m-%d} 起公示"


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
