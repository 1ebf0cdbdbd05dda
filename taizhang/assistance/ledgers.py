"""帮扶's ledgers as the town kept them in Excel: the assisted-household list and historical visits, imported
through the kernel's import pages (upload → preview → fix → confirm → batch)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from taizhang.assistance import archives, importing, rules
from taizhang.assistance.models import AssistedHousehold, HelperAssignment, Visit
from taizhang.assistance.policies import can_manage_assistance
from taizhang.audit.services import Draft, audit_append
from taizhang.core.models import RecordStatus
from taizhang.documents.importing import Ledger, Target
from taizhang.imports.ledgers import runner, unit_targets
from taizhang.imports.models import ImportBatch
from taizhang.imports.services import later_work, void_imported


def _targets(user) -> list[Target]:
    return unit_targets(user, can_manage_assistance(user) and bool(user.unit_id))


def _undo_visits(*, batch, actor, reason: str) -> int:
    visits = Visit.objects.filter(unit_id=batch.unit_id, import_batch=batch, status=RecordStatus.ACTIVE)
    blocking = later_work(visits, batch)
    if blocking:
        raise ValidationError(f"这一批导入的走访已有后续记录（{'、'.join(blocking)}），不能整批撤销。")
    households = {}
    for household_id, community_id, no in visits.values_list(
        "assisted__household_id", "community_id", "assisted__household__household_no"
    ):
        households.setdefault(household_id, [community_id, no, 0])[2] += 1
    # A voided import keeps its row but gives up its key, so the corrected file can be imported again.
    visits.update(idempotency_key=None)
    count = void_imported(visits, actor=actor, reason=reason)
    audit_append(
        [
            Draft(
                action="void",
                object_type="assistance.visit-import",
                object_repr=f"走访 {no}（{n} 次）",
                unit_id=batch.unit_id,
                community_id=community_id,
                household_id=household_id,
                reason=f"撤销导入批次 {batch.pk}：{reason}",
            )
            for household_id, (community_id, no, n) in households.items()
        ],
        actor=actor,
    )
    return count


def _undo_assisted(*, batch, actor, reason: str) -> int:
    """An assisted household is a standing, not a record of work: undoing the list that made it removes the standing
    and its helper assignments (the audit entry keeps what they were), refused once anything was done for it."""
    assisted = AssistedHousehold.objects.filter(unit_id=batch.unit_id, import_batch=batch)
    assignments = HelperAssignment.objects.filter(unit_id=batch.unit_id, import_batch=batch)
    blocking = later_work(assisted, batch, count_voided=True)
    if blocking:
        raise ValidationError(
            f"这一批导入的帮扶户已有后续记录（{'、'.join(blocking)}，含已作废的），不能整批撤销；"
            "请在帮扶户页面逐户调整。"
        )
    drafts = [
        Draft.filed_under(
            record,
            action="void",
            object_type="assistance.household",
            object_id=str(record.pk),
            object_repr=f"帮扶户 {record.household.household_no}",
            changes={"帮扶类别": [record.get_category_display(), None], "帮扶开始日期": [record.start_date, None]},
            reason=f"撤销导入批次 {batch.pk}：{reason}",
        )
        for record in assisted.select_related("household")
    ]
    count = len(drafts)
    assignments.delete()
    assisted.delete()
    audit_append(drafts, actor=actor)
    return count


def roster_target(unit, code: str) -> Target:
    """Where a department's roster goes: the unit's roster of that kind (the batch's label names both)."""
    return Target(unit=unit, label=f"{unit.name} · {rules.ROSTERS[code]}名册", key=code, kwargs={"roster": code})


def _roster_targets(user) -> list[Target]:
    return [roster_target(t.unit, code) for t in _targets(user) for code in rules.ROSTERS]


def _undo_roster(*, batch, actor, reason: str) -> int:
    """A roster is a snapshot: undoing its import puts back the one it replaced, unless a later import replaced it."""
    later = ImportBatch.objects.filter(
        unit_id=batch.unit_id, ledger=batch.ledger, target=batch.target, status=RecordStatus.ACTIVE, pk__gt=batch.pk
    ).first()
    if later is not None:
        raise ValidationError(f"此后又导入过{batch.target.split(' · ')[-1]}（导入批次 {later.pk}），请先撤销那一批。")
    roster = next(code for code, name in rules.ROSTERS.items() if batch.target.endswith(f"{name}名册"))
    replaced = archives.roster_replace(unit=batch.unit, roster=roster, people=dict(batch.records))
    audit_append(
        [
            Draft(
                action="void",
                object_type="assistance.roster",
                object_repr=f"{rules.ROSTERS[roster]}名册",
                unit_id=batch.unit_id,
                reason=f"撤销导入批次 {batch.pk}：{reason}",
                changes={"名册人数": [len(replaced), len(batch.records)]},
            )
        ],
        actor=actor,
    )
    return len(replaced)


ROSTER = Ledger(
    key="assistance.roster",
    title="部门名册",
    required=archives.ROSTER_COLUMNS[:1],
    optional=archives.ROSTER_COLUMNS[1:],
    run=runner(archives.roster_import),
    targets=_roster_targets,
    undo=_undo_roster,
    examples={"身份证号": "370125196001010011", "姓名": "张三"},
    help="低保、残联、学籍、医保等部门的名册，按身份证号比对一户一档；新名册替换此前导入的同一名册，撤销批次会恢复被替换的名册。",
    order=52,
)


ASSISTED = Ledger(
    key="assistance.assisted",
    title="帮扶户名单",
    required=importing.ASSISTED_COLUMNS,
    run=runner(importing.assisted_import),
    targets=_targets,
    undo=_undo_assisted,
    examples={"户编号": "XS0001", "帮扶类别": "监测户", "帮扶开始日期": "2024-03-01", "帮扶责任人": "zhangbf"},
    help="帮扶类别填建档立卡户或监测户；帮扶责任人填账号的用户名，多人用“、”分隔；户须已在户籍台账中。",
    order=50,
)

VISITS = Ledger(
    key="assistance.visits",
    title="历史走访台账",
    required=importing.VISIT_COLUMNS,
    run=runner(importing.visits_import),
    targets=_targets,
    undo=_undo_visits,
    examples={
        "户编号": "XS0001",
        "帮扶责任人": "zhangbf",
        "走访日期": "2026-10-08",
        "开始时间": "09:00",
        "结束时间": "09:40",
        "走访内容": "了解务工和就医情况",
    },
    help="帮扶责任人填用户名，多人用“、”分隔；跨午夜的走访在结束时间前写“次日”（如 次日00:20）；"
    "时长不足的走访照常导入、按规则不计入。重复导入同一文件不会重复登记。",
    order=51,
)
