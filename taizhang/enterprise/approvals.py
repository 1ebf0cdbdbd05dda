"""Writes of approval accompaniment: the zone's kinds and service rule, a project's 帮办 officer and status link, and
its approval items, whose clocks are worked out on the official working-day calendar when they are submitted (a year
the calendar does not cover is refused with its reason)."""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.enterprise import policies
from taizhang.enterprise.models import Accompaniment, ApprovalItem, ApprovalKind, Project, ServiceRule
from taizhang.enterprise.rules import approvals as rules
from taizhang.org.models import User

ITEM_FIELDS = (
    "name",
    "department",
    "track",
    "after",
    "complexity",
    "statutory_days",
    "status",
    "submitted_on",
    "first_contact_on",
    "done_on",
    "returned_reason",
    "note",
)


def _require_work(actor, unit_id: int) -> None:
    if not policies.can_work(actor, unit_id):
        raise PermissionDenied("只有本单位的工作人员可以办理全程帮办")


def _audit(actor, *, action: str, entity: str, record, text: str, changes: dict, reason: str = "") -> None:
    audit_append(
        [
            Draft(
                action=action,
                object_type=f"enterprise.{entity}",
                object_id=str(record.pk),
                object_repr=text,
                unit_id=record.unit_id,
                changes=changes,
                reason=reason,
            )
        ],
        actor=actor,
    )


# --- the zone's data: kinds and the service rule ---------------------------------------------------------------


@transaction.atomic
def kinds_load_defaults(*, actor, unit_id: int) -> int:
    """Add the usual approval kinds the unit does not have yet (by name); how many were added."""
    if actor is not None and not policies.can_configure(actor, unit_id):
        raise PermissionDenied("只有单位管理员可以维护审批事项清单")
    have = set(ApprovalKind.objects.filter(unit_id=unit_id).values_list("name", flat=True))
    added = 0
    for order, default in enumerate(rules.DEFAULT_KINDS, start=1):
        if default.name in have:
            continue
        kind = ApprovalKind.objects.create(
            unit_id=unit_id,
            name=default.name,
            department=default.department,
            statutory_days=default.statutory_days,
            track=default.track,
            complexity=default.complexity,
            sort_order=order,
        )
        _audit(
            actor,
            action=AuditEntry.Action.CREATE,
            entity="approval_kind",
            record=kind,
            text=f"审批事项类型 {kind.name}",
            changes=field_changes({}, {"办理部门": kind.department, "法定时限": kind.statutory_days}),
        )
        added += 1
    return added


@transaction.atomic
def service_rule_set(
    *, actor, unit_id: int, effective_on: date, first_contact_days: int, simple_days: int, complex_days: int, note=""
) -> ServiceRule:
    if not policies.can_configure(actor, unit_id):
        raise PermissionDenied("只有单位管理员可以设定帮办服务规则")
    if not 1 <= first_contact_days <= simple_days <= complex_days <= 60:
        raise ValidationError("应满足 1 ≤ 首次联系 ≤ 简单事项 ≤ 复杂事项 ≤ 60 个工作日")
    values = {
        "first_contact_days": first_contact_days,
        "simple_days": simple_days,
        "complex_days": complex_days,
        "note": (note or "").strip()[:200],
    }
    rule, created = ServiceRule.objects.update_or_create(unit_id=unit_id, effective_on=effective_on, defaults=values)
    _audit(
        actor,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        entity="service_rule",
        record=rule,
        text=f"帮办服务规则 {effective_on:%Y-%m-%d} 起 {rule.as_rule().code}",
        changes=field_changes({}, {"规则": rule.as_rule().code, "生效日期": effective_on}),
    )
    return rule


def rule_on(unit_id: int, day: date) -> rules.ServiceRule:
    found = ServiceRule.objects.filter(unit_id=unit_id, effective_on__lte=day).order_by("-effective_on").first()
    return found.as_rule() if found else rules.DEFAULT_RULE


# --- a project's 帮办 officer and status link -------------------------------------------------------------------


def _accompaniment(project: Project) -> Accompaniment:
    found, _ = Accompaniment.objects.select_for_update().get_or_create(
        project=project, defaults={"unit_id": project.unit_id}
    )
    return found


@transaction.atomic
def officer_set(*, actor, project: Project, officer: User | None, office_phone: str = "") -> Accompaniment:
    _require_work(actor, project.unit_id)
    if officer is not None and (officer.unit_id != project.unit_id or not officer.is_active):
        raise ValidationError("帮办专员应是本单位在岗的工作人员")
    accompaniment = _accompaniment(project)
    office_phone = (office_phone or "").strip()
    if len(office_phone) > 32 or any(c not in "0123456789-+ ()转" for c in office_phone):
        raise ValidationError("办公电话只能包含数字、空格和 - + ( ) 转")
    old = {
        "帮办专员": str(accompaniment.officer) if accompaniment.officer_id else "",
        "办公电话": accompaniment.office_phone,
    }
    accompaniment.officer = officer
    accompaniment.office_phone = office_phone
    accompaniment.save(update_fields=["officer", "office_phone"])
    _audit(
        actor,
        action=AuditEntry.Action.UPDATE,
        entity="accompaniment",
        record=accompaniment,
        text=f"{project.name} 全程帮办",
        changes=field_changes(old, {"帮办专员": str(officer) if officer else "", "办公电话": office_phone}),
    )
    return accompaniment


@transaction.atomic
def status_link_issue(*, actor, project: Project) -> str:
    """A new private link for the enterprise (the old one stops working); the token (192 bits)."""
    _require_work(actor, project.unit_id)
    accompaniment = _accompaniment(project)
    renewed = accompaniment.status_token is not None
    accompaniment.status_token = secrets.token_urlsafe(24)
    accompaniment.token_created_at = clock.now()
    accompaniment.save(update_fields=["status_token", "token_created_at"])
    _audit(
        actor,
        action=AuditEntry.Action.UPDATE,
        entity="accompaniment",
        record=accompaniment,
        text=f"{project.name} 企业查询链接",
        changes={"企业查询链接": ["旧链接作废" if renewed else None, "已生成新链接"]},
    )
    return accompaniment.status_token


@transaction.atomic
def status_link_revoke(*, actor, project: Project, reason: str) -> None:
    _require_work(actor, project.unit_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写停用链接的原因")
    accompaniment = _accompaniment(project)
    if accompaniment.status_token is None:
        raise ValidationError("该项目没有在用的企业查询链接")
    accompaniment.status_token = None
    accompaniment.save(update_fields=["status_token"])
    _audit(
        actor,
        action=AuditEntry.Action.VOID,
        entity="accompaniment",
        record=accompaniment,
        text=f"{project.name} 企业查询链接",
        changes={"企业查询链接": ["在用", "已停用"]},
        reason=reason,
    )


# --- approval items ---------------------------------------------------------------------------------------------


def _checked(project: Project, item: ApprovalItem | None, values: dict) -> dict:
    """The values of an item made consistent (status from the dates), with its clocks; or the refusal."""
    values = {
        **values,
        "name": (values.get("name") or "").strip(),
        "department": (values.get("department") or "").strip(),
    }
    values["track"] = (values.get("track") or "").strip()
    if not values["name"] or not values["department"]:
        raise ValidationError("请填写审批事项和办理部门")
    if not 1 <= (values.get("statutory_days") or 0) <= 200:
        raise ValidationError("法定时限应在 1 到 200 个工作日之间")
    after = values.get("after")
    if after is not None:
        if after.project_id != project.pk or after.track != values["track"] or (item and after.pk == item.pk):
            raise ValidationError("前置事项应是本项目同一并联审批线上的另一事项")
        seen, walk = set(), after
        while walk is not None:
            if item is not None and walk.pk == item.pk or walk.pk in seen:
                raise ValidationError("前置事项不能互相等待")
            seen.add(walk.pk)
            walk = walk.after
    submitted, contact, done = values.get("submitted_on"), values.get("first_contact_on"), values.get("done_on")
    status = values.get("status") or rules.PENDING
    if done is not None and status != rules.RETURNED:
        status = rules.DONE
    elif submitted is not None and status == rules.PENDING:
        status = rules.IN_PROGRESS
    if status != rules.PENDING and submitted is None:
        raise ValidationError(f"「{rules.STATUSES[status]}」的事项请填写申报日期")
    if status == rules.PENDING and (contact or done):
        raise ValidationError("尚未申报的事项不能有联系或办结日期")
    if status == rules.DONE and done is None:
        raise ValidationError("已办结的事项请填写办结日期")
    if status == rules.RETURNED and not (values.get("returned_reason") or "").strip():
        raise ValidationError("已退回的事项请填写退回原因")
    today = clock.today()
    for label, day in (("申报日期", submitted), ("首次联系日期", contact), ("办结日期", done)):
        if day is not None and day > today:
            raise ValidationError(f"{label}不能晚于今天")
        if day is not None and submitted is not None and day < submitted:
            raise ValidationError(f"{label}不能早于申报日期")
    if submitted is not None and rules.waiting_for(after.status if after is not None else None):
        raise ValidationError(f"须待前置事项「{after.name}」办结后才能申报")
    values["status"] = status
    timing = {"contact_due": None, "service_due": None, "statutory_due": None, "due_on": None}
    if submitted is not None:
        rule = rule_on(project.unit_id, submitted)
        timing = rules.clocks(
            submitted, rule=rule, complexity=values["complexity"], statutory_days=values["statutory_days"]
        ).as_dict()
    values.update(timing)
    values["watch_on"] = rules.watch_on(
        status=status, contact_due=timing["contact_due"], first_contact_on=contact, due_on=timing["due_on"]
    )
    return values


def _snapshot(item: ApprovalItem) -> dict:
    return {
        "状态": item.get_status_display(),
        "办理部门": item.department,
        "难度": item.get_complexity_display(),
        "申报日期": item.submitted_on,
        "首次联系日期": item.first_contact_on,
        "办结期限": item.due_on,
        "办结日期": item.done_on,
    }


@transaction.atomic
def item_create(*, actor, project: Project, kind: ApprovalKind | None = None, **values) -> ApprovalItem:
    _require_work(actor, project.unit_id)
    if kind is not None:
        if kind.unit_id != project.unit_id:
            raise ValidationError("审批事项类型不属于本单位")
        defaults = {
            "name": kind.name,
            "department": kind.department,
            "track": kind.track,
            "statutory_days": kind.statutory_days,
            "complexity": kind.complexity,
        }
        values = {**defaults, **{k: v for k, v in values.items() if v not in (None, "")}}
    values.setdefault("complexity", rules.SIMPLE)
    return _saved(actor, ApprovalItem(unit_id=project.unit_id, project=project, kind=kind), project, values, {})


@transaction.atomic
def item_update(*, actor, item: ApprovalItem, **values) -> ApprovalItem:
    item = ApprovalItem.objects.select_for_update(of=("self",)).select_related("project").get(pk=item.pk)
    _require_work(actor, item.unit_id)
    merged = {name: getattr(item, name) for name in ITEM_FIELDS} | values
    return _saved(actor, item, item.project, merged, _snapshot(item))


def _saved(actor, item: ApprovalItem, project: Project, values: dict, before: dict) -> ApprovalItem:
    """The item with its checked values and clocks, saved and audited (`before` is {} for a new one)."""
    for name, value in _checked(project, item if item.pk else None, values).items():
        setattr(item, name, value)
    item.save()
    _audit(
        actor,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        entity="approval_item",
        record=item,
        text=f"{project.name}·{item.name}",
        changes=field_changes(before, _snapshot(item)),
    )
    return item


def item_complete(*, actor, item: ApprovalItem, done_on: date) -> ApprovalItem:
    if item.status != rules.IN_PROGRESS:
        raise ValidationError("只有办理中的事项可以办结")
    return item_update(actor=actor, item=item, status=rules.DONE, done_on=done_on)
