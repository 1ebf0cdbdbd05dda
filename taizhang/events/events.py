"""Writing events and their programmes: an event created or changed, a session added or changed. Checked, atomic,
audited (`events.event`, `events.session`)."""

from __future__ import annotations

from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.events import policies
from taizhang.events.auditing import audit
from taizhang.events.models import Event, Session
from taizhang.events.rules import programme

EVENT_FIELDS = {
    "name": "活动名称",
    "starts_on": "活动日期",
    "ends_on": "结束日期",
    "place": "地点",
    "directions": "交通指引",
    "description": "活动简介",
    "organiser": "主办",
    "signup_closes_at": "报名截止",
}
SESSION_FIELDS = {
    "name": "场次",
    "kind": "类别",
    "day": "日期",
    "starts_at": "开始时间",
    "ends_at": "结束时间",
    "place": "地点",
    "description": "说明",
    "signup": "报名方式",
    "capacity": "容量",
    "team_size_max": "每队人数上限",
    "lead_id": "负责人",
    "lead_name": "负责人姓名",
    "sort_order": "排序",
}


def _values(record, fields: dict[str, str]) -> dict:
    return {label: getattr(record, field) for field, label in fields.items()}


def _check_plan(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_plan(actor, unit_id):
        raise PermissionDenied("您无权安排本单位的活动")


@transaction.atomic
def event_create(*, actor, unit, name: str, starts_on: date, place: str, **fields) -> Event:
    _check_plan(actor, unit.pk)
    if Event.objects.filter(unit=unit, name=name.strip()).exists():
        raise ValidationError({"name": f"本单位已有名为“{name.strip()}”的活动"})
    event = Event(unit=unit, name=name.strip(), starts_on=starts_on, place=place.strip(), created_by=actor, **fields)
    if event.ends_on and event.ends_on < event.starts_on:
        raise ValidationError({"ends_on": "结束日期不能早于活动日期"})
    event.full_clean()
    event.save()
    audit(event, "event", AuditEntry.Action.CREATE, actor=actor, new=_values(event, EVENT_FIELDS))
    return event


@transaction.atomic
def event_update(*, actor, event: Event, **fields) -> Event:
    _check_plan(actor, event.unit_id)
    old = _values(event, EVENT_FIELDS)
    for field, value in fields.items():
        if field not in EVENT_FIELDS:
            raise ValueError(field)
        setattr(event, field, value.strip() if isinstance(value, str) else value)
    if event.ends_on and event.ends_on < event.starts_on:
        raise ValidationError({"ends_on": "结束日期不能早于活动日期"})
    if Event.objects.filter(unit_id=event.unit_id, name=event.name).exclude(pk=event.pk).exists():
        raise ValidationError({"name": f"本单位已有名为“{event.name}”的活动"})
    event.full_clean()
    event.save()
    audit(event, "event", AuditEntry.Action.UPDATE, actor=actor, old=old, new=_values(event, EVENT_FIELDS))
    return event


@transaction.atomic
def event_publish(*, actor, event: Event, published: bool) -> Event:
    """Open or close the public page (and its sign-up forms)."""
    _check_plan(actor, event.unit_id)
    if event.published != published:
        event.published = published
        event.save(update_fields=["published"])
        audit(
            event,
            "event",
            AuditEntry.Action.UPDATE,
            actor=actor,
            old={"公开报名页": not published},
            new={"公开报名页": published},
        )
    return event


def _check_session(session: Session) -> None:
    problems = programme.session_problems(
        name=session.name,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        signup=session.signup,
        capacity=session.capacity,
    )
    if Session.objects.filter(event_id=session.event_id, name=session.name.strip()).exclude(pk=session.pk).exists():
        problems.setdefault("name", f"本活动已有名为“{session.name.strip()}”的场次")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def session_create(
    *,
    actor,
    event: Event,
    name: str,
    kind: str = Session.Kind.OTHER,
    starts_at: time | None = None,
    ends_at: time | None = None,
    signup: str = Session.Signup.NONE,
    capacity: int | None = None,
    **fields,
) -> Session:
    _check_plan(actor, event.unit_id)
    if "sort_order" not in fields:
        fields["sort_order"] = event.sessions.count() + 1
    session = Session(
        unit_id=event.unit_id,
        event=event,
        name=name.strip(),
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        signup=signup,
        capacity=capacity,
        **fields,
    )
    _check_session(session)
    session.full_clean()
    session.save()
    audit(
        session,
        "session",
        AuditEntry.Action.CREATE,
        actor=actor,
        new=_values(session, SESSION_FIELDS),
        label=f"{event.name} · {session.name}",
    )
    return session


@transaction.atomic
def session_update(*, actor, session: Session, **fields) -> Session:
    """Change a session. Its capacity is changed only through the sign-ups' service, which moves people between
    places and the waiting list (`signups.capacity_set`)."""
    _check_plan(actor, session.unit_id)
    old = _values(session, SESSION_FIELDS)
    for field, value in fields.items():
        if field not in SESSION_FIELDS or field == "capacity":
            raise ValueError(field)
        setattr(session, field, value.strip() if isinstance(value, str) else value)
    _check_session(session)
    session.full_clean()
    session.save()
    audit(
        session,
        "session",
        AuditEntry.Action.UPDATE,
        actor=actor,
        old=old,
        new=_values(session, SESSION_FIELDS),
        label=f"{session.event.name} · {session.name}",
    )
    return session
