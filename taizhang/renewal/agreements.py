"""Agreements (协议): the option the household chooses, then 签约 → 腾空 → 拆除, never backwards, each step audited.

At signing the policy version in force on the signing date, the chosen option's breakdown and its total are frozen
into the agreement: a later policy version never changes a signed agreement. Vacating by a deadline of the frozen
policy's vacating awards adds that award to the frozen breakdown (the award is the frozen policy's, earned later).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append, field_changes
from taizhang.core import clock
from taizhang.org.scoping import get_visible_or_404
from taizhang.renewal import rules
from taizhang.renewal.compensation import household_compensation, household_readiness
from taizhang.renewal.compensation_policies import policy_rules
from taizhang.renewal.models import Agreement, Objection, ProjectHousehold, PublicityLine, current_agreement
from taizhang.renewal.policies import can_record
from taizhang.renewal.projects import entry_draft, require_manager

STATUS_ORDER = [
    Agreement.Status.UNSIGNED,
    Agreement.Status.SIGNED,
    Agreement.Status.VACATED,
    Agreement.Status.DEMOLISHED,
]


def _require_recorder(actor, entry: ProjectHousehold) -> None:
    if actor is not None and not can_record(actor, entry.project):
        raise PermissionDenied("只有本单位工作人员可以办理协议")


def _values(agreement: Agreement) -> dict:
    return {
        "补偿方式": agreement.option,
        "选房面积（m²）": agreement.chosen_area,
        "过渡期（月）": agreement.months_until_handover,
        "状态": agreement.get_status_display(),
        "协议编号": agreement.number,
        "补偿金额（元）": agreement.amount,
        "政策版本": f"{agreement.policy.name}（{agreement.policy.effective_from:%Y-%m-%d} 起）"
        if agreement.policy
        else "",
        "签约日期": agreement.signed_on,
        "腾空日期": agreement.vacated_on,
        "拆除日期": agreement.demolished_on,
        "作废原因": agreement.void_reason,
    }


def _audit(actor, agreement: Agreement, before: dict, reason: str = "", action: str = "") -> None:
    changes = field_changes(before, _values(agreement))
    if changes:
        entry = agreement.entry
        audit_append(
            [
                entry_draft(
                    entry,
                    action or (AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE),
                    "renewal.agreement",
                    agreement.pk,
                    f"{entry.project.name} 协议 {entry.household.household_no}",
                    changes,
                    reason,
                )
            ],
            actor=actor,
        )


def _locked(agreement: Agreement) -> Agreement:
    return (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("entry__project", "entry__household", "policy")
        .get(pk=agreement.pk)
    )


def _not_future(on: date, what: str) -> None:
    if on > clock.today():
        raise ValidationError(f"{what}（{on:%Y-%m-%d}）不能晚于今天")


@transaction.atomic
def agreement_choose(
    *, actor, entry: ProjectHousehold, option: str, chosen_area: Decimal | None = None, months_until_handover: int = 0
) -> Agreement:
    """The household's choice of option (and, for 产权调换, the flat's area and the months until it is handed
    over); it can change until the agreement is signed."""
    _require_recorder(actor, entry)
    if option not in Agreement.Option.values:
        raise ValidationError(f"补偿方式应为{'或'.join(Agreement.Option.values)}")
    if option == Agreement.Option.EXCHANGE:
        if chosen_area is None or chosen_area <= 0:
            raise ValidationError("产权调换须填写选房面积（大于 0 的平方米数）")
        if chosen_area != chosen_area.quantize(rules.FEN):
            raise ValidationError("选房面积最多保留两位小数")
        if months_until_handover is None or months_until_handover < 0:
            raise ValidationError("过渡期（月）不能为负数")
    else:
        chosen_area, months_until_handover = None, 0
    agreement = (
        Agreement.objects.select_for_update().filter(entry=entry).exclude(status=Agreement.Status.VOIDED).first()
    )
    before = _values(agreement) if agreement else {}
    if agreement is None:
        agreement = Agreement(
            unit_id=entry.unit_id,
            community_id=entry.community_id,
            project_id=entry.project_id,
            entry=entry,
            group_id=entry.group_id,
        )
    elif agreement.status != Agreement.Status.UNSIGNED:
        raise ValidationError("协议已签订，补偿方式不能再改")
    agreement.option, agreement.chosen_area, agreement.months_until_handover = (
        option,
        chosen_area,
        months_until_handover,
    )
    agreement.updated_by = actor
    agreement.save()
    agreement.entry = entry
    _audit(actor, agreement, before)
    return agreement


def _next_number(agreement: Agreement, on: date) -> str:
    signed = Agreement.objects.filter(project_id=agreement.project_id).exclude(number="").count()
    return f"{on:%Y}-{signed + 1:04d}"


def signing_checks(entry: ProjectHousehold, signed_on: date) -> list[rules.SigningCheck]:
    """The checks `rules.signing_checks` makes for the household on `signed_on`, from its records (three queries)."""
    measured, determined = household_readiness(entry)
    window_ends_on, outdated_at = (
        PublicityLine.objects.filter(entry=entry, publicity__starts_on__lte=signed_on)
        .order_by("-publicity__starts_on", "-publicity_id")
        .values_list("publicity__ends_on", "outdated_at")
        .first()
    ) or (None, None)
    return rules.signing_checks(
        measured=measured,
        determined=determined,
        window_ends_on=window_ends_on,
        outdated=outdated_at is not None,
        open_objections=Objection.objects.filter(entry=entry, status=Objection.Status.OPEN).count(),
        signed_on=signed_on,
    )


@transaction.atomic
def agreement_sign(*, actor, agreement: Agreement, signed_on: date) -> Agreement:
    """签约: refused with every reason `rules.signing_checks` gives (not measured, not 已界定, its 公示 window still
    open on that day, an objection unanswered), or when no policy is in force on that day; freezes the policy
    version, the chosen option's breakdown and its amount."""
    agreement = _locked(agreement)
    entry = agreement.entry
    _require_recorder(actor, entry)
    if agreement.status != Agreement.Status.UNSIGNED:
        raise ValidationError(f"协议当前为“{agreement.get_status_display()}”，不能再签约")
    _not_future(signed_on, "签约日期")
    if signed_on < entry.project.start_date:
        raise ValidationError(f"签约日期不能早于项目启动日期（{entry.project.start_date:%Y-%m-%d}）")
    refusals = [c.reason for c in signing_checks(entry, signed_on) if c.reason]
    if refusals:
        raise ValidationError(refusals)
    agreement.signed_on = signed_on
    result = household_compensation(entry, agreement=agreement)
    if result.policy is None:
        raise ValidationError(f"{signed_on:%Y-%m-%d} 没有已公布生效的补偿政策，不能签约")
    breakdown = result.of(agreement.option)
    before = _values(Agreement.objects.get(pk=agreement.pk))
    agreement.status = Agreement.Status.SIGNED
    agreement.policy, agreement.amount = result.policy, breakdown.total
    agreement.breakdown = rules.breakdown_to_data(breakdown)
    agreement.number = _next_number(agreement, signed_on)
    agreement.updated_by = actor
    agreement.save()
    _audit(actor, agreement, before)
    return agreement


@transaction.atomic
def agreement_vacate(*, actor, agreement: Agreement, vacated_on: date) -> Agreement:
    """腾空 on a day (after the confirmation page, `step_preview`): a vacating award of the frozen policy earned by
    that day is added to the frozen breakdown."""
    agreement = _locked(agreement)
    _require_recorder(actor, agreement.entry)
    preview = step_preview(agreement, rules.VACATE, vacated_on)
    if preview.refusal:
        raise ValidationError(preview.refusal)
    before = _values(agreement)
    if preview.award is not None:
        breakdown = rules.breakdown_from_data(agreement.breakdown)
        breakdown.lines.append(preview.award)
        agreement.breakdown = rules.breakdown_to_data(breakdown)
        agreement.amount = breakdown.total
    agreement.status, agreement.vacated_on, agreement.updated_by = Agreement.Status.VACATED, vacated_on, actor
    agreement.save()
    _audit(actor, agreement, before)
    return agreement


@transaction.atomic
def agreement_demolish(*, actor, agreement: Agreement, demolished_on: date) -> Agreement:
    agreement = _locked(agreement)
    _require_recorder(actor, agreement.entry)
    preview = step_preview(agreement, rules.DEMOLISH, demolished_on)
    if preview.refusal:
        raise ValidationError(preview.refusal)
    before = _values(agreement)
    agreement.status, agreement.demolished_on, agreement.updated_by = Agreement.Status.DEMOLISHED, demolished_on, actor
    agreement.save()
    _audit(actor, agreement, before)
    return agreement


@dataclass(frozen=True)
class StepPreview:
    """What registering 腾空 or 拆除 on a day would bind: the agreement's amount after it (腾空 by a deadline of the
    frozen policy adds its vacating award) and the refusal, if the step cannot be registered that day."""

    step: str
    on: date
    amount: Decimal | None
    award: rules.Line | None
    refusal: str


def step_preview(agreement: Agreement, step: str, on: date) -> StepPreview:
    expected, previous_on, previous = (
        (Agreement.Status.SIGNED, agreement.signed_on, "签约")
        if step == rules.VACATE
        else (Agreement.Status.VACATED, agreement.vacated_on, "腾空")
    )
    refusal = ""
    if agreement.status != expected:
        refusal = f"协议当前为“{agreement.get_status_display()}”，只有已{previous}的才能登记{step}"
    elif on > clock.today():
        refusal = f"{step}日期（{on:%Y-%m-%d}）不能晚于今天"
    elif previous_on and on < previous_on:
        refusal = f"{step}日期不能早于{previous}日期（{previous_on:%Y-%m-%d}）"
    award = None
    if step == rules.VACATE and agreement.policy_id:
        award = rules.vacating_award(policy_rules(agreement.policy), on)
    amount = agreement.amount + award.amount if award and agreement.amount is not None else agreement.amount
    return StepPreview(step, on, amount, award, refusal)


def withdraw_refusal(agreement: Agreement, step: str) -> str:
    return rules.withdraw_refusal(
        step,
        signed=agreement.signed_on is not None,
        vacated=agreement.vacated_on is not None,
        demolished=agreement.demolished_on is not None,
        voided=agreement.status == Agreement.Status.VOIDED,
    )


@transaction.atomic
def agreement_step_withdraw(*, actor, agreement: Agreement, step: str, reason: str) -> Agreement:
    """A unit admin withdraws a 腾空 or 拆除 registered by mistake, with the reason (audited); refused while a later
    step stands on it (`rules.withdraw_refusal`). Withdrawing 腾空 takes its vacating award out of the amount."""
    agreement = _locked(agreement)
    require_manager(actor, agreement.entry.project)
    refusal = withdraw_refusal(agreement, step)
    if refusal:
        raise ValidationError(refusal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(f"请填写撤回{step}的原因")
    before = _values(agreement)
    if step == rules.VACATE:
        breakdown = rules.without_vacating_award(rules.breakdown_from_data(agreement.breakdown))
        agreement.breakdown, agreement.amount = rules.breakdown_to_data(breakdown), breakdown.total
        agreement.status, agreement.vacated_on = Agreement.Status.SIGNED, None
    else:
        agreement.status, agreement.demolished_on = Agreement.Status.VACATED, None
    agreement.updated_by = actor
    agreement.save()
    _audit(actor, agreement, before, reason=f"撤回{step}：{reason}"[:200])
    return agreement


@transaction.atomic
def agreement_void(*, actor, agreement: Agreement, reason: str) -> Agreement:
    """Void a signed agreement with its reason — the unit admin only, audited with the reason.
    Once 已腾空 the household has left, so the agreement stands. The voided row is kept (已作废, in the household's
    history) and the household may choose again, which makes a new draft agreement."""
    agreement = _locked(agreement)
    require_manager(actor, agreement.entry.project)
    if agreement.status == Agreement.Status.VOIDED:
        raise ValidationError("该协议已经作废")
    if agreement.status in (Agreement.Status.VACATED, Agreement.Status.DEMOLISHED):
        raise ValidationError(f"{agreement.get_status_display()}的协议不能作废")
    if agreement.status == Agreement.Status.UNSIGNED:
        raise ValidationError("协议尚未签约，不必作废，直接修改补偿方式即可")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写作废原因")
    before = _values(agreement)
    agreement.status, agreement.void_reason, agreement.voided_at = Agreement.Status.VOIDED, reason[:200], clock.now()
    agreement.voided_by = agreement.updated_by = actor if actor is not None and actor.pk else None
    agreement.save()
    _audit(actor, agreement, before, reason=reason[:200], action=AuditEntry.Action.VOID)
    return agreement


# --- reads ------------------------------------------------------------------------------------------------


def agreement_or_404(user, agreement_id: int) -> Agreement:
    return get_visible_or_404(
        Agreement.objects.select_related(
            "entry__project__unit", "entry__household__head", "community", "group", "policy"
        ),
        user,
        pk=agreement_id,
    )


def agreement_of(entry: ProjectHousehold) -> Agreement | None:
    """The household's agreement that is not voided, if any."""
    return (
        Agreement.objects.filter(entry=entry).exclude(status=Agreement.Status.VOIDED).select_related("policy").first()
    )


def voided_agreements(entry: ProjectHousehold) -> QuerySet[Agreement]:
    """The household's voided agreements, newest first: its history."""
    return Agreement.objects.filter(entry=entry, status=Agreement.Status.VOIDED).order_by("-voided_at", "-id")


def frozen_breakdown(agreement: Agreement) -> rules.Breakdown | None:
    return rules.breakdown_from_data(agreement.breakdown) if agreement.breakdown else None


def agreement_rows(
    user, project, *, community_id: int | None = None, group_id: int | None = None, status: str = ""
) -> QuerySet[ProjectHousehold]:
    """The project's households the user may see, each with its agreement (if any), filtered."""
    entries = (
        ProjectHousehold.objects.visible_to(user)
        .filter(project=project)
        .annotate(agreement=current_agreement())
        .select_related("household__head", "community", "group", "agreement")
        .order_by("household__household_no")
    )
    if community_id:
        entries = entries.filter(community_id=community_id)
    if group_id:
        entries = entries.filter(group_id=group_id)
    if status == Agreement.Status.UNSIGNED:
        entries = entries.exclude(agreement__status__in=STATUS_ORDER[1:])
    elif status:
        entries = entries.filter(agreement__status=status)
    return entries


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


def agreement_counts(entries: QuerySet[ProjectHousehold]) -> list[StatusCount]:
    """Households per agreement status (one without an agreement row is 未签约)."""
    found = {
        row["agreement__status"]: row["n"]
        for row in entries.order_by().values("agreement__status").annotate(n=Count("id"))
    }
    found[Agreement.Status.UNSIGNED] = found.get(Agreement.Status.UNSIGNED, 0) + found.pop(None, 0)
    return [StatusCount(s, Agreement.Status(s).label, found.get(s, 0)) for s in STATUS_ORDER]
