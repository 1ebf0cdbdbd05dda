"""Planning an event beyond its programme's fields: a session's capacity while nobody has signed up, removing a
session nobody signed up for, the staff assignments (the duty rota) and the preparation checklist. Checked with
`policies.can_plan`, atomic, audited (`events.session`, `events.assignment`, `events.prep_task`)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.core import clock
from taizhang.events import events, policies
from taizhang.events.auditing import audit
from taizhang.events.models import Event, PrepTask, Session, StaffAssignment
from taizhang.org.models import User

ASSIGNMENT_FIELDS = {
    "user_id": "工作人员",
    "duty": "职责",
    "session_id": "场次",
    "starts_at": "上岗时间",
    "ends_at": "离岗时间",
    "note": "备注",
}
TASK_FIELDS = {"title": "事项", "owner_id": "负责人", "due_on": "完成期限", "done_on": "完成日期", "note": "备注"}


def check_plan(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_plan(actor, unit_id):
        raise PermissionDenied("您无权安排本单位的活动")


def values_of(record, fields: dict[str, str]) -> dict:
    """{field label: value} of a record, what an audit row compares."""
    return {label: getattr(record, field) for field, label in fields.items()}


def _staff_of(event: Event, user: User | None, label: str) -> None:
    if user is not None and (user.unit_id != event.unit_id or not user.is_active):
        raise ValidationError({label: f"{user.full_name or user.username}不是{event.unit.name}的在岗工作人员"})


# --- sessions ---------------------------------------------------------------------------------------------------


def session_has_signups(session: Session) -> bool:
    return session.signups.exists()


@transaction.atomic
def session_edit(*, actor, session: Session, capacity: int | None, **fields) -> Session:
    """Change a session from its form. Its capacity changes here only while nobody has signed up; after that the
    sign-ups' page changes it (moving people between places and the waiting list)."""
    check_plan(actor, session.unit_id)
    session = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
    if fields.get("signup") == Session.Signup.NONE:
        capacity = None
    old_capacity = session.capacity
    if capacity != old_capacity:
        if session_has_signups(session):
            raise ValidationError({"capacity": "该场次已有报名，容量请在报名管理中调整（会同步调整候补）"})
        session.capacity = capacity
    if "lead" in fields:
        lead = fields.pop("lead")
        _staff_of(session.event, lead, "lead")
        fields["lead_id"] = lead.pk if lead else None
    session = events.session_update(actor=actor, session=session, **fields)
    if capacity != old_capacity:
        audit(
            session,
            "session",
            AuditEntry.Action.UPDATE,
            actor=actor,
            old={"容量": old_capacity},
            new={"容量": capacity},
            label=f"{session.event.name} · {session.name}",
        )
    return session


@transaction.atomic
def session_remove(*, actor, session: Session, reason: str = "") -> None:
    """Take a session off the programme; refused once anyone has signed up for it. Its staff assignments go too."""
    check_plan(actor, session.unit_id)
    session = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
    if session_has_signups(session):
        raise ValidationError(f"“{session.name}”已有报名，不能删除")
    label = f"{session.event.name} · {session.name}"
    old = values_of(session, events.SESSION_FIELDS)
    audit(session, "session", AuditEntry.Action.VOID, actor=actor, old=old, new={}, reason=reason, label=label)
    session.delete()


# --- staff assignments ------------------------------------------------------------------------------------------


def _check_assignment(assignment: StaffAssignment) -> None:
    problems = {}
    if not assignment.duty.strip():
        problems["duty"] = "请填写职责，如：签到、展销区、安保"
    if assignment.starts_at and assignment.ends_at and assignment.ends_at <= assignment.starts_at:
        problems["ends_at"] = f"离岗时间 {assignment.ends_at:%H:%M} 应晚于上岗时间 {assignment.starts_at:%H:%M}"
    if assignment.session_id and assignment.session.event_id != assignment.event_id:
        problems["session"] = "场次不属于这个活动"
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def assignment_create(
    *,
    actor,
    event: Event,
    user: User,
    duty: str,
    session: Session | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    note: str = "",
) -> StaffAssignment:
    check_plan(actor, event.unit_id)
    _staff_of(event, user, "user")
    assignment = StaffAssignment(
        unit_id=event.unit_id,
        event=event,
        session=session,
        user=user,
        duty=duty.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        note=note.strip(),
    )
    _check_assignment(assignment)
    assignment.save()
    label = f"{event.name} · {user.full_name or user.username} · {assignment.duty}"
    audit(
        assignment,
        "assignment",
        AuditEntry.Action.CREATE,
        actor=actor,
        new=values_of(assignment, ASSIGNMENT_FIELDS),
        label=label,
    )
    return assignment


@transaction.atomic
def assignment_remove(*, actor, assignment: StaffAssignment, reason: str) -> None:
    """Take someone off the rota, with the reason kept in the audit trail."""
    check_plan(actor, assignment.unit_id)
    if not reason.strip():
        raise ValidationError({"reason": "请填写移除的原因"})
    label = f"{assignment.event.name} · {assignment.user.full_name or assignment.user.username} · {assignment.duty}"
    old = values_of(assignment, ASSIGNMENT_FIELDS)
    audit(assignment, "assignment", AuditEntry.Action.VOID, actor=actor, old=old, new={}, reason=reason, label=label)
    assignment.delete()


# --- the preparation checklist ----------------------------------------------------------------------------------


def _task_label(task: PrepTask) -> str:
    return f"{task.event.name} · {task.title}"


@transaction.atomic
def task_create(
    *, actor, event: Event, title: str, owner: User, due_on: date, note: str = "", done_on: date | None = None
) -> PrepTask:
    check_plan(actor, event.unit_id)
    _staff_of(event, owner, "owner")
    if not title.strip():
        raise ValidationError({"title": "请填写筹备事项"})
    task = PrepTask.objects.create(
        unit_id=event.unit_id,
        event=event,
        title=title.strip(),
        owner=owner,
        due_on=due_on,
        done_on=done_on,
        note=note.strip(),
        created_by=actor,
    )
    audit(
        task,
        "prep_task",
        AuditEntry.Action.CREATE,
        actor=actor,
        new=values_of(task, TASK_FIELDS),
        label=_task_label(task),
    )
    return task


@transaction.atomic
def task_update(*, actor, task: PrepTask, **fields) -> PrepTask:
    check_plan(actor, task.unit_id)
    if "owner" in fields:
        _staff_of(task.event, fields["owner"], "owner")
    old = values_of(task, TASK_FIELDS)
    for field, value in fields.items():
        if field not in ("title", "owner", "due_on", "note"):
            raise ValueError(field)
        setattr(task, field, value.strip() if isinstance(value, str) else value)
    if not task.title:
        raise ValidationError({"title": "请填写筹备事项"})
    task.save()
    audit(
        task,
        "prep_task",
        AuditEntry.Action.UPDATE,
        actor=actor,
        old=old,
        new=values_of(task, TASK_FIELDS),
        label=_task_label(task),
    )
    return task


def _may_tick(actor, task: PrepTask) -> None:
    """The planners tick tasks off, and so does the task's owner."""
    if actor is not None and actor.pk != task.owner_id:
        check_plan(actor, task.unit_id)


@transaction.atomic
def task_done(*, actor, task: PrepTask, done_on: date | None = None) -> PrepTask:
    _may_tick(actor, task)
    task = PrepTask.objects.select_for_update().select_related("event").get(pk=task.pk)
    if task.done_on is not None:
        raise ValidationError(f"“{task.title}”已于 {task.done_on:%Y-%m-%d} 完成")
    task.done_on = done_on or clock.today()
    task.save(update_fields=["done_on"])
    audit(
        task,
        "prep_task",
        AuditEntry.Action.UPDATE,
        actor=actor,
        old={"完成日期": None},
        new={"完成日期": task.done_on},
        label=_task_label(task),
    )
    return task


@transaction.atomic
def task_reopen(*, actor, task: PrepTask, reason: str = "") -> PrepTask:
    _may_tick(actor, task)
    task = PrepTask.objects.select_for_update().select_related("event").get(pk=task.pk)
    if task.done_on is None:
        raise ValidationError(f"“{task.title}”尚未完成")
    old = task.done_on
    task.done_on = None
    task.save(update_fields=["done_on"])
    audit(
        task,
        "prep_task",
        AuditEntry.Action.UPDATE,
        actor=actor,
        old={"完成日期": old},
        new={"完成日期": None},
        reason=reason,
        label=_task_label(task),
    )
    return task
