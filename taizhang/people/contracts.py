"""Posts and contracts (聘任合同): set up a department's posts, appoint by contract, renew, end (解聘) and withdraw an
ending. Keyword-only, atomic, checked against the actor's unit, audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.org.models import OrgNode, User
from taizhang.people import policies
from taizhang.people.models import Contract, Post, Recommendation
from taizhang.people.rules import posts as rules


def check_manager(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_manage(actor, unit_id):
        raise PermissionDenied("只有本单位考核委员会委员或单位管理员可以管理岗位和聘任合同")


def audit_draft(record, action: str, changes: dict, reason: str = "", object_type: str = "people.contract") -> Draft:
    return Draft(
        action=action,
        object_type=object_type,
        object_id=str(record.pk),
        object_repr=_repr(record),
        unit_id=record.unit_id,
        changes=changes,
        reason=reason,
    )


def _repr(record) -> str:
    if isinstance(record, Post):
        return f"岗位 {record.department.name}·{record.name}"
    return f"聘任合同 {record.user.full_name or record.user.username}·{record.post.name}"


# --- posts ------------------------------------------------------------------------------------------------------


def _post_fields(post: Post) -> dict:
    return {"岗位名称": post.name, "岗位等级": post.grade, "岗位工资": post.monthly_pay, "职数": post.headcount}


def _department_of(unit_id: int, department: OrgNode) -> None:
    if department.parent_id != unit_id or department.subtype != OrgNode.Subtype.DEPARTMENT:
        raise ValidationError("所选部门不是本单位的部门")


@transaction.atomic
def post_create(
    *, actor, department: OrgNode, name: str, grade: str = "", monthly_pay: Decimal, headcount: int, batch=None
) -> Post:
    unit_id = department.parent_id
    check_manager(actor, unit_id)
    _department_of(unit_id, department)
    if Post.objects.filter(unit_id=unit_id, department=department, name=name).exists():
        raise ValidationError(f"{department.name}已有岗位“{name}”")
    post = Post(unit_id=unit_id, department=department, name=name, grade=grade, monthly_pay=monthly_pay)
    post.headcount = headcount
    post.full_clean()
    post.save()
    reason = f"导入批次 {batch.pk}" if batch is not None else ""
    audit_append(
        [audit_draft(post, AuditEntry.Action.CREATE, field_changes({}, _post_fields(post)), reason, "people.post")],
        actor=actor,
    )
    return post


@transaction.atomic
def post_update(*, actor, post: Post, name: str, grade: str, monthly_pay: Decimal, headcount: int) -> Post:
    check_manager(actor, post.unit_id)
    post = Post.objects.select_for_update().select_related("department").get(pk=post.pk)
    if (
        Post.objects.filter(unit_id=post.unit_id, department_id=post.department_id, name=name)
        .exclude(pk=post.pk)
        .exists()
    ):
        raise ValidationError(f"{post.department.name}已有岗位“{name}”")
    before = _post_fields(post)
    post.name, post.grade, post.monthly_pay, post.headcount = name, grade, monthly_pay, headcount
    post.full_clean()
    post.save()
    changes = field_changes(before, _post_fields(post))
    if changes:
        audit_append([audit_draft(post, AuditEntry.Action.UPDATE, changes, object_type="people.post")], actor=actor)
    return post


@transaction.atomic
def post_set_active(*, actor, post: Post, active: bool, reason: str) -> Post:
    """Deactivate (停用) a post no one holds any more, or put it back in use; both with a reason."""
    check_manager(actor, post.unit_id)
    post = Post.objects.select_for_update().select_related("department").get(pk=post.pk)
    if post.is_active == active:
        raise ValidationError("岗位已是该状态")
    if not active and post.contracts.in_force(clock.today()).exists():
        raise ValidationError("该岗位还有在聘人员，不能停用；请先办理他们的续聘、改聘或解聘")
    post.is_active = active
    post.save(update_fields=["is_active"])
    action = AuditEntry.Action.ACTIVATE if active else AuditEntry.Action.DEACTIVATE
    audit_append([audit_draft(post, action, {"在用": [not active, active]}, reason, "people.post")], actor=actor)
    return post


# --- contracts --------------------------------------------------------------------------------------------------


def contract_fields(contract: Contract) -> dict:
    return {
        "岗位": str(contract.post),
        "聘期开始": contract.starts_on,
        "聘期结束": contract.ends_on,
        "试用期（月）": contract.probation_months,
        "岗位工资": contract.monthly_pay,
        "绩效薪酬占比": rules.shares_text(contract.performance_shares),
        "状态": contract.get_status_display(),
    }


def _validate_terms(*, starts_on, ends_on, shares, probation_months, monthly_pay) -> None:
    problems = rules.contract_problems(
        starts_on=starts_on,
        ends_on=ends_on,
        shares=[Decimal(str(s)) for s in shares],
        probation_months=probation_months,
        monthly_pay=Decimal(monthly_pay),
    )
    if problems:
        raise ValidationError(problems)


def overlapping(user_id: int, starts_on: date, ends_on: date, *, exclude: int | None = None):
    """The person's active contracts whose term shares a day with the given one."""
    found = Contract.objects.filter(
        user_id=user_id, status=Contract.Status.ACTIVE, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    return found.exclude(pk=exclude) if exclude else found


def contract_build(
    *, actor, user: User, post: Post, starts_on, ends_on, probation_months, monthly_pay, shares, batch=None
):
    if user.unit_id != post.unit_id:
        raise ValidationError(f"{user.full_name or user.username}不是本单位人员")
    if not post.is_active:
        raise ValidationError(f"岗位“{post.name}”已停用")
    _validate_terms(
        starts_on=starts_on, ends_on=ends_on, shares=shares, probation_months=probation_months, monthly_pay=monthly_pay
    )
    return Contract(
        unit_id=post.unit_id,
        department_id=post.department_id,
        post=post,
        user=user,
        starts_on=starts_on,
        ends_on=ends_on,
        probation_months=probation_months,
        monthly_pay=monthly_pay,
        performance_shares=[rules.share_str(s) for s in shares],
        import_batch=batch,
        created_by=actor,
    )


@transaction.atomic
def contract_create(
    *,
    actor,
    user: User,
    post: Post,
    starts_on: date,
    ends_on: date,
    monthly_pay: Decimal,
    shares: list,
    probation_months: int = 0,
    batch=None,
    reason: str = "",
) -> Contract:
    check_manager(actor, post.unit_id)
    User.objects.select_for_update().filter(pk=user.pk).first()  # one appointment of a person at a time
    contract = contract_build(
        actor=actor,
        user=user,
        post=post,
        starts_on=starts_on,
        ends_on=ends_on,
        probation_months=probation_months,
        monthly_pay=monthly_pay,
        shares=shares,
        batch=batch,
    )
    clash = overlapping(user.pk, starts_on, ends_on).select_related("post").first()
    if clash is not None:
        raise ValidationError(
            f"{user.full_name or user.username}已有在聘合同（{clash.post.name}，"
            f"{clash.starts_on:%Y-%m-%d} 至 {clash.ends_on:%Y-%m-%d}）与该聘期重叠"
        )
    contract.save()
    audit_append(
        [audit_draft(contract, AuditEntry.Action.CREATE, field_changes({}, contract_fields(contract)), reason)],
        actor=actor,
    )
    return contract


def renewal_blocker(contract: Contract) -> str:
    """Why the contract may not be renewed ("" when it may): it has ended, or a 不续聘 or 解聘 decision of 刚性淘汰
    stands that its appeal has not overturned."""
    if contract.status == Contract.Status.ENDED:
        return "该合同已解聘，不能续聘"
    R = Recommendation
    rec = (
        R.objects.filter(
            unit_id=contract.unit_id,
            user_id=contract.user_id,
            status=R.Status.ACCEPTED,
            decision__in=[R.Decision.NO_RENEWAL, R.Decision.DISMISS],
        )
        .exclude(appeal=R.Appeal.OVERTURNED)
        .select_related("cycle")
        .order_by("-decided_at")
        .first()
    )
    if rec is None:
        return ""
    pending = "（申诉处理中）" if rec.appeal == R.Appeal.PENDING else ""
    return f"{rec.cycle.code} 刚性淘汰决定{rec.get_decision_display()}{pending}：{rec.rule_text}"


@transaction.atomic
def contract_renew(
    *,
    actor,
    contract: Contract,
    ends_on: date,
    monthly_pay: Decimal,
    shares: list,
    post: Post | None = None,
    probation_months: int = 0,
) -> Contract:
    """A new contract from the day after the old one ends (`renewal_of` the old one, which becomes 已续聘)."""
    check_manager(actor, contract.unit_id)
    old = Contract.objects.select_for_update().select_related("post", "user").get(pk=contract.pk)
    blocker = renewal_blocker(old)
    if blocker:
        raise ValidationError(blocker)
    if old.status != Contract.Status.ACTIVE:
        raise ValidationError(f"该合同状态为{old.get_status_display()}，只有在聘的合同可以续聘")
    starts_on = rules.renewal_start(old.ends_on)
    was = old.get_state_display()  # 在聘, or 期满 when renewed after its end day
    new = contract_build(
        actor=actor,
        user=old.user,
        post=post or old.post,
        starts_on=starts_on,
        ends_on=ends_on,
        probation_months=probation_months,
        monthly_pay=monthly_pay,
        shares=shares,
    )
    clash = overlapping(old.user_id, starts_on, ends_on, exclude=old.pk).first()
    if clash is not None:
        raise ValidationError("续聘的聘期与此人另一份在聘合同重叠")
    new.renewal_of = old
    new.save()
    old.status = Contract.Status.RENEWED
    old.save(update_fields=["status"])
    audit_append(
        [
            audit_draft(old, AuditEntry.Action.UPDATE, {"状态": [was, "已续聘"]}, f"续聘为合同 {new.pk}"),
            audit_draft(new, AuditEntry.Action.CREATE, field_changes({}, contract_fields(new)), f"续聘自合同 {old.pk}"),
        ],
        actor=actor,
    )
    return new


@transaction.atomic
def contract_end(*, actor, contract: Contract, ended_on: date, reason: str) -> Contract:
    """解聘: the contract ends on `ended_on` for `reason`; withdrawable for rules.WITHDRAW_DAYS days."""
    check_manager(actor, contract.unit_id)
    contract = Contract.objects.select_for_update().select_related("post", "user").get(pk=contract.pk)
    state = contract.state_on(clock.today())
    if state != Contract.Status.ACTIVE:
        label = Contract.Status(state).label
        raise ValidationError(f"该合同状态为{label}，只有在聘的合同可以解聘")
    if not contract.starts_on <= ended_on <= contract.ends_on:
        raise ValidationError("解聘日期应在聘期之内")
    contract.status = Contract.Status.ENDED
    contract.ended_on, contract.end_reason = ended_on, reason
    contract.ended_at, contract.ended_by = clock.now(), actor
    contract.save(update_fields=["status", "ended_on", "end_reason", "ended_at", "ended_by"])
    changes = {"状态": ["在聘", "已解聘"], "终止日期": [None, ended_on.isoformat()]}
    audit_append([audit_draft(contract, AuditEntry.Action.UPDATE, changes, reason)], actor=actor)
    return contract


def may_withdraw_end(contract: Contract, today: date) -> bool:
    return (
        contract.status == Contract.Status.ENDED
        and contract.ended_at is not None
        and rules.may_withdraw_ending(contract.ended_at.date(), today)
    )


@transaction.atomic
def contract_end_withdraw(*, actor, contract: Contract, reason: str) -> Contract:
    """Takes back an ending recorded within the last rules.WITHDRAW_DAYS days: the contract is in force again."""
    check_manager(actor, contract.unit_id)
    contract = Contract.objects.select_for_update().select_related("post", "user").get(pk=contract.pk)
    if not may_withdraw_end(contract, clock.today()):
        raise ValidationError(f"只有 {rules.WITHDRAW_DAYS} 天内登记的解聘可以撤回")
    if overlapping(contract.user_id, contract.starts_on, contract.ends_on, exclude=contract.pk).exists():
        raise ValidationError("此人已有与该聘期重叠的新合同，不能撤回解聘")
    before = contract.ended_on
    contract.status = Contract.Status.ACTIVE
    contract.ended_on, contract.end_reason, contract.ended_at, contract.ended_by = None, "", None, None
    contract.save(update_fields=["status", "ended_on", "end_reason", "ended_at", "ended_by"])
    changes = {"状态": ["已解聘", "在聘"], "终止日期": [before.isoformat(), None]}
    audit_append([audit_draft(contract, AuditEntry.Action.RESTORE, changes, f"撤回解聘：{reason}")], actor=actor)
    return contract
