"""The 一户一档 archive audit: the unit's checklist, uploaded documents, the check that finds 缺项 and 错项
(rules.archive_findings and rules.roster_differences), the departments' rosters, and the findings as tasks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse

from taizhang.assistance import rules
from taizhang.assistance.models import (
    ArchiveDocument,
    ArchiveFinding,
    ArchiveItem,
    ArchiveRecord,
    AssistedHousehold,
    RosterEntry,
)
from taizhang.assistance.policies import is_unit_admin_of
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.core.rules import InvalidValue
from taizhang.documents.importing import DEFAULT_READING, ImportReport, Reading, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.hub.notifications import notify
from taizhang.org.models import OrgNode
from taizhang.registry.models import LifeStatus, Person
from taizhang.registry.rules import normalize_id_number

ROSTER_COLUMNS = ["身份证号", "姓名"]


def _require_admin(actor, unit_id: int) -> None:
    if not is_unit_admin_of(actor, unit_id):
        raise PermissionDenied("只有本单位管理员（镇扶贫办）可以办理")


def _household_draft(
    assisted: AssistedHousehold, action: str, object_type: str, object_id, changes: dict, reason: str = ""
) -> Draft:
    return Draft.filed_under(
        assisted,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=f"档案 {assisted.household.household_no}",
        changes=changes,
        reason=reason,
    )


def ensure_items(unit_id: int) -> None:
    if not ArchiveItem.objects.filter(unit_id=unit_id).exists():
        ArchiveItem.objects.bulk_create(
            [
                ArchiveItem(unit_id=unit_id, name=name, kind=kind, order=index)
                for index, (name, kind) in enumerate(rules.DEFAULT_ARCHIVE_ITEMS)
            ]
        )


@transaction.atomic
def item_add(*, actor, unit_id: int, name: str, kind: str, required: bool = True) -> ArchiveItem:
    _require_admin(actor, unit_id)
    ensure_items(unit_id)
    name = (name or "").strip()
    if not name or ArchiveItem.objects.filter(unit_id=unit_id, name=name).exists():
        raise ValidationError("请填写一个清单中还没有的项目名称")
    item = ArchiveItem.objects.create(
        unit_id=unit_id,
        name=name,
        kind=kind,
        required=required,
        order=ArchiveItem.objects.filter(unit_id=unit_id).count(),
    )
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.CREATE,
                object_type="assistance.archive-item",
                object_id=str(item.pk),
                object_repr=f"档案清单 {name}",
                unit_id=unit_id,
                changes={"项目": [None, name], "类型": [None, item.get_kind_display()]},
            )
        ],
        actor=actor,
    )
    return item


# --- the check ---------------------------------------------------------------------------------


@dataclass
class CheckResult:
    households: int
    new: int
    closed: int
    open: int

    def summary(self) -> str:
        return f"检查 {self.households} 户：新发现 {self.new} 处，已更正 {self.closed} 处，尚待整改 {self.open} 处"


def _facts(unit_id: int, assisted: list[AssistedHousehold]) -> dict[int, rules.ArchiveFacts]:
    household_ids = [a.household_id for a in assisted]
    members = defaultdict(list)
    for household_id, name, id_number, life, student, disability in (
        Person.objects.filter(household_id__in=household_ids, status=RecordStatus.ACTIVE)
        .order_by("id")
        .values_list("household_id", "name", "id_number", "life_status", "is_student", "disability_category")
    ):
        members[household_id].append(
            rules.MemberFacts(name, id_number, life == LifeStatus.ALIVE, student, bool(disability))
        )
    records = {r.assisted_id: r for r in ArchiveRecord.objects.filter(unit_id=unit_id)}
    documents = defaultdict(set)
    for assisted_id, item in ArchiveDocument.objects.filter(unit_id=unit_id).values_list("assisted_id", "item__name"):
        documents[assisted_id].add(item)
    required = tuple(
        ArchiveItem.objects.filter(unit_id=unit_id, kind=ArchiveItem.Kind.DOCUMENT, required=True).values_list(
            "name", flat=True
        )
    )
    facts = {}
    for a in assisted:
        record = records.get(a.pk)
        facts[a.pk] = rules.ArchiveFacts(
            phone=a.household.phone,
            bank_account=a.household.bank_account,
            account_holder=record.account_holder if record else "",
            archive_family_size=record.family_size if record else None,
            members=tuple(members[a.household_id]),
            tags=frozenset(a.household.tag_list),
            documents=frozenset(documents[a.pk]),
            required_documents=required,
        )
    return facts


@transaction.atomic
def archive_check(*, actor, unit: OrgNode) -> CheckResult:
    """Check every assisted household's archive; new findings open, findings no longer found close."""
    if actor is not None:
        _require_admin(actor, unit.pk)
    ensure_items(unit.pk)
    today = clock.today()
    assisted = list(
        AssistedHousehold.objects.filter(unit=unit)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("household")
    )
    rosters = defaultdict(set)
    for roster, id_number in RosterEntry.objects.filter(unit=unit).values_list("roster", "id_number"):
        rosters[roster].add(id_number)
    facts = _facts(unit.pk, assisted)
    found = {
        a.pk: rules.archive_findings(facts[a.pk], today=today) + rules.roster_differences(facts[a.pk], rosters)
        for a in assisted
    }
    open_now = {(f.assisted_id, f.key): f for f in ArchiveFinding.objects.filter(unit=unit, fixed_at__isnull=True)}
    new = []
    for a in assisted:
        for finding in found[a.pk]:
            if (a.pk, finding.key) not in open_now:
                new.append(
                    ArchiveFinding(
                        unit=unit,
                        community_id=a.community_id,
                        assisted=a,
                        kind=finding.kind,
                        item=finding.item,
                        detail=finding.detail,
                        key=finding.key,
                    )
                )
    ArchiveFinding.objects.bulk_create(new)
    still = {(a.pk, f.key) for a in assisted for f in found[a.pk]}
    gone = [f.pk for key, f in open_now.items() if key not in still]
    ArchiveFinding.objects.filter(pk__in=gone).update(fixed_at=clock.now(), fix_note="复查已更正")
    result = CheckResult(
        len(assisted), len(new), len(gone), ArchiveFinding.objects.filter(unit=unit, fixed_at__isnull=True).count()
    )
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.UPDATE,
                object_type="assistance.archive-check",
                object_repr=f"一户一档检查 {unit.name}",
                unit_id=unit.pk,
                changes={"结果": [None, result.summary()]},
            )
        ],
        actor=actor,
    )
    return result


# --- a household's archive --------------------------------------------------------------------------


def _may_work_on(actor, assisted: AssistedHousehold) -> bool:
    """The unit admin, the archive work groups (nodes under the unit without a 村居) and the household's helpers."""
    from taizhang.assistance.selectors import may_act_for

    node = getattr(actor, "node", None)
    if node is not None and node.kind == OrgNode.Kind.WORKGROUP and node.unit_id == assisted.unit_id:
        return True
    return may_act_for(actor, assisted)


@transaction.atomic
def record_update(*, actor, assisted: AssistedHousehold, family_size: int | None, account_holder: str) -> ArchiveRecord:
    if not _may_work_on(actor, assisted):
        raise PermissionDenied("您不能修改这一户的档案")
    record, _ = ArchiveRecord.objects.get_or_create(
        assisted=assisted, defaults={"unit_id": assisted.unit_id, "community_id": assisted.community_id}
    )
    before = {"档案记载人口": record.family_size, "银行卡持卡人": record.account_holder}
    record.family_size, record.account_holder = family_size, (account_holder or "").strip()
    record.save()
    after = {"档案记载人口": record.family_size, "银行卡持卡人": record.account_holder}
    changes = {k: [before[k], v] for k, v in after.items() if before[k] != v}
    if changes:
        audit_append(
            [_household_draft(assisted, AuditEntry.Action.UPDATE, "assistance.archive", record.pk, changes)],
            actor=actor,
        )
    return record


@transaction.atomic
def document_upload(*, actor, assisted: AssistedHousehold, item: ArchiveItem, file) -> ArchiveDocument:
    if not _may_work_on(actor, assisted):
        raise PermissionDenied("您不能为这一户上传档案材料")
    if item.unit_id != assisted.unit_id:
        raise ValidationError("档案清单项目不属于本单位")
    document = ArchiveDocument.objects.create(
        unit_id=assisted.unit_id,
        community_id=assisted.community_id,
        assisted=assisted,
        item=item,
        file=file,
        uploaded_by=actor,
    )
    audit_append(
        [
            _household_draft(
                assisted,
                AuditEntry.Action.CREATE,
                "assistance.archive-document",
                document.pk,
                {item.name: [None, document.file.name.rsplit("/", 1)[-1]]},
            )
        ],
        actor=actor,
    )
    return document


@transaction.atomic
def finding_fix(*, actor, finding: ArchiveFinding, note: str) -> ArchiveFinding:
    finding = (
        ArchiveFinding.objects.select_for_update(of=("self",)).select_related("assisted__household").get(pk=finding.pk)
    )
    if not _may_work_on(actor, finding.assisted):
        raise PermissionDenied("您不能整改这一户的档案")
    if not finding.is_open:
        raise ValidationError("这一处已经整改")
    if not (note or "").strip():
        raise ValidationError("请写明整改情况")
    finding.fixed_at, finding.fixed_by, finding.fix_note = clock.now(), actor, note.strip()[:200]
    finding.save(update_fields=["fixed_at", "fixed_by", "fix_note"])
    audit_append(
        [
            _household_draft(
                finding.assisted,
                AuditEntry.Action.UPDATE,
                "assistance.archive-finding",
                finding.pk,
                {f"{finding.get_kind_display()}·{finding.item}": [finding.detail, "已整改"]},
                finding.fix_note,
            )
        ],
        actor=actor,
    )
    return finding


@transaction.atomic
def findings_assign(*, actor, unit: OrgNode, group: OrgNode, community_id: int | None = None) -> int:
    """Give the open findings (of one 村居, or all) to an archive work group as its tasks."""
    _require_admin(actor, unit.pk)
    if group.kind != OrgNode.Kind.WORKGROUP or group.unit_id != unit.pk:
        raise ValidationError("请选择本单位的工作组")
    findings = ArchiveFinding.objects.filter(unit=unit, fixed_at__isnull=True)
    if community_id:
        findings = findings.filter(community_id=community_id)
    count = findings.update(group=group)
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.UPDATE,
                object_type="assistance.archive-tasks",
                object_repr=f"档案整改任务 {group.name}",
                unit_id=unit.pk,
                changes={"分派": [None, f"{count} 处缺项错项交{group.name}整改"]},
            )
        ],
        actor=actor,
    )
    if count:
        notify(group, f"{count} 处一户一档缺项错项交{group.name}整改", reverse("hub:inbox") + "?tab=group", actor=actor)
    return count


def progress_by_community(user) -> list[dict]:
    """Open 缺项 / 错项 and fixed findings per 村居: one query."""
    rows = (
        ArchiveFinding.objects.visible_to(user)
        .values("community__name")
        .order_by("community__name")
        .annotate(
            missing=Count("id", filter=Q(fixed_at__isnull=True, kind="missing")),
            wrong=Count("id", filter=Q(fixed_at__isnull=True, kind="wrong")),
            fixed=Count("id", filter=Q(fixed_at__isnull=False)),
            households=Count("assisted", distinct=True),
        )
    )
    return [
        {
            "community": r["community__name"],
            "missing": r["missing"],
            "wrong": r["wrong"],
            "fixed": r["fixed"],
            "households": r["households"],
            "total": r["missing"] + r["wrong"] + r["fixed"],
        }
        for r in rows
    ]


# --- departments' rosters ----------------------------------------------------------------------------


@dataclass
class RosterReport(ImportReport):
    roster: str = ""
    people: int = 0

    def summary(self) -> str:
        return f"{rules.ROSTERS[self.roster]}名册共 {self.people} 人（替换此前导入的{rules.ROSTERS[self.roster]}名册）"

    def counts(self) -> list[tuple[str, int]]:
        return [("名册人数", self.people)]


def roster_import(
    *,
    actor,
    unit: OrgNode,
    roster: str,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> RosterReport:
    """A department's roster by ID number (columns 身份证号, 姓名), replacing the previous one: whole or nothing. A
    batch keeps the snapshot it replaced, so undoing it brings that one back."""
    if roster not in rules.ROSTERS:
        raise ValidationError(f"名册应为：{'、'.join(rules.ROSTERS.values())}")
    if actor is not None:
        _require_admin(actor, unit.pk)
    report = RosterReport(filename=filename, roster=roster)
    opened = open_for_import(report, data, filename, ROSTER_COLUMNS[:1], ROSTER_COLUMNS[1:], reading)
    if opened is None:
        return report
    table, index = opened
    today = clock.today()
    people: dict[str, str] = {}
    for row_no, cells in table.rows:
        report.rows += 1
        raw = cells[index["身份证号"]]
        try:
            id_number = normalize_id_number(raw, today=today)
        except InvalidValue as exc:
            report.add(RowError(row_no, "身份证号", raw, exc.message))
            continue
        name = cells[index["姓名"]] if "姓名" in index else ""
        people[id_number] = str(name or "").strip()[:64]
        report.keep(row_no, {"身份证号": id_number, "姓名": people[id_number]})
    report.no_rows()
    report.people = len(people)
    if report.ok and not dry_run:
        with transaction.atomic():
            replaced = roster_replace(unit=unit, roster=roster, people=people)
            if batch is not None:
                batch.records = replaced
                batch.save(update_fields=["records"])
            report.applied = True
            audit_append(
                [
                    Draft(
                        action=AuditEntry.Action.IMPORT,
                        object_type="assistance.roster",
                        object_repr=f"{rules.ROSTERS[roster]}名册",
                        unit_id=unit.pk,
                        reason=f"导入文件 {filename}" if batch is None else f"导入批次 {batch.pk}：{filename}",
                        changes={"结果": [None, report.summary()]},
                    )
                ],
                actor=actor,
            )
    return report


def roster_replace(*, unit: OrgNode, roster: str, people: dict[str, str]) -> list[list[str]]:
    """Put `people` {ID number: name} in place of the roster; returns the replaced one as [[ID number, name], …]."""
    current = RosterEntry.objects.filter(unit=unit, roster=roster)
    replaced = [list(pair) for pair in current.values_list("id_number", "name")]
    current.delete()
    RosterEntry.objects.bulk_create(
        [RosterEntry(unit=unit, roster=roster, id_number=i, name=n) for i, n in people.items()], batch_size=2000
    )
    return replaced
