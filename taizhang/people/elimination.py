"""刚性淘汰: the unit's rules in force for a cycle, the recommendations they make for a locked cycle, and the
committee's decision on each, the person's appeal and its answer. Nothing happens to a contract without a recorded
decision: a 解聘 decision in force (the appeal deadline passed without an appeal, or the appeal answered by
维持原决定) ends the contract when the committee carries it out; a 不续聘 decision blocks the renewal
(`contracts.renewal_blocker`)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.hub.notifications import notify
from taizhang.org.models import Role, User
from taizhang.people import policies
from taizhang.people.models import Committee, Contract, Cycle, EliminationRuleSet, Recommendation, Result
from taizhang.people.rules import elimination as rules

R = Recommendation
DEFAULT_APPEAL_DAYS = 15
MAX_REASON = 500


def rules_in_force(unit_id: int, on: date) -> tuple[tuple[rules.Rule, ...], int]:
    """The rules and appeal days of the unit's version in force for a cycle starting `on` (the defaults if none)."""
    found = EliminationRuleSet.objects.filter(unit_id=unit_id, effective_from__lte=on).order_by("-effective_from")
    version = found.first()
    if version is None:
        return rules.DEFAULT_RULES, DEFAULT_APPEAL_DAYS
    return rules.rules_from_json(version.rules), version.appeal_days


@transaction.atomic
def ruleset_create(
    *, actor, unit_id: int, cycle: Cycle, rules_data: list[dict], appeal_days: int, reason: str
) -> EliminationRuleSet:
    """A new version of the unit's elimination rules, in force from `cycle` on; earlier cycles keep theirs."""
    if actor is not None and not policies.can_manage(actor, unit_id):
        raise PermissionDenied("只有本单位考核委员会委员或单位管理员可以修订淘汰规则")
    if cycle.unit_id != unit_id:
        raise ValidationError("所选周期不属于本单位")
    try:
        parsed = rules.rules_from_json([{**item, "code": f"R{n}"} for n, item in enumerate(rules_data, start=1)])
    except rules.RuleRefused as exc:
        raise ValidationError(str(exc))
    if not 1 <= appeal_days <= 90:
        raise ValidationError("申诉期应在 1 到 90 天之间")
    reason = _text(reason, "修订说明", 200)
    if EliminationRuleSet.objects.filter(unit_id=unit_id, effective_from=cycle.starts_on).exists():
        raise ValidationError(f"自 {cycle.code} 起施行的规则版本已有，请选择其他周期")
    version = EliminationRuleSet.objects.create(
        unit_id=unit_id,
        effective_from=cycle.starts_on,
        rules=rules.rules_to_json(parsed),
        appeal_days=appeal_days,
        reason=reason,
        created_by=actor,
    )
    audit_append(
        [
            Draft(
                action=AuditEntry.Action.CREATE,
                object_type="people.eliminationrules",
                object_id=str(version.pk),
                object_repr=f"淘汰规则（自 {cycle.code} 起）",
                unit_id=unit_id,
                changes={"规则": [None, "；".join(r.text for r in parsed)], "申诉期（天）": [None, appeal_days]},
                reason=reason,
            )
        ],
        actor=actor,
    )
    return version


def _draft(rec: Recommendation, action: str, changes: dict, reason: str = "") -> Draft:
    return Draft(
        action=action,
        object_type="people.elimination",
        object_id=str(rec.pk),
        object_repr=f"{rec.cycle.code} {rec.user.full_name or rec.user.username} {rec.rule_text}"[:200],
        unit_id=rec.unit_id,
        changes=changes,
        reason=reason,
    )


def _text(value: str, label: str, limit: int = MAX_REASON) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"请填写{label}")
    if len(value) > limit:
        raise ValidationError(f"{label}最多 {limit} 字，现有 {len(value)} 字")
    return value


def _manage(actor, rec_or_cycle) -> None:
    if actor is not None and not policies.can_manage(actor, rec_or_cycle.unit_id):
        raise PermissionDenied("只有本单位考核委员会委员或单位管理员可以处理淘汰建议")


def histories(cycle: Cycle, window: int) -> dict[int, list[tuple[str, str | None]]]:
    """Each person graded in `cycle`: their grades over the unit's last `window` cycles of its kind, oldest first."""
    cycles = list(
        Cycle.objects.filter(unit_id=cycle.unit_id, kind=cycle.kind, starts_on__lte=cycle.starts_on).order_by(
            "-starts_on"
        )[:window]
    )[::-1]
    graded: dict[tuple[int, int], str] = {
        (user_id, cycle_id): grade
        for user_id, cycle_id, grade in Result.objects.filter(cycle__in=cycles)
        .exclude(grade="")
        .values_list("user_id", "cycle_id", "grade")
    }
    people = {user_id for user_id, cycle_id in graded if cycle_id == cycle.pk}
    return {user_id: [(c.code, graded.get((user_id, c.pk))) for c in cycles] for user_id in sorted(people)}


@transaction.atomic
def recommendations_sync(*, cycle: Cycle) -> int:
    """Write the recommendations the rules make for a locked cycle; undecided ones the rules no longer make are
    dropped, decided ones stay. Returns how many are new."""
    if cycle.status != Cycle.Status.LOCKED:
        raise ValidationError(f"{cycle.code} 的考核结果尚未锁定，锁定后才生成淘汰建议")
    in_force, _ = rules_in_force(cycle.unit_id, cycle.starts_on)
    window = max(max(r.within, r.count) for r in in_force)
    wanted = {}
    for user_id, history in histories(cycle, window).items():
        for found in rules.recommend(history, in_force):
            wanted[(user_id, found.rule.code)] = found
    existing = {(r.user_id, r.rule_code): r for r in R.objects.filter(cycle=cycle)}
    stale = [r.pk for key, r in existing.items() if key not in wanted and r.status == R.Status.OPEN]
    R.objects.filter(pk__in=stale).delete()
    new = [key for key in wanted if key not in existing]
    contracts = {
        c.user_id: c
        for c in Contract.objects.filter(unit_id=cycle.unit_id, starts_on__lte=cycle.ends_on).order_by(
            "starts_on", "id"
        )
    }
    departments = dict(Result.objects.filter(cycle=cycle).values_list("user_id", "department_id"))
    R.objects.bulk_create(
        [
            R(
                unit_id=cycle.unit_id,
                cycle=cycle,
                user_id=user_id,
                department_id=contracts[user_id].department_id if user_id in contracts else departments.get(user_id),
                contract=contracts.get(user_id),
                rule_code=code,
                rule_text=wanted[(user_id, code)].rule.text,
                action=wanted[(user_id, code)].rule.action,
                cycles=list(wanted[(user_id, code)].cycles),
            )
            for user_id, code in new
        ],
        ignore_conflicts=True,  # two committee members opening the list at once write the same rows
    )
    return len(new)


def _committee(unit_id: int) -> list[User]:
    members = set(Committee.objects.filter(unit_id=unit_id, ended_at__isnull=True).values_list("user_id", flat=True))
    return list(
        User.objects.filter(is_active=True).filter(pk__in=members)
        | User.objects.filter(is_active=True, unit_id=unit_id, role=Role.UNIT_ADMIN)
    )


def _locked(rec: Recommendation) -> Recommendation:
    return R.objects.select_for_update().select_related("cycle", "user").get(pk=rec.pk)


def _url(rec: Recommendation) -> str:
    return reverse("people:elimination_detail", args=[rec.pk])


@transaction.atomic
def recommendation_decide(*, actor, recommendation: Recommendation, decision: str, reason: str) -> Recommendation:
    """The committee's decision: `decision` is 待岗培训/解聘/不续聘 (what the recommendation allows) or "" to reject
    it. An accepted decision is told to the person, who may appeal until the deadline."""
    rec = _locked(recommendation)
    _manage(actor, rec)
    reason = _text(reason, "决定理由")
    if rec.status != R.Status.OPEN:
        raise ValidationError("该建议已有决定；如需改变，请先撤回原决定")
    allowed = {rules.STANDBY: [R.Decision.STANDBY], rules.DISMISS: [R.Decision.DISMISS, R.Decision.NO_RENEWAL]}
    if decision and decision not in allowed.get(rec.action, []):
        raise ValidationError(f"“{rules.ACTIONS.get(rec.action, rec.action)}”的建议不能决定为该处理")
    _, appeal_days = rules_in_force(rec.unit_id, rec.cycle.starts_on)
    now = clock.now()
    rec.status = R.Status.ACCEPTED if decision else R.Status.REJECTED
    rec.decision, rec.decision_reason, rec.decided_by, rec.decided_at = decision, reason, actor, now
    rec.appeal_until = clock.today() + timedelta(days=appeal_days) if decision else None
    rec.save()
    if decision:
        notify(
            rec.user,
            f"考核委员会对您 {rec.cycle.code} 的考核作出“{rec.get_decision_display()}”决定，"
            f"如有异议请于 {rec.appeal_until:%Y-%m-%d} 前申诉",
            _url(rec),
            actor=actor,
        )
    label = rec.get_decision_display() if decision else "不采纳"
    audit_append([_draft(rec, AuditEntry.Action.UPDATE, {"决定": ["待决定", label]}, reason)], actor=actor)
    return rec


@transaction.atomic
def decision_withdraw(*, actor, recommendation: Recommendation, reason: str) -> Recommendation:
    """Take a decision back (before it is carried out): the recommendation is open again; the reason is audited."""
    rec = _locked(recommendation)
    _manage(actor, rec)
    reason = _text(reason, "撤回原因", 200)
    if rec.status == R.Status.OPEN:
        raise ValidationError("该建议还没有决定")
    if rec.enforced_at:
        raise ValidationError("决定已执行（合同已解除），不能撤回")
    before = rec.get_decision_display() or "不采纳"
    rec.status, rec.decision, rec.decision_reason, rec.decided_by, rec.decided_at = R.Status.OPEN, "", "", None, None
    rec.appeal_until, rec.appeal, rec.appeal_text, rec.appealed_at = None, R.Appeal.NONE, "", None
    rec.answer, rec.answered_by, rec.answered_at = "", None, None
    rec.save()
    audit_append([_draft(rec, AuditEntry.Action.VOID, {"决定": [before, "待决定"]}, reason)], actor=actor)
    return rec


@transaction.atomic
def appeal_file(*, actor, recommendation: Recommendation, text: str) -> Recommendation:
    """The person appeals the decision on them, until the deadline; the committee is told."""
    rec = _locked(recommendation)
    if actor is None or actor.pk != rec.user_id:
        raise PermissionDenied("只有本人可以对决定提出申诉")
    text = _text(text, "申诉理由", 1000)
    if rec.status != R.Status.ACCEPTED:
        raise ValidationError("该建议没有作出处理决定，无需申诉")
    if rec.appeal:
        raise ValidationError("您已提出过申诉")
    if clock.today() > rec.appeal_until:
        raise ValidationError(f"申诉期已于 {rec.appeal_until:%Y-%m-%d} 截止")
    rec.appeal, rec.appeal_text, rec.appealed_at = R.Appeal.PENDING, text, clock.now()
    rec.save(update_fields=["appeal", "appeal_text", "appealed_at"])
    notify(_committee(rec.unit_id), f"{rec.user.full_name} 对 {rec.cycle.code} 的淘汰决定提出申诉", _url(rec))
    audit_append([_draft(rec, AuditEntry.Action.UPDATE, {"申诉": ["未申诉", "申诉待答复"]}, text[:200])], actor=actor)
    return rec


@transaction.atomic
def appeal_answer(*, actor, recommendation: Recommendation, uphold: bool, answer: str) -> Recommendation:
    """The committee answers the appeal: 维持原决定 puts the decision in force (a 解聘 is carried out at once),
    撤销原决定 voids it."""
    rec = _locked(recommendation)
    _manage(actor, rec)
    answer = _text(answer, "答复意见")
    if rec.appeal != R.Appeal.PENDING:
        raise ValidationError("没有待答复的申诉")
    rec.appeal = R.Appeal.UPHELD if uphold else R.Appeal.OVERTURNED
    rec.answer, rec.answered_by, rec.answered_at = answer, actor, clock.now()
    rec.save(update_fields=["appeal", "answer", "answered_by", "answered_at"])
    notify(rec.user, f"您对 {rec.cycle.code} 淘汰决定的申诉已答复：{rec.get_appeal_display()}", _url(rec), actor=actor)
    audit_append(
        [_draft(rec, AuditEntry.Action.UPDATE, {"申诉": ["申诉待答复", rec.get_appeal_display()]}, answer[:200])],
        actor=actor,
    )
    if uphold and rec.decision == R.Decision.DISMISS:
        _end_contract(actor, rec)
    return rec


def in_force(rec: Recommendation, today: date) -> bool:
    """An accepted decision is in force once the appeal is answered by 维持原决定, or the deadline passed without
    an appeal."""
    if rec.status != R.Status.ACCEPTED:
        return False
    if rec.appeal == R.Appeal.UPHELD:
        return True
    return rec.appeal == R.Appeal.NONE and rec.appeal_until is not None and today > rec.appeal_until


@transaction.atomic
def decision_enforce(*, actor, recommendation: Recommendation) -> Recommendation:
    """Carry out a 解聘 decision in force: the contract ends today."""
    rec = _locked(recommendation)
    _manage(actor, rec)
    if rec.decision != R.Decision.DISMISS or not in_force(rec, clock.today()):
        raise ValidationError("只有已生效的解聘决定才能执行（申诉期满未申诉，或申诉已答复维持原决定）")
    if rec.enforced_at:
        raise ValidationError("该决定已执行")
    _end_contract(actor, rec)
    return rec


def _end_contract(actor, rec: Recommendation) -> None:
    rec.enforced_at = clock.now()
    rec.save(update_fields=["enforced_at"])
    contract = (
        Contract.objects.select_for_update()
        .in_force(clock.today())
        .filter(user_id=rec.user_id, unit_id=rec.unit_id)
        .order_by("-starts_on")
        .first()
    )
    drafts = [_draft(rec, AuditEntry.Action.UPDATE, {"执行": [None, "解除聘任合同"]})]
    if contract is not None:
        contract.status, contract.ended_on = Contract.Status.ENDED, clock.today()
        contract.end_reason = f"刚性淘汰解聘：{rec.cycle.code} {rec.rule_text}"[:200]
        contract.save(update_fields=["status", "ended_on", "end_reason"])
        drafts.append(
            Draft(
                action=AuditEntry.Action.UPDATE,
                object_type="people.contract",
                object_id=str(contract.pk),
                object_repr=f"{rec.user.full_name} {contract}"[:200],
                unit_id=contract.unit_id,
                changes={"状态": ["在聘", "已解聘"], "终止日期": [None, str(contract.ended_on)]},
                reason=rec.decision_reason[:200],
            )
        )
    notify(rec.user, f"根据 {rec.cycle.code} 的淘汰决定，您的聘任合同已解除", _url(rec), actor=actor)
    audit_append(drafts, actor=actor)
