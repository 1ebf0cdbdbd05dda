"""The registry's ledger: 户籍台账, one row a person, imported through the kernel's import pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from taizhang.audit.services import Draft, audit_append
from taizhang.core.models import RecordStatus
from taizhang.documents.importing import Ledger
from taizhang.imports.ledgers import runner, unit_targets
from taizhang.imports.services import later_work, void_imported
from taizhang.org.policies import can_import
from taizhang.registry import fields as F
from taizhang.registry.exporting import template_workbook
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household, Person


def _undo(*, batch, actor, reason: str) -> int:
    households = Household.objects.filter(unit_id=batch.unit_id, import_batch=batch, status=RecordStatus.ACTIVE)
    persons = Person.objects.filter(unit_id=batch.unit_id, import_batch=batch, status=RecordStatus.ACTIVE)
    blocking = later_work(households, batch) + later_work(persons, batch)
    if blocking:
        raise ValidationError(f"这一批导入的户和人员已有后续记录（{'、'.join(blocking)}），不能整批撤销。")
    drafts = [
        Draft(
            action="void",
            object_type="registry.household",
            object_id=str(pk),
            object_repr=f"户 {no}",
            unit_id=batch.unit_id,
            community_id=community_id,
            household_id=pk,
            reason=f"撤销导入批次 {batch.pk}：{reason}",
        )
        for pk, no, community_id in households.values_list("pk", "household_no", "community_id")
    ]
    count = void_imported(persons, actor=actor, reason=reason) + void_imported(households, actor=actor, reason=reason)
    audit_append(drafts, actor=actor)
    return count


HOUSEHOLDS = Ledger(
    key="registry.households",
    title="户籍台账",
    required=F.REQUIRED_COLUMNS,
    optional=F.OPTIONAL_COLUMNS,
    run=runner(household_import),
    targets=lambda user: unit_targets(user, can_import(user)),
    undo=_undo,
    template=template_workbook,
    help="一行一人，同一户的成员填写相同的户编号、村居和地址；重复导入同一文件不会重复登记：户按户编号、人按身份证号更新。"
    "撤销批次只作废这一批新增的户和人员，对已有户的修改不会退回。",
    order=10,
)
