"""链长制 writes: chains and their links (the unit admin), placing enterprises on links and taking them off, and the
targets to attract for a chain's gaps (the zone's staff). Keyword-only, atomic, checked against the actor's unit,
audited (enterprise.chain, enterprise.chain_link, enterprise.placement, enterprise.chain_target)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.enterprise import policies
from taizhang.enterprise.models import Chain, ChainLink, ChainTarget, Enterprise
from taizhang.org.models import OrgNode, User


def _check_configure(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_configure(actor, unit_id):
        raise PermissionDenied("只有本单位管理员可以设置产业链和环节")


def _check_work(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_work(actor, unit_id):
        raise PermissionDenied("只有本单位的工作人员可以办理产业链企业落位和招商目标")


def _audit(actor, record, object_type: str, action: str, changes: dict, reason: str = "", repr_: str = "") -> None:
    if action == AuditEntry.Action.UPDATE and not changes:
        return
    draft = Draft(
        action=action,
        object_type=object_type,
        object_id=str(record.pk),
        object_repr=repr_ or str(record),
        unit_id=record.unit_id,
        changes=changes,
        reason=reason,
    )
    audit_append([draft], actor=actor)


def _saved(record, unique_message: str, clash) -> None:
    if clash.exclude(pk=record.pk).exists():
        raise ValidationError(unique_message)
    record.full_clean(validate_constraints=False)
    record.save()


# --- chains and links (can_configure) ---------------------------------------------------------------------------


def _chain_fields(chain: Chain) -> dict:
    leader = chain.leader.full_name or chain.leader.username if chain.leader_id else ""
    return {"产业链": chain.name, "链长": chain.leader_name, "链长账号": leader, "说明": chain.description}


def _leader_of(leader: User | None) -> None:
    # A 链长 is often a district leader: any active account, not only the unit's.
    if leader is not None and not leader.is_active:
        raise ValidationError("链长账号已停用")


@transaction.atomic
def chain_create(
    *, actor, unit: OrgNode, name: str, leader_name: str = "", leader: User | None = None, description: str = ""
) -> Chain:
    _check_configure(actor, unit.pk)
    _leader_of(leader)
    order = Chain.objects.filter(unit=unit).count() + 1
    chain = Chain(
        unit=unit, name=name, leader_name=leader_name, leader=leader, description=description, sort_order=order
    )
    _saved(chain, f"本单位已有产业链“{name}”", Chain.objects.filter(unit=unit, name=name))
    _audit(actor, chain, "enterprise.chain", AuditEntry.Action.CREATE, field_changes({}, _chain_fields(chain)))
    return chain


@transaction.atomic
def chain_update(*, actor, chain: Chain, name: str, leader_name: str, leader: User | None, description: str) -> Chain:
    _check_configure(actor, chain.unit_id)
    _leader_of(leader)
    chain = Chain.objects.select_for_update(of=("self",)).select_related("leader").get(pk=chain.pk)
    before = _chain_fields(chain)
    chain.name, chain.leader_name, chain.leader, chain.description = name, leader_name, leader, description
    _saved(chain, f"本单位已有产业链“{name}”", Chain.objects.filter(unit_id=chain.unit_id, name=name))
    _audit(actor, chain, "enterprise.chain", AuditEntry.Action.UPDATE, field_changes(before, _chain_fields(chain)))
    return chain


def _link_fields(link: ChainLink) -> dict:
    return {"环节": link.name, "位置": link.get_position_display(), "排序": link.sort_order}


@transaction.atomic
def link_create(*, actor, chain: Chain, name: str, position: str, sort_order: int = 0) -> ChainLink:
    _check_configure(actor, chain.unit_id)
    link = ChainLink(unit_id=chain.unit_id, chain=chain, name=name, position=position, sort_order=sort_order)
    _saved(link, f"产业链“{chain.name}”已有环节“{name}”", ChainLink.objects.filter(chain=chain, name=name))
    _audit(actor, link, "enterprise.chain_link", AuditEntry.Action.CREATE, field_changes({}, _link_fields(link)))
    return link


@transaction.atomic
def link_update(*, actor, link: ChainLink, name: str, position: str, sort_order: int) -> ChainLink:
    _check_configure(actor, link.unit_id)
    link = ChainLink.objects.select_for_update(of=("self",)).select_related("chain").get(pk=link.pk)
    before = _link_fields(link)
    link.name, link.position, link.sort_order = name, position, sort_order
    clash = ChainLink.objects.filter(chain_id=link.chain_id, name=name)
    _saved(link, f"产业链“{link.chain.name}”已有环节“{name}”", clash)
    _audit(actor, link, "enterprise.chain_link", AuditEntry.Action.UPDATE, field_changes(before, _link_fields(link)))
    return link


# --- placements (can_work) --------------------------------------------------------------------------------------


@transaction.atomic
def placement_add(*, actor, link: ChainLink, enterprise: Enterprise) -> None:
    """Place an enterprise of the zone, still in it, on a link of one of the zone's chains."""
    _check_work(actor, link.unit_id)
    if enterprise.unit_id != link.unit_id:
        raise ValidationError("所选企业不是本单位的企业")
    if enterprise.status != Enterprise.Status.ACTIVE:
        raise ValidationError(f"{enterprise.name}已{enterprise.get_status_display()}，不能落位到产业链环节")
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    if enterprise.links.filter(pk=link.pk).exists():
        raise ValidationError(f"{enterprise.name}已在环节“{link.name}”上")
    enterprise.links.add(link)
    _audit(
        actor,
        link,
        "enterprise.placement",
        AuditEntry.Action.CREATE,
        {"企业": [None, enterprise.name], "环节": [None, str(link)]},
        repr_=f"{enterprise.name} → {link}",
    )


@transaction.atomic
def placement_remove(*, actor, link: ChainLink, enterprise: Enterprise, reason: str) -> None:
    """Take an enterprise off a link, with a reason (it can be placed again)."""
    _check_work(actor, link.unit_id)
    if not reason.strip():
        raise ValidationError("请填写移出原因")
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    if not enterprise.links.filter(pk=link.pk).exists():
        raise ValidationError(f"{enterprise.name}不在环节“{link.name}”上")
    enterprise.links.remove(link)
    _audit(
        actor,
        link,
        "enterprise.placement",
        AuditEntry.Action.VOID,
        {"企业": [enterprise.name, None], "环节": [str(link), None]},
        reason=reason.strip(),
        repr_=f"{enterprise.name} → {link}",
    )


# --- targets (can_work) -----------------------------------------------------------------------------------------


def _target_fields(target: ChainTarget) -> dict:
    return {
        "环节": str(target.link),
        "目标企业": target.company,
        "所在地区": target.region,
        "招引理由": target.reason,
        "状态": target.get_status_display(),
        "责任人": (target.officer.full_name or target.officer.username) if target.officer_id else "",
        "下一步日期": target.next_on,
        "备注": target.note,
    }


def _officer_of(unit_id: int, officer: User | None) -> None:
    if officer is not None and officer.unit_id != unit_id:
        raise ValidationError("责任人不是本单位人员")


@transaction.atomic
def target_create(
    *,
    actor,
    link: ChainLink,
    company: str,
    region: str = "",
    reason: str = "",
    status: str = "new",
    officer: User | None = None,
    next_on: date | None = None,
    note: str = "",
) -> ChainTarget:
    _check_work(actor, link.unit_id)
    _officer_of(link.unit_id, officer)
    target = ChainTarget(
        unit_id=link.unit_id,
        link=link,
        company=company,
        region=region,
        reason=reason,
        status=status,
        officer=officer,
        next_on=next_on,
        note=note,
    )
    clash = ChainTarget.objects.filter(link=link, company=company)
    _saved(target, f"环节“{link.name}”已有目标企业“{company}”", clash)
    _audit(
        actor, target, "enterprise.chain_target", AuditEntry.Action.CREATE, field_changes({}, _target_fields(target))
    )
    return target


@transaction.atomic
def target_update(
    *,
    actor,
    target: ChainTarget,
    company: str,
    region: str,
    reason: str,
    status: str,
    officer: User | None,
    next_on: date | None,
    note: str,
) -> ChainTarget:
    _check_work(actor, target.unit_id)
    _officer_of(target.unit_id, officer)
    target = (
        ChainTarget.objects.select_for_update(of=("self",)).select_related("link__chain", "officer").get(pk=target.pk)
    )
    before = _target_fields(target)
    target.company, target.region, target.reason, target.status = company, region, reason, status
    target.officer, target.next_on, target.note = officer, next_on, note
    _saved(
        target,
        f"环节“{target.link.name}”已有目标企业“{company}”",
        ChainTarget.objects.filter(link_id=target.link_id, company=company),
    )
    changes = field_changes(before, _target_fields(target))
    _audit(actor, target, "enterprise.chain_target", AuditEntry.Action.UPDATE, changes)
    return target


@transaction.atomic
def target_set_status(*, actor, target: ChainTarget, status: str, next_on: date | None) -> ChainTarget:
    """Move a target on (未接触 → 已接触 → 洽谈中 → 已转项目, or back), with the date of its next step."""
    _check_work(actor, target.unit_id)
    if status not in ChainTarget.Status.values:
        raise ValidationError("请选择招商目标的状态")
    target = (
        ChainTarget.objects.select_for_update(of=("self",)).select_related("link__chain", "officer").get(pk=target.pk)
    )
    before = _target_fields(target)
    target.status = status
    target.next_on = next_on
    target.save(update_fields=["status", "next_on", "updated_at"])
    changes = field_changes(before, _target_fields(target))
    _audit(actor, target, "enterprise.chain_target", AuditEntry.Action.UPDATE, changes)
    return target
