"""The households inside a project's red line: added one by one, from a list (whole or nothing), or by another area's
import that names them (`entries_ensure`). Atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core.models import RecordStatus
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.registry.models import Household
from taizhang.renewal.models import Project, ProjectGroup, ProjectHousehold
from taizhang.renewal.projects import entry_draft, project_draft, regional_groups_by_community, require_manager

HOUSEHOLD_LIST_COLUMNS = ["户编号"]


def _check_household(project: Project, household: Household, communities: set[int]) -> str | None:
    if household.unit_id != project.unit_id:
        return "不是本单位的户"
    if household.status != RecordStatus.ACTIVE:
        return "该户已作废"
    if household.community_id not in communities:
        return f"该户所在村居不在项目“{project.name}”涉及的村居内"
    return None


@transaction.atomic
def household_add(
    *,
    actor,
    project: Project,
    household: Household,
    group: ProjectGroup | None = None,
    source: str = ProjectHousehold.Source.MANUAL,
) -> ProjectHousehold:
    require_manager(actor, project)
    problem = _check_household(project, household, set(project.communities.values_list("pk", flat=True)))
    if problem:
        raise ValidationError(f"户 {household.household_no}：{problem}")
    if ProjectHousehold.objects.filter(project=project, household=household).exists():
        raise ValidationError(f"户 {household.household_no} 已在项目“{project.name}”的征收范围内")
    [entry] = entries_ensure(actor=actor, project=project, households=[household], source=source, group=group).values()
    return entry


def entries_ensure(
    *,
    actor,
    project: Project,
    households: Iterable[Household],
    source: str,
    group: ProjectGroup | None = None,
    reason: str = "",
    batch=None,
) -> dict[int, ProjectHousehold]:
    """The project's entries for these households (household id → entry), adding the missing ones with their
    community's regional group (marked with the import `batch` that names them). Callers have checked the
    households (unit, community, active); runs inside the caller's transaction, or its own."""
    households = list(households)
    with transaction.atomic():
        existing = {
            e.household_id: e
            for e in ProjectHousehold.objects.filter(project=project, household_id__in=[h.pk for h in households])
        }
        missing = [h for h in households if h.pk not in existing]
        if missing:
            by_community = regional_groups_by_community(project) if group is None else {}
            created = ProjectHousehold.objects.bulk_create(
                [
                    ProjectHousehold(
                        unit_id=project.unit_id,
                        community_id=h.community_id,
                        project=project,
                        household=h,
                        group=group or by_community.get(h.community_id),
                        source=source,
                        added_by=actor,
                        import_batch=batch,
                    )
                    for h in missing
                ]
            )
            for entry in created:
                existing[entry.household_id] = entry
            label = ProjectHousehold.Source(source).label
            audit_append(
                [
                    entry_draft(
                        existing[h.pk],
                        AuditEntry.Action.CREATE,
                        "renewal.household",
                        existing[h.pk].pk,
                        f"{project.name} 征收户 {h.household_no}",
                        {
                            "征收项目": [None, project.name],
                            "加入方式": [None, label],
                            "工作组": [None, str(existing[h.pk].group or "")],
                        },
                        reason,
                    )
                    for h in missing
                ],
                actor=actor,
            )
    return existing


def households_import(
    *,
    actor,
    project: Project,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> LedgerImportReport:
    """The red-line list (one 户编号 a row), whole or nothing; households already in the project are left as they are.
    The households it adds carry the import `batch`."""
    require_manager(actor, project)
    report = LedgerImportReport(filename=filename, noun="户")
    opened = open_for_import(report, data, filename, HOUSEHOLD_LIST_COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    households = {h.household_no: h for h in Household.objects.filter(unit_id=project.unit_id)}
    already = set(ProjectHousehold.objects.filter(project=project).values_list("household_id", flat=True))
    communities = set(project.communities.values_list("pk", flat=True))
    seen: dict[str, int] = {}
    new: list[Household] = []
    for row_no, cells in table.rows:
        report.rows += 1
        no = cell_text(cells[index["户编号"]])
        household = households.get(no)
        if not no:
            report.add(RowError(row_no, "户编号", None, "户编号不能为空"))
        elif household is None:
            report.add(RowError(row_no, "户编号", no, "户籍台账中没有这一户，请先导入户籍"))
        elif no in seen:
            report.add(RowError(row_no, "户编号", no, f"与第{seen[no]}行重复"))
        elif problem := _check_household(project, household, communities):
            report.add(RowError(row_no, "户编号", no, problem))
        elif household.pk in already:
            report.unchanged += 1
        else:
            new.append(household)
            if report.keeps:
                report.keep(row_no, {"户编号": no, "地址": household.address, "村居": household.community})
        seen.setdefault(no, row_no)
    report.no_rows()
    report.created = len(new)
    if report.ok and not dry_run:
        report.applied = True
        if new:  # a re-import that changes nothing leaves no trace either
            with transaction.atomic():
                entries_ensure(
                    actor=actor,
                    project=project,
                    households=new,
                    source=ProjectHousehold.Source.LIST,
                    reason=f"导入文件 {filename}",
                    batch=batch,
                )
                audit_append(
                    [
                        project_draft(
                            project,
                            AuditEntry.Action.IMPORT,
                            "renewal.import",
                            "",
                            filename[:200],
                            {"结果": [None, report.summary()]},
                        )
                    ],
                    actor=actor,
                )
    return report
