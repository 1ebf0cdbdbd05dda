"""Writing the registry: an enterprise created or edited, its status changed to 已迁出/已注销 and withdrawn, a park
created or edited. Each write is checked, atomic and audited (`enterprise.enterprise`, `enterprise.park`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core import clock
from taizhang.enterprise import policies
from taizhang.enterprise.models import Chain, ChainLink, Enterprise, Park, StatusChange
from taizhang.enterprise.rules import tags as tag_rules
from taizhang.enterprise.rules import uscc as uscc_rules
from taizhang.enterprise.rules.registry import as_json, changed

# The fields an enterprise's form and its import write, besides the code, the tags and the links.
FIELDS = (
    "name",
    "park_id",
    "chain_id",
    "land_mu",
    "registered_on",
    "settled_on",
    "address",
    "contact_name",
    "contact_phone",
)
TAG_FIELDS = tuple(field for field, _ in tag_rules.TAGS)


def values_of(enterprise: Enterprise, *, links: list[int] | None = None) -> dict[str, object]:
    """An enterprise's written fields as JSON values (the audit's and the import history's before/after)."""
    values = {"uscc": enterprise.uscc}
    values |= {field: as_json(getattr(enterprise, field)) for field in (*FIELDS, *TAG_FIELDS)}
    for field in ("registered_on", "settled_on"):
        values[field] = values[field].isoformat() if values[field] else None
    if links is None:
        links = list(enterprise.links.values_list("pk", flat=True)) if enterprise.pk else []
    values["links"] = sorted(links)
    return values


def _audit(action: str, enterprise: Enterprise, changes: dict, *, actor, reason: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="enterprise.enterprise",
        object_id=str(enterprise.pk),
        object_repr=f"{enterprise.name}（{enterprise.uscc}）",
        unit_id=enterprise.unit_id,
        changes=changes,
        reason=reason[:200],
    )


def _check_places(unit_id: int, park: Park | None, chain: Chain | None, links: list[ChainLink]) -> None:
    if park is not None and park.unit_id != unit_id:
        raise ValidationError("园区不属于本单位")
    if chain is not None and chain.unit_id != unit_id:
        raise ValidationError("产业链不属于本单位")
    strays = [link.name for link in links if chain is None or link.chain_id != chain.pk]
    if strays:
        raise ValidationError(f"环节 {'、'.join(strays)} 不在所选产业链上")


@transaction.atomic
def enterprise_save(
    *,
    actor,
    unit_id: int,
    enterprise: Enterprise | None = None,
    uscc: str,
    name: str,
    park: Park | None = None,
    chain: Chain | None = None,
    links: list[ChainLink] = (),
    tags: frozenset[str] = frozenset(),
    land_mu: Decimal | None = None,
    registered_on: date | None = None,
    settled_on: date | None = None,
    address: str = "",
    contact_name: str = "",
    contact_phone: str = "",
) -> Enterprise:
    """Create an enterprise of `unit_id`, or edit `enterprise`; the code is checked (GB 32100) and normalised."""
    if enterprise is not None:
        unit_id = enterprise.unit_id
    if actor is not None and not policies.can_work(actor, unit_id):
        raise PermissionDenied("只有本单位的工作人员可以登记和修改企业")
    code = uscc_rules.normalize(uscc)
    problem = uscc_rules.problem(code)
    if problem:
        raise ValidationError(problem)
    name = name.strip()
    if not name:
        raise ValidationError("企业名称不能为空")
    unknown = set(tags) - set(TAG_FIELDS)
    if unknown:
        raise ValidationError(f"没有这些标签：{'、'.join(sorted(unknown))}")
    links = list(links)
    _check_places(unit_id, park, chain, links)
    same_code = Enterprise.objects.filter(unit_id=unit_id, uscc=code)
    if enterprise is not None:
        same_code = same_code.exclude(pk=enterprise.pk)
    other = same_code.first()
    if other is not None:
        raise ValidationError(f"统一社会信用代码 {code} 已登记为“{other.name}”")
    creating = enterprise is None
    if creating:
        enterprise = Enterprise(unit_id=unit_id)
        before = {}
    else:
        enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        before = values_of(enterprise)
    enterprise.uscc = code
    enterprise.name = name
    enterprise.park, enterprise.chain = park, chain
    for field in TAG_FIELDS:
        setattr(enterprise, field, field in tags)
    enterprise.land_mu = land_mu
    enterprise.registered_on, enterprise.settled_on = registered_on, settled_on
    enterprise.address, enterprise.contact_name = address.strip(), contact_name.strip()
    enterprise.contact_phone = contact_phone.strip()
    enterprise.save()
    enterprise.links.set(links)
    after = values_of(enterprise, links=[link.pk for link in links])
    changes = changed(before, after)
    if changes:
        _audit(AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE, enterprise, changes, actor=actor)
    return enterprise


@transaction.atomic
def status_change(*, actor, enterprise: Enterprise, status: str, on: date, reason: str) -> StatusChange:
    """The enterprise left the zone or was deregistered on `on` (not in the future, not before it settled)."""
    if actor is not None and not policies.can_work(actor, enterprise.unit_id):
        raise PermissionDenied("只有本单位的工作人员可以变更企业状态")
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    reason = reason.strip()
    if status not in (Enterprise.Status.LEFT, Enterprise.Status.CLOSED):
        raise ValidationError("状态只能变更为已迁出或已注销")
    if enterprise.status != Enterprise.Status.ACTIVE:
        raise ValidationError(f"该企业已是“{enterprise.get_status_display()}”，如登记有误请先撤回")
    if not reason:
        raise ValidationError("请填写原因")
    if on > clock.today():
        raise ValidationError("日期不能晚于今天")
    if enterprise.settled_on and on < enterprise.settled_on:
        raise ValidationError(f"日期不能早于入园日期 {enterprise.settled_on:%Y-%m-%d}")
    change = StatusChange.objects.create(
        unit_id=enterprise.unit_id,
        enterprise=enterprise,
        status=status,
        on=on,
        reason=reason[:200],
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    enterprise.status, enterprise.left_on = status, on
    enterprise.save(update_fields=["status", "left_on"])
    label = Enterprise.Status(status).label
    changes = {"状态": ["在园", label], "迁出/注销日期": [None, on.isoformat()]}
    _audit(AuditEntry.Action.UPDATE, enterprise, changes, actor=actor, reason=reason)
    return change


def current_change(enterprise: Enterprise) -> StatusChange | None:
    """The status change that made the enterprise what it is now (None while it is in the zone)."""
    if enterprise.status == Enterprise.Status.ACTIVE:
        return None
    return enterprise.status_changes.filter(withdrawn_at__isnull=True).order_by("-recorded_at", "-id").first()


@transaction.atomic
def status_withdraw(*, actor, enterprise: Enterprise, reason: str) -> StatusChange:
    """The status change was recorded in error: the enterprise is in the zone again, the change kept as withdrawn."""
    if actor is not None and not policies.can_work(actor, enterprise.unit_id):
        raise PermissionDenied("只有本单位的工作人员可以撤回企业状态变更")
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    reason = reason.strip()
    if not reason:
        raise ValidationError("请填写撤回原因")
    change = current_change(enterprise)
    if change is None:
        raise ValidationError("该企业在园，没有可撤回的状态变更")
    change.withdrawn_at, change.withdrawn_by, change.withdraw_reason = clock.now(), actor, reason[:200]
    change.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    old = enterprise.get_status_display()
    changes = {
        "状态": [old, "在园"],
        "迁出/注销日期": [enterprise.left_on.isoformat() if enterprise.left_on else None, None],
    }
    enterprise.status, enterprise.left_on = Enterprise.Status.ACTIVE, None
    enterprise.save(update_fields=["status", "left_on"])
    _audit(AuditEntry.Action.UPDATE, enterprise, changes, actor=actor, reason=f"撤回{old}：{reason}")
    return change


@transaction.atomic
def park_save(
    *, actor, unit_id: int, park: Park | None = None, name: str, area_mu: Decimal | None = None, sort_order: int = 0
) -> Park:
    """Create a park of `unit_id` or edit `park` (names unique in the unit)."""
    if park is not None:
        unit_id = park.unit_id
    if actor is not None and not policies.can_work(actor, unit_id):
        raise PermissionDenied("只有本单位的工作人员可以登记和修改园区")
    name = name.strip()
    if not name:
        raise ValidationError("园区名称不能为空")
    same = Park.objects.filter(unit_id=unit_id, name=name)
    if park is not None:
        same = same.exclude(pk=park.pk)
    if same.exists():
        raise ValidationError(f"已有名为“{name}”的园区")
    creating = park is None
    park = park or Park(unit_id=unit_id)
    before = (
        {} if creating else {"园区名称": park.name, "规划面积（亩）": as_json(park.area_mu), "排序": park.sort_order}
    )
    park.name, park.area_mu, park.sort_order = name, area_mu, sort_order
    park.save()
    after = {"园区名称": park.name, "规划面积（亩）": as_json(park.area_mu), "排序": park.sort_order}
    changes = changed(before, after)
    if changes:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
            object_type="enterprise.park",
            object_id=str(park.pk),
            object_repr=park.name,
            unit_id=park.unit_id,
            changes=changes,
        )
    return park
