"""The cross-check with the police station's data (数据比对): a run compares an extract with the project's persons
(the registry members of its households); every discrepancy becomes a task for the population group, resolved with
a note. Services and the scoped reads the pages, the API and the command share.

A new run supersedes the previous one: its tasks still open are closed as 已由新一次比对取代, so the population group
works one list (the latest run's); tasks already resolved keep their resolution, and a task page shows the earlier
tasks of the same ID number.

Because a run supersedes, a wrong file is costly: an upload is previewed first (coverage by community, counts, tasks
superseded), a partial file runs only when confirmed, and the latest run can be withdrawn, reopening the tasks it
superseded (CrosscheckTask.superseded_by)."""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.core.personal import ID_NUMBER
from taizhang.documents.importing import ImportReport
from taizhang.documents.tabular import write_xlsx
from taizhang.hub.notifications import notify
from taizhang.org.personal import disclosure
from taizhang.org.policies import can_see_full_identity
from taizhang.org.scoping import get_visible_or_404, user_scope
from taizhang.registry.models import Person
from taizhang.renewal import crosscheck, rules
from taizhang.renewal.models import (
    CrosscheckRun,
    CrosscheckTask,
    PoliceFact,
    Project,
    ProjectGroup,
    ProjectHousehold,
)
from taizhang.renewal.policies import can_manage_project, can_record
from taizhang.renewal.projects import (
    entry_draft,
    population_group,
    project_draft,
    require_manager,
)

SUPERSEDED = "已由新一次比对取代"
DISCREPANCIES = [c for c in rules.CATEGORIES if c != rules.SAME]
BATCH = 2000
Status = CrosscheckTask.Status


@dataclass(frozen=True)
class _Where:
    entry_id: int
    community_id: int


def ledger_persons(project: Project) -> tuple[list[rules.LedgerPerson], dict[int, _Where]]:
    """The project's persons (active registry members of its households, with their 户编号) and, by person id,
    the entry and community each belongs to."""
    entries = {
        household_id: _Where(entry_id, community_id)
        for household_id, entry_id, community_id in ProjectHousehold.objects.filter(project=project).values_list(
            "household_id", "id", "community_id"
        )
    }
    ledger, where = [], {}
    persons = (
        Person.objects.filter(household__renewal_entries__project=project, status=RecordStatus.ACTIVE)
        .values_list("id", "name", "id_number", "household_id", "household__household_no")
        .order_by("id")
    )
    for pk, name, id_number, household_id, household_no in persons.iterator(chunk_size=5000):
        ledger.append(rules.LedgerPerson(pk, name, id_number, household_no))
        where[pk] = entries[household_id]
    return ledger, where


def _task(
    project: Project, run: CrosscheckRun, group: ProjectGroup | None, where: dict[int, _Where], found: rules.Discrepancy
) -> CrosscheckTask:
    person_id = found.ledger.key if found.ledger else None
    place = where.get(person_id)
    police = found.police
    return CrosscheckTask(
        unit_id=project.unit_id,
        community_id=place.community_id if place else None,
        project=project,
        run=run,
        entry_id=place.entry_id if place else None,
        person_id=person_id,
        group=group,
        category=found.category,
        id_number=found.id_number[:18],
        ledger_name=found.ledger.name[:64] if found.ledger else "",
        police_name=(police.name if police else "")[:64],
        police_hukou_no=(police.hukou_no if police else "")[:32],
        police_address=(police.address if police else "")[:200],
        detail=found.detail[:300],
    )


def _facts(project: Project, run: CrosscheckRun, results) -> list[PoliceFact]:
    """The extract's moved-in date and status of each project person it lists, for the determination form."""
    return [
        PoliceFact(
            unit_id=project.unit_id,
            run=run,
            person_id=found.ledger.key,
            row=found.police.row,
            moved_in_on=found.police.moved_in_on,
            status=(found.police.status or "")[:16],
        )
        for found in results
        if found.ledger is not None and found.police is not None
    ]


@dataclass(frozen=True)
class Preview:
    """What a run of the extract would do, computed without writing anything."""

    result: crosscheck.CrosscheckResult
    coverage: list[rules.Coverage]  # by community of the project, in the project's order
    total: rules.Coverage
    warnings: list[str]  # why the file looks partial; empty when it covers the project
    supersedes: int  # open tasks of the earlier runs it would close

    @property
    def partial(self) -> bool:
        return bool(self.warnings)

    @property
    def counts(self) -> dict[str, int]:
        return self.result.counts


def _compare(project: Project, data, filename: str):
    ledger, where = ledger_persons(project)
    area_words = list(project.communities.values_list("name", flat=True))
    result = crosscheck.crosscheck_file(ledger, data, filename, freeze_date=project.freeze_date, area_words=area_words)
    return result, ledger, where


def _preview(project: Project, result: crosscheck.CrosscheckResult, ledger, where) -> Preview:
    listed = {r.id_number for r in result.results if r.police is not None}
    persons: dict[int, int] = {}
    found: dict[int, int] = {}
    for person in ledger:
        community_id = where[person.key].community_id
        persons[community_id] = persons.get(community_id, 0) + 1
        if rules.normalise_id(person.id_number) in listed:
            found[community_id] = found.get(community_id, 0) + 1
    coverage = [
        rules.Coverage(name, persons.get(pk, 0), found.get(pk, 0))
        for pk, name in project.communities.order_by("id").values_list("id", "name")
    ]
    return Preview(
        result=result,
        coverage=coverage,
        total=rules.coverage_total(coverage),
        warnings=rules.coverage_warnings(coverage),
        supersedes=CrosscheckTask.objects.filter(project=project, status=Status.OPEN).count(),
    )


def crosscheck_preview(*, actor, project: Project, data, filename: str) -> Preview | ImportReport:
    """What running the extract would do — its coverage of the project's persons by community, the counts by
    category, the open tasks it would supersede — without writing anything. A bad file comes back as its report."""
    require_manager(actor, project)
    result, ledger, where = _compare(project, data, filename)
    if not result.report.ok:
        return result.report
    return _preview(project, result, ledger, where)


def crosscheck_run(
    *, actor, project: Project, data, filename: str, confirm_partial: bool = False
) -> CrosscheckRun | ImportReport:
    """Compare a police extract with the project's persons and store the run, its discrepancy workbook and one task
    per discrepancy (for the population group). A file with problems (headers, no rows, rows without an ID, not a
    table) comes back as its ImportReport and nothing is stored. A partial file (rules.coverage_warnings) is
    refused unless `confirm_partial`: it would close the real tasks and open one false 公安无此人 per person left
    out."""
    require_manager(actor, project)
    result, ledger, where = _compare(project, data, filename)
    if not result.report.ok:
        return result.report
    preview = _preview(project, result, ledger, where)
    if preview.partial and not confirm_partial:
        raise ValidationError("该文件只覆盖项目的部分人员，需确认后才能比对：" + "；".join(preview.warnings))
    details = io.BytesIO()
    crosscheck.write_details(result, details)
    group = population_group(project)
    counts = result.counts
    with transaction.atomic():
        run = CrosscheckRun(
            unit_id=project.unit_id,
            project=project,
            filename=filename[:200],
            rows=result.report.rows,
            counts=counts,
            run_by=actor,
        )
        run.save()
        superseded = CrosscheckTask.objects.filter(project=project, status=Status.OPEN).update(
            status=Status.RESOLVED, resolution=SUPERSEDED, resolved_by=actor, resolved_at=clock.now(), superseded_by=run
        )
        run.details.save(f"crosscheck-{run.pk}.xlsx", ContentFile(details.getvalue()), save=True)
        tasks = (_task(project, run, group, where, found) for found in result.results if found.category != rules.SAME)
        batch: list[CrosscheckTask] = []
        opened = 0
        for task in tasks:
            batch.append(task)
            opened += 1
            if len(batch) >= BATCH:
                CrosscheckTask.objects.bulk_create(batch)
                batch = []
        CrosscheckTask.objects.bulk_create(batch)
        PoliceFact.objects.bulk_create(_facts(project, run, result.results), batch_size=BATCH)
        changes = {
            "公安数据文件": [None, run.filename],
            "公安数据行数": [None, run.rows],
            **{category: [None, count] for category, count in counts.items()},
        }
        if superseded:
            changes["上次比对未处理任务"] = [None, f"{superseded} 个，{SUPERSEDED}"]
        if preview.partial:
            changes["覆盖不全，已确认比对"] = [None, "；".join(preview.warnings)]
        audit_append(
            [
                project_draft(
                    project,
                    AuditEntry.Action.CREATE,
                    "renewal.crosscheck",
                    run.pk,
                    f"{project.name} 数据比对 {run.filename}",
                    changes,
                )
            ],
            actor=actor,
        )
        if opened and group is not None and group.node_id:
            notify(
                group.node,
                f"{project.name} 公安数据比对：{opened} 个差异待人口界定工作组核实",
                reverse("renewal:crosscheck_run", args=[run.pk]),
                actor=actor,
            )
    return run


# --- an uploaded extract between its preview and the confirmation --------------------------------------------
# Kept in MEDIA (never served directly: files there go out only through scoped views), not in the session: an
# extract may be a whole police station's district, tens of MB. The name carries the project, the user and a random
# token; only the session that previewed it holds the token, and the name is rebuilt from the requesting user, so
# another user cannot open it even with the token. Removed on confirm or cancel; left-overs after a day go at the
# next preview.
PENDING_DIR = "renewal/crosscheck-pending"
PENDING_KEEP = timedelta(days=1)
_TOKEN = re.compile(r"[0-9a-f]{32}")
EXPIRED = "预览已失效，请重新上传文件"


def _pending_name(user, project: Project, token: str) -> str:
    if not _TOKEN.fullmatch(token or ""):
        raise ValidationError(EXPIRED)
    return f"{PENDING_DIR}/{project.pk}-{user.pk}-{token}"


def pending_store(*, user, project: Project, upload) -> str:
    """Keep an uploaded extract for its confirmation; returns its token."""
    require_manager(user, project)
    _pending_sweep()
    token = secrets.token_hex(16)
    name = _pending_name(user, project, token)
    if default_storage.save(name, upload) != name:  # a random token never collides; refuse rather than mix files
        raise ValidationError(EXPIRED)
    return token


def pending_open(*, user, project: Project, token: str):
    name = _pending_name(user, project, token)
    if not default_storage.exists(name):
        raise ValidationError(EXPIRED)
    return default_storage.open(name, "rb")


def pending_discard(*, user, project: Project, token: str) -> None:
    try:
        name = _pending_name(user, project, token)
    except ValidationError:
        return
    default_storage.delete(name)


def _pending_sweep() -> None:
    try:
        _dirs, names = default_storage.listdir(PENDING_DIR)
    except FileNotFoundError:
        return
    stale = clock.now() - PENDING_KEEP
    for name in names:
        path = f"{PENDING_DIR}/{name}"
        if default_storage.get_modified_time(path) < stale:
            default_storage.delete(path)


WITHDRAWN = "已撤回"


def latest_run(project: Project) -> CrosscheckRun | None:
    """The run whose tasks the population group works: the newest one not withdrawn."""
    return CrosscheckRun.objects.filter(project=project, withdrawn_at__isnull=True).first()


@transaction.atomic
def crosscheck_withdraw(*, actor, run: CrosscheckRun, reason: str) -> CrosscheckRun:
    """Withdraw a run (e.g. the wrong file): its open tasks close as 已撤回 (kept, with the reason), and the tasks it
    superseded open again. Only the latest run: an earlier run's successors have superseded its tasks in turn, so
    withdrawing it would reopen tasks a newer run already replaced."""
    run = CrosscheckRun.objects.select_for_update().select_related("project").get(pk=run.pk)
    project = run.project
    require_manager(actor, project)
    if run.withdrawn_at is not None:
        raise ValidationError(f"该次比对已撤回（{run.withdraw_reason}）")
    latest = latest_run(project)
    if latest is None or latest.pk != run.pk:
        raise ValidationError(
            "只能撤回最近一次比对：之后的比对已取代了这一次的任务，撤回它会重新打开已被取代的任务；请先撤回之后的比对"
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请写明撤回原因")
    if len(reason) > 500:
        raise ValidationError("撤回原因不能超过 500 字")
    now = clock.now()
    closed = CrosscheckTask.objects.filter(run=run, status=Status.OPEN).update(
        status=Status.RESOLVED, resolution=f"{WITHDRAWN}：{reason}"[:500], resolved_by=actor, resolved_at=now
    )
    reopened = CrosscheckTask.objects.filter(superseded_by=run).update(
        status=Status.OPEN, resolution="", resolved_by=None, resolved_at=None, superseded_by=None
    )
    run.withdrawn_at, run.withdrawn_by, run.withdraw_reason = now, actor, reason
    run.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    audit_append(
        [
            project_draft(
                project,
                AuditEntry.Action.UPDATE,
                "renewal.crosscheck",
                run.pk,
                f"{project.name} 撤回数据比对 {run.filename}",
                {
                    "状态": ["有效", WITHDRAWN],
                    "撤回原因": [None, reason],
                    "本次比对未处理任务": [None, f"{closed} 个，{WITHDRAWN}"],
                    "重新打开被取代的任务": [None, reopened],
                },
            )
        ],
        actor=actor,
    )
    return run


def may_withdraw(user, run: CrosscheckRun) -> bool:
    if run.withdrawn_at is not None or not can_manage_project(user, run.project):
        return False
    latest = latest_run(run.project)
    return latest is not None and latest.pk == run.pk


@transaction.atomic
def task_resolve(*, actor, task: CrosscheckTask, resolution: str) -> CrosscheckTask:
    """Close a discrepancy with what was found (e.g. 已核实户口簿，台账姓名有误，已更正)."""
    task = CrosscheckTask.objects.select_for_update(of=("self",)).select_related("project", "entry").get(pk=task.pk)
    if actor is not None:
        if not can_record(actor, task.project):
            raise PermissionDenied("您的角色不能处理比对任务")
        if not CrosscheckTask.objects.visible_to(actor).filter(pk=task.pk).exists():
            raise PermissionDenied("该任务不在您的工作范围内")
    if task.status != Status.OPEN:
        raise ValidationError(f"该任务已处理（{task.resolution}）")
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError("请写明核实和处理情况")
    if len(resolution) > 500:
        raise ValidationError("处理说明不能超过 500 字")
    task.status, task.resolution, task.resolved_by, task.resolved_at = Status.RESOLVED, resolution, actor, clock.now()
    task.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    label = f"{task.project.name} 比对任务 {task.category} {task.ledger_name or task.police_name}"
    changes = {"状态": ["待处理", "已处理"], "处理说明": [None, resolution], "身份证号": [None, task.id_number]}
    draft = (
        entry_draft(task.entry, AuditEntry.Action.UPDATE, "renewal.crosscheck_task", task.pk, label, changes)
        if task.entry is not None
        else project_draft(
            task.project,
            AuditEntry.Action.UPDATE,
            "renewal.crosscheck_task",
            task.pk,
            label,
            changes,
            community_id=task.community_id,
        )
    )
    audit_append([draft], actor=actor)
    return task


# --- reads ---------------------------------------------------------------------------------------------


def runs(user, project: Project) -> QuerySet[CrosscheckRun]:
    return CrosscheckRun.objects.visible_to(user).filter(project=project).select_related("run_by")


def run_or_404(user, run_id: int) -> CrosscheckRun:
    return get_visible_or_404(
        CrosscheckRun.objects.select_related("project__unit", "run_by", "withdrawn_by"), user, pk=run_id
    )


def tasks(
    user, run: CrosscheckRun, *, category: str = "", status: str = "", community_id: int | None = None, query: str = ""
) -> QuerySet[CrosscheckTask]:
    """The run's tasks the user may see (a 村居's staff: their 村居's; 台账未登记 has none, so the unit's), found by
    either name, the household's 户编号, or the ID number (whole, or its last 4–6 characters) where the user reads
    ID numbers whole (the personal-data policy: a search must not confirm what the mask hides)."""
    found = CrosscheckTask.objects.visible_to(user).filter(run=run)
    if community_id:
        found = found.filter(community_id=community_id)
    q = query.strip().upper()
    if q:
        whole = can_see_full_identity(user)
        by_id = (
            Q(pk__in=[])
            if not whole
            else Q(id_number=q)
            if len(q) == 18
            else Q(id_number__endswith=q)
            if 4 <= len(q) <= 6
            else Q(pk__in=[])
        )
        found = found.filter(
            by_id
            | Q(ledger_name__startswith=q)
            | Q(police_name__startswith=q)
            | Q(entry__household__household_no__startswith=q)
        )
    if category:
        found = found.filter(category=category)
    if status:
        found = found.filter(status=status)
    return found.select_related("community", "entry__household", "resolved_by").order_by("status", "category", "id")


def task_figures(user, run: CrosscheckRun) -> dict[str, dict[str, int]]:
    """By category: the tasks the user may see and how many are still open."""
    rows = (
        CrosscheckTask.objects.visible_to(user)
        .filter(run=run)
        .values("category")
        .annotate(total=Count("id"), open=Count("id", filter=Q(status=Status.OPEN)))
    )
    figures = {c: {"total": 0, "open": 0} for c in DISCREPANCIES}
    for row in rows:
        figures[row["category"]] = {"total": row["total"], "open": row["open"]}
    return figures


def task_or_404(user, task_id: int) -> CrosscheckTask:
    return get_visible_or_404(
        CrosscheckTask.objects.select_related(
            "project__unit", "run", "community", "entry__household", "person", "group", "resolved_by"
        ),
        user,
        pk=task_id,
    )


def earlier_tasks(user, task: CrosscheckTask) -> QuerySet[CrosscheckTask]:
    """The same ID number's tasks in the project's earlier runs, with how they were resolved."""
    return (
        CrosscheckTask.objects.visible_to(user)
        .filter(project_id=task.project_id, id_number=task.id_number, run__created_at__lt=task.run.created_at)
        .select_related("run", "resolved_by")
        .order_by("-run__created_at", "-id")
    )


def in_population_group(user, project: Project) -> bool:
    return (
        ProjectGroup.objects.filter(project=project, kind=ProjectGroup.Kind.POPULATION)
        .filter(Q(leader=user) | Q(members=user))
        .exists()
        if user.is_authenticated
        else False
    )


# The stored workbook's columns up to the police address, then what a task adds.
TASK_COLUMNS = [*crosscheck.DETAIL_COLUMNS[:7], "村居", "说明", "状态", "处理说明"]


def reads_whole_run(user, run: CrosscheckRun) -> bool:
    """Whether the user may have the run's stored workbook as the police extract gave it: every 村居 of the unit and
    the ID numbers whole. Anyone else downloads `details_workbook`, their own tasks with numbers as their pages show."""
    scope = user_scope(user)
    return scope.covers_unit(run.unit_id) and scope.community_id is None and disclosure(user).sees_whole(ID_NUMBER)


def details_workbook(user, run: CrosscheckRun, target) -> int:
    """The run's tasks the user may see (their 村居's, as the run's page lists them), ID numbers and any numbers in
    the notes as the personal-data policy shows them to the user; returns the rows written."""
    personal = disclosure(user)
    found = tasks(user, run)
    rows = [
        [
            t.category,
            personal.id_number(t.id_number),
            t.ledger_name,
            t.entry.household.household_no if t.entry else "",
            t.police_name,
            t.police_hukou_no,
            t.police_address,
            t.community.name if t.community else "",
            personal.text(t.detail),
            t.get_status_display(),
            personal.text(t.resolution),
        ]
        for t in found
    ]
    write_xlsx(target, TASK_COLUMNS, rows, sheet_title="比对任务", text_columns=["身份证号", "台账户编号", "公安户号"])
    return len(rows)


def may_resolve(user, task: CrosscheckTask) -> bool:
    return task.status == Status.OPEN and can_record(user, task.project) and user_scope(user).covers_unit(task.unit_id)
