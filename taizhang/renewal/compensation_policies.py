"""Compensation policy versions: drafts edited, published ones never changed (a change is a new version), the
policy in force on a date, and its standards as residents read them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append, field_changes
from taizhang.core import clock
from taizhang.renewal import rules
from taizhang.renewal.models import (
    Agreement,
    CompensationPolicy,
    Project,
)
from taizhang.renewal.projects import project_draft, require_manager


def _checked_data(name: str, data: dict) -> dict:
    data = {**data, "name": name}
    errors = rules.policy_errors(data)
    if errors:
        raise ValidationError(errors)
    return rules.policy_to_data(rules.policy_from_data(data))  # one spelling of each amount, whatever was typed


def _policy_values(policy: CompensationPolicy) -> dict:
    return {
        "政策名称": policy.name,
        "生效日期": policy.effective_from,
        "说明": policy.note,
        "补偿标准": policy.data,
        "状态": policy.get_status_display(),
    }


def _audit_policy(actor, policy: CompensationPolicy, action: str, before: dict, reason: str = "") -> None:
    changes = field_changes(before, _policy_values(policy))
    if changes:
        audit_append(
            [
                project_draft(
                    policy.project,
                    action,
                    "renewal.policy",
                    policy.pk,
                    f"{policy.project.name} 补偿政策 {policy.name}",
                    changes,
                    reason,
                )
            ],
            actor=actor,
        )


@transaction.atomic
def policy_create(
    *, actor, project: Project, name: str, effective_from: date, data: dict, note: str = ""
) -> CompensationPolicy:
    """A new draft version (published ones are never edited: a change of standards is a new version)."""
    require_manager(actor, project)
    name = name.strip()
    if not name:
        raise ValidationError("请填写政策名称")
    policy = CompensationPolicy.objects.create(
        unit_id=project.unit_id,
        project=project,
        name=name,
        effective_from=effective_from,
        data=_checked_data(name, data),
        note=note.strip(),
        created_by=actor,
    )
    _audit_policy(actor, policy, AuditEntry.Action.CREATE, {})
    return policy


@transaction.atomic
def policy_update(
    *, actor, policy: CompensationPolicy, name: str, effective_from: date, data: dict, note: str = ""
) -> CompensationPolicy:
    require_manager(actor, policy.project)
    policy = CompensationPolicy.objects.select_for_update().select_related("project").get(pk=policy.pk)
    if policy.status != CompensationPolicy.Status.DRAFT:
        raise ValidationError("已公布的政策不能修改；标准有变化请新建一个版本")
    name = name.strip()
    if not name:
        raise ValidationError("请填写政策名称")
    before = _policy_values(policy)
    policy.name, policy.effective_from, policy.note = name, effective_from, note.strip()
    policy.data = _checked_data(name, data)
    policy.save()
    _audit_policy(actor, policy, AuditEntry.Action.UPDATE, before)
    return policy


@transaction.atomic
def policy_copy(*, actor, policy: CompensationPolicy, effective_from: date) -> CompensationPolicy:
    """A new draft starting from a version's standards (how a published policy is changed)."""
    return policy_create(
        actor=actor,
        project=policy.project,
        name=policy.name,
        effective_from=effective_from,
        data=policy.data,
        note=f"以“{policy.name}”（{policy.effective_from:%Y-%m-%d} 起）为底稿",
    )


@transaction.atomic
def policy_publish(*, actor, policy: CompensationPolicy) -> CompensationPolicy:
    require_manager(actor, policy.project)
    policy = CompensationPolicy.objects.select_for_update().select_related("project").get(pk=policy.pk)
    if policy.status != CompensationPolicy.Status.DRAFT:
        raise ValidationError("该版本已经公布")
    errors = rules.policy_errors(policy.data)
    if errors:
        raise ValidationError(errors)
    clash = CompensationPolicy.objects.filter(
        project_id=policy.project_id, effective_from=policy.effective_from, status=CompensationPolicy.Status.PUBLISHED
    ).first()
    if clash:
        raise ValidationError(f"“{clash.name}”已于同一日期（{policy.effective_from:%Y-%m-%d}）生效，请改用另一生效日期")
    signed = Agreement.objects.filter(project_id=policy.project_id, signed_on__gte=policy.effective_from).exists()
    if signed:
        raise ValidationError(f"{policy.effective_from:%Y-%m-%d} 以后已有签约的协议，新标准不能早于这些签约日期生效")
    before = _policy_values(policy)
    policy.status, policy.published_by, policy.published_at = CompensationPolicy.Status.PUBLISHED, actor, clock.now()
    policy.save()
    _audit_policy(actor, policy, AuditEntry.Action.UPDATE, before, "公布补偿政策")
    return policy


def policy_in_force(project: Project, on: date) -> CompensationPolicy | None:
    """The published version with the latest effective date on or before `on`."""
    return (
        CompensationPolicy.objects.filter(
            project=project, status=CompensationPolicy.Status.PUBLISHED, effective_from__lte=on
        )
        .order_by("-effective_from", "-id")
        .first()
    )


def policy_rules(policy: CompensationPolicy) -> rules.Policy:
    return rules.policy_from_data({**policy.data, "name": policy.name})


def policy_standards(policy: CompensationPolicy) -> list[tuple[str, str, str]]:
    """The standards as residents read them: (item, standard, clause), in the order of the policy's text."""
    p = policy_rules(policy)
    money = rules.money_text
    rows = [
        (f"房屋补偿：{s}结构、{c}", f"{money(p.unit_prices[(s, c)].amount)} 元/m²", p.unit_prices[(s, c)].clause)
        for s in rules.POLICY_STRUCTURES
        for c in rules.POLICY_CERTIFICATES
        if (s, c) in p.unit_prices
    ]
    rows.append(("违法建设、冻结日后新建扩建", "不予补偿", ""))
    rows.append(
        ("装修补偿", f"{money(p.decoration_per_m2.amount)} 元/m²（按合法建筑面积）", p.decoration_per_m2.clause)
    )
    rows += [
        (f"附属物：{kind}", f"{money(price.amount)} 元/个", price.clause) for kind, price in p.attachment_prices.items()
    ]
    rows.append(
        ("搬迁费", f"{money(p.relocation_fee.amount)} 元/次（货币补偿一次，产权调换两次）", p.relocation_fee.clause)
    )
    rows.append(
        (
            "临时安置费",
            f"{money(p.temporary_fee_per_month.amount)} 元/月（货币补偿 {p.monetary_temporary_months} 个月，"
            "产权调换计发至交房）",
            p.temporary_fee_per_month.clause,
        )
    )
    for label, deadlines in (("签约奖励", p.signing_awards), ("腾空奖励", p.vacating_awards)):
        rows += [
            (label, f"{d.by:%Y年%m月%d日}前（含当日）{label[:2]}：{money(d.amount)} 元", d.clause)
            for d in sorted(deadlines, key=lambda d: d.by)
        ]
    if p.area_per_person.amount:
        rows.append(("产权调换：应安置面积", f"每名认定人口 {p.area_per_person.amount} m²", p.area_per_person.clause))
        rows.append(
            (
                "产权调换：应安置面积内购房",
                f"{money(p.price_within_entitlement.amount)} 元/m²",
                p.price_within_entitlement.clause,
            )
        )
        rows.append(
            (
                "产权调换：超出应安置面积部分",
                f"{money(p.price_above_entitlement.amount)} 元/m²",
                p.price_above_entitlement.clause,
            )
        )
        rows.append(
            (
                "产权调换：未选足应安置面积部分",
                f"补偿 {money(p.price_below_entitlement.amount)} 元/m²",
                p.price_below_entitlement.clause,
            )
        )
    return rows
