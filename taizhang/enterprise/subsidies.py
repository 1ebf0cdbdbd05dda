"""Subsidy services: policies and clauses (checked as data when saved), the year's budget, grants from the 免申即享
list, review → approval (within the budget) → payment, withdrawing a step with a reason, and recording a clawback.
Every write is checked, atomic and audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, audit_record, field_changes
from taizhang.core import clock
from taizhang.enterprise import policies, selectors_subsidies
from taizhang.enterprise.models import Clause, Grant, Policy, SubsidyBudget
from taizhang.enterprise.rules import eligibility

A = AuditEntry.Action
S = Grant.State
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _configures(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_configure(actor, unit_id):
        raise PermissionDenied("只有本单位的单位管理员可以设置政策、预算和审批兑现")


def _works(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_work(actor, unit_id):
        raise PermissionDenied("只有本单位的工作人员可以办理惠企资金")


def _year(year: int) -> int:
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise ValidationError(f"年度应在 {FIRST_YEAR}—{LAST_YEAR} 之间")
    return int(year)


def _yuan(value) -> str:
    return f"{Decimal(value):,.2f} 元"


# ---- policies and clauses ----


@transaction.atomic
def policy_save(
    *, actor, unit, name: str, first_year: int, last_year: int | None, note: str = "", policy: Policy | None = None
) -> Policy:
    unit_id = policy.unit_id if policy else unit.pk
    _configures(actor, unit_id)
    name = name.strip()
    if not name:
        raise ValidationError("政策名称不能为空")
    if last_year is not None and _year(last_year) < _year(first_year):
        raise ValidationError("截止年度不能早于起始年度")
    if Policy.objects.filter(unit_id=unit_id, name=name).exclude(pk=policy.pk if policy else None).exists():
        raise ValidationError(f"已有名为“{name}”的政策")
    before = {"名称": policy.name, "起始年度": policy.first_year, "截止年度": policy.last_year} if policy else {}
    policy = policy or Policy(unit_id=unit_id)
    policy.name, policy.first_year, policy.last_year, policy.note = name, _year(first_year), last_year, note.strip()
    policy.save()
    audit_record(
        actor=actor,
        action=A.UPDATE if before else A.CREATE,
        object_type="enterprise.policy",
        object_id=str(policy.pk),
        object_repr=policy.name,
        unit_id=unit_id,
        changes=field_changes(before, {"名称": name, "起始年度": first_year, "截止年度": last_year}),
    )
    return policy


@transaction.atomic
def clause_save(
    *,
    actor,
    policy: Policy,
    code: str,
    title: str,
    conditions: list,
    formula: dict,
    clawback_years: int | None = None,
    is_active: bool = True,
    clause: Clause | None = None,
) -> Clause:
    """Create or change a clause; RuleError's message (naming the clause and the bad part) becomes the refusal."""
    _configures(actor, policy.unit_id)
    code, title = code.strip(), title.strip()
    if not code or not title:
        raise ValidationError("条款编号和标题不能为空")
    try:
        conditions, formula = eligibility.check_clause(f"{policy.name}{code}", conditions, formula)
    except eligibility.RuleError as exc:
        raise ValidationError(str(exc))
    if Clause.objects.filter(policy=policy, code=code).exclude(pk=clause.pk if clause else None).exists():
        raise ValidationError(f"{policy.name}已有{code}")
    if clawback_years is not None and not 1 <= clawback_years <= 20:
        raise ValidationError(f"{policy.name}{code}：迁出追回年限应为 1—20 年")
    before = _clause_fields(clause) if clause else {}
    if clause is None:
        clause = Clause(unit_id=policy.unit_id, policy=policy, sort_order=policy.clauses.count() + 1)
    clause.code, clause.title, clause.conditions, clause.formula = code, title, conditions, formula
    clause.clawback_years, clause.is_active = clawback_years, is_active
    clause.save()
    audit_record(
        actor=actor,
        action=A.UPDATE if before else A.CREATE,
        object_type="enterprise.clause",
        object_id=str(clause.pk),
        object_repr=str(clause),
        unit_id=clause.unit_id,
        changes=field_changes(before, _clause_fields(clause)),
    )
    return clause


def _clause_fields(clause: Clause) -> dict:
    return {
        "条款": clause.code,
        "标题": clause.title,
        "条件": "；".join(clause.condition_texts),
        "金额计算": clause.formula_text,
        "迁出追回年限": clause.clawback_years,
        "在用": clause.is_active,
    }


@transaction.atomic
def budget_set(*, actor, unit, year: int, amount: Decimal) -> SubsidyBudget:
    _configures(actor, unit.pk)
    year = _year(year)
    if amount < 0 or amount != amount.quantize(eligibility.FEN):
        raise ValidationError("预算应为不小于 0 的金额，最多精确到分")
    carried = selectors_subsidies.committed(unit.pk, year)
    if amount < carried:
        raise ValidationError(f"{year} 年度已审批和支付 {_yuan(carried)}，预算不能低于此数")
    budget, created = SubsidyBudget.objects.select_for_update().get_or_create(
        unit_id=unit.pk, year=year, defaults={"amount": amount}
    )
    before = None if created else budget.amount
    budget.amount = amount
    budget.save()
    audit_record(
        actor=actor,
        action=A.CREATE if created else A.UPDATE,
        object_type="enterprise.budget",
        object_id=str(budget.pk),
        object_repr=f"{year} 年度惠企资金预算",
        unit_id=unit.pk,
        changes={"预算（元）": [before, amount]},
    )
    return budget


# ---- grants ----


@transaction.atomic
def grants_create(*, actor, unit, year: int, picks: list[tuple[int, int]]) -> list[Grant]:
    """Grants for the chosen (enterprise id, clause id) of the year's 免申即享 list, each with the amount and reasons
    computed now; refused whole if one no longer qualifies or already has a grant."""
    _works(actor, unit.pk)
    year = _year(year)
    wanted = set(picks)
    if not wanted:
        raise ValidationError("请选择要生成兑现的企业和条款")
    offers = {(o.enterprise_id, o.clause.pk): o for o in selectors_subsidies.offers(unit.pk, year)}
    made = []
    for key in sorted(wanted):
        offer = offers.get(key)
        if offer is None:
            raise ValidationError("所选企业已不符合该条款的条件，请刷新名单后重试")
        if offer.grant is not None:
            raise ValidationError(f"{offer.enterprise_name}的{offer.clause}（{year} 年度）已生成兑现，不能重复")
        made.append(
            Grant(
                unit_id=unit.pk,
                enterprise_id=offer.enterprise_id,
                clause=offer.clause,
                year=year,
                amount=offer.amount,
                reasons=list(offer.reasons),
                created_by=actor,
            )
        )
    Grant.objects.bulk_create(made)
    audit_append(
        [
            Draft(
                action=A.CREATE,
                object_type="enterprise.grant",
                object_id=str(g.pk),
                object_repr=f"{offers[(g.enterprise_id, g.clause_id)].enterprise_name} {year} {g.clause}",
                unit_id=unit.pk,
                changes={
                    "金额（元）": [None, g.amount],
                    "依据": [None, "；".join(g.reasons)],
                    "来源": [None, "免申即享"],
                },
            )
            for g in made
        ],
        actor=actor,
    )
    return made


def _locked(grant: Grant) -> Grant:
    return Grant.objects.select_for_update(of=("self",)).select_related("enterprise", "clause__policy").get(pk=grant.pk)


def _audit_step(actor, grant: Grant, before: str, *, reason: str = "", **changes) -> None:
    audit_record(
        actor=actor,
        action=A.UPDATE,
        object_type="enterprise.grant",
        object_id=str(grant.pk),
        object_repr=str(grant),
        unit_id=grant.unit_id,
        changes={"状态": [S(before).label, grant.get_state_display()], **changes},
        reason=reason[:200],
    )


def _within_budget(grant: Grant) -> None:
    budget = selectors_subsidies.budget_of(grant.unit_id, grant.year)
    if budget is None:
        raise ValidationError(f"{grant.year} 年度还没有设置惠企资金预算，不能审批或支付")
    carried = selectors_subsidies.committed(grant.unit_id, grant.year, excluding=grant.pk)
    left = budget.amount - carried
    if grant.amount > left:
        raise ValidationError(
            f"超出 {grant.year} 年度预算：预算 {_yuan(budget.amount)}，已审批和支付 {_yuan(carried)}，"
            f"剩余 {_yuan(left)}，本笔 {_yuan(grant.amount)}"
        )


@transaction.atomic
def grant_review(*, actor, grant: Grant) -> Grant:
    _works(actor, grant.unit_id)
    grant = _locked(grant)
    if grant.state != S.PROPOSED:
        raise ValidationError(f"该兑现{grant.get_state_display()}，不能审核")
    grant.state, grant.reviewed_by, grant.reviewed_at = S.REVIEWED, actor, clock.now()
    grant.save()
    _audit_step(actor, grant, S.PROPOSED)
    return grant


@transaction.atomic
def grant_approve(*, actor, grant: Grant) -> Grant:
    _configures(actor, grant.unit_id)
    SubsidyBudget.objects.select_for_update().filter(unit_id=grant.unit_id, year=grant.year).exists()
    grant = _locked(grant)
    if grant.state != S.REVIEWED:
        raise ValidationError(f"该兑现{grant.get_state_display()}，须先审核才能审批")
    _within_budget(grant)
    grant.state, grant.approved_by, grant.approved_at = S.APPROVED, actor, clock.now()
    grant.save()
    _audit_step(actor, grant, S.REVIEWED)
    return grant


@transaction.atomic
def grant_pay(*, actor, grant: Grant, paid_on: date, voucher: str) -> Grant:
    _configures(actor, grant.unit_id)
    SubsidyBudget.objects.select_for_update().filter(unit_id=grant.unit_id, year=grant.year).exists()
    grant = _locked(grant)
    if grant.state != S.APPROVED:
        raise ValidationError(f"该兑现{grant.get_state_display()}，须先审批才能支付")
    voucher = voucher.strip()
    if not voucher:
        raise ValidationError("请填写支付凭证号")
    if paid_on > clock.today():
        raise ValidationError("支付日期不能晚于今天")
    twice = Grant.objects.filter(
        enterprise_id=grant.enterprise_id, clause_id=grant.clause_id, year=grant.year, state=S.PAID
    ).exclude(pk=grant.pk)
    if twice.exists():
        raise ValidationError(f"{grant.enterprise.name}的{grant.clause}（{grant.year} 年度）已支付过，不能重复支付")
    _within_budget(grant)
    grant.state, grant.paid_on, grant.voucher = S.PAID, paid_on, voucher
    grant.save()
    _audit_step(actor, grant, S.APPROVED, 支付日期=[None, paid_on], 凭证号=[None, voucher])
    return grant


# A withdrawal takes back the last step: paid → approved → reviewed → proposed → withdrawn.
STEP_BACK = {S.PAID: S.APPROVED, S.APPROVED: S.REVIEWED, S.REVIEWED: S.PROPOSED, S.PROPOSED: S.WITHDRAWN}


def can_withdraw(user, grant: Grant) -> bool:
    if grant.state in (S.PAID, S.APPROVED):
        return policies.can_configure(user, grant.unit_id) and grant.recovered_on is None
    return grant.state in STEP_BACK and policies.can_work(user, grant.unit_id)


@transaction.atomic
def grant_withdraw(*, actor, grant: Grant, reason: str) -> Grant:
    """Take back the grant's last step (a payment, an approval, a review, or the grant itself), with a reason."""
    grant = _locked(grant)
    if actor is not None and not can_withdraw(actor, grant):
        if grant.state not in STEP_BACK:
            raise ValidationError("该兑现已撤销")
        raise PermissionDenied("撤回审批或支付须由单位管理员办理；已追回的兑现不能撤回")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写撤回原因")
    before = grant.state
    grant.state = STEP_BACK[before]
    changes = {}
    if before == S.PAID:
        changes = {"支付日期": [grant.paid_on, None], "凭证号": [grant.voucher, None]}
        grant.paid_on, grant.voucher = None, ""
    elif before == S.APPROVED:
        grant.approved_by, grant.approved_at = None, None
    elif before == S.REVIEWED:
        grant.reviewed_by, grant.reviewed_at = None, None
    else:
        grant.withdraw_reason = reason[:200]
    grant.save()
    _audit_step(actor, grant, before, reason=reason, **changes)
    return grant


@transaction.atomic
def grant_recover(*, actor, grant: Grant, recovered_on: date, amount: Decimal, note: str = "") -> Grant:
    """Record that a paid grant's money was recovered (the enterprise left within the clause's years)."""
    _configures(actor, grant.unit_id)
    grant = _locked(grant)
    if grant.state != S.PAID:
        raise ValidationError("只有已支付的兑现可以登记追回")
    if grant.recovered_on is not None:
        raise ValidationError(f"该兑现已于 {grant.recovered_on:%Y-%m-%d} 登记追回")
    if not eligibility.clawback_due(
        paid_on=grant.paid_on, left_on=grant.enterprise.left_on, years=grant.clause.clawback_years
    ):
        raise ValidationError("该企业未在追回年限内迁出，不需要追回")
    if not 0 < amount <= grant.amount or amount != amount.quantize(eligibility.FEN):
        raise ValidationError(f"追回金额应大于 0、不超过兑现金额 {_yuan(grant.amount)}，最多精确到分")
    if recovered_on > clock.today() or recovered_on < grant.paid_on:
        raise ValidationError("追回日期应在支付日期之后、不晚于今天")
    grant.recovered_on, grant.recovered_amount, grant.recovery_note = recovered_on, amount, note.strip()[:200]
    grant.save()
    audit_record(
        actor=actor,
        action=A.UPDATE,
        object_type="enterprise.grant",
        object_id=str(grant.pk),
        object_repr=str(grant),
        unit_id=grant.unit_id,
        changes={"追回日期": [None, recovered_on], "追回金额（元）": [None, amount]},
        reason=note[:200],
    )
    return grant
