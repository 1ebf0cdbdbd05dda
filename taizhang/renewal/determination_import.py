"""The import of the population determination ledgers kept in Excel before the system: every row checked first,
then applied in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.documents.cells import CellError, cell_date
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.registry.models import Household, Person
from taizhang.renewal import rules
from taizhang.renewal.determinations import determination_write
from taizhang.renewal.models import Determination, Project, ProjectHousehold, Verdict
from taizhang.renewal.projects import population_group, project_draft, require_manager
from taizhang.renewal.red_line import entries_ensure

IMPORT_COLUMNS = ["户编号", "姓名", "身份证号", "界定结果", "理由", "界定日期"]


NO_REASON = "原台账未写理由"


@dataclass
class _Row:
    row_no: int
    household: Household
    person: Person
    verdict: str
    reason: str
    decided_on: date


def determinations_import(
    *,
    actor,
    project: Project,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> LedgerImportReport:
    """`户编号, 姓名, 身份证号, 界定结果, 理由, 界定日期` as written in the old ledger (source 导入). Each person must be a
    member of that registry household (ID normalised, name allowing variants); the households named join the
    project. A person already determined in the system is not overwritten by the old ledger. Whole or nothing;
    re-importing the same file changes nothing. What it writes carries the import `batch`."""
    require_manager(actor, project)
    report = LedgerImportReport(filename=filename, noun="人")
    opened = open_for_import(report, data, filename, IMPORT_COLUMNS, reading=reading)
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
            report.keep(
                row_no,
                {
                    "户编号": no,
                    "姓名": person.name,
                    "身份证号": id_number,
                    "界定结果": verdict,
                    "理由": reason,
                    "界定日期": decided_on,
                },
            )
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
                    batch=batch,
                )
                group = population_group(project)
                for row in plan:
                    entry = ensured[row.household.pk]
                    entry.project, entry.household = project, row.household
                    determination_write(
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
                        batch=batch,
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
