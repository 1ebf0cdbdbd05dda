"""Taking and giving back places: a sign-up holds a place or waits (rules.places); a cancellation gives its place to
the first waiting sign-up, exactly once however many cancel at the same moment; a new capacity moves people between
places and the waiting list. Every write locks the session's row first, so two requests for one session never both
see the same free place. Checked, atomic, audited (`events.signup`, `events.session`)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.core.rules import mask_phone
from taizhang.events import policies
from taizhang.events.auditing import audit
from taizhang.events.models import Session, SignUp
from taizhang.events.rules import places, public
from taizhang.events.rules import signup as signup_rules

AUDIT_LABELS = {"state": "状态", "session": "场次", "name": "姓名", "team_name": "队名", "people": "人数"}


def _label(signup: SignUp) -> str:
    # The audit trail names the person and the session; the phone only masked.
    return f"{signup.session.name} · {signup.team_name or signup.name}（{mask_phone(signup.phone)}）"


def signup_closed(event) -> str:
    """Why the public page takes no sign-up for the event now ("" while it does)."""
    closes_at = timezone.localtime(event.signup_closes_at) if event.signup_closes_at else None
    return public.closed_reason(
        published=event.published, finished=event.finished, closes_at=closes_at, now=timezone.localtime()
    )


def _locked_session(session_id: int) -> Session:
    return Session.objects.select_for_update(of=("self",)).select_related("event").get(pk=session_id)


def _confirmed_count(session: Session) -> int:
    return SignUp.objects.filter(session=session, state=places.CONFIRMED).count()


def _waiting(session: Session) -> list[places.Entry]:
    return [
        places.Entry(pk, at)
        for pk, at in SignUp.objects.filter(session=session, state=places.WAITING).values_list("pk", "signed_at")
    ]


def _promote(session: Session, *, actor, reason: str) -> list[SignUp]:
    """Give the session's free places to the first in line; returns who moved up."""
    ids = places.to_promote(session.capacity, _confirmed_count(session), _waiting(session))
    if not ids:
        return []
    now = timezone.now()
    moved = list(SignUp.objects.filter(pk__in=ids).select_related("session"))
    SignUp.objects.filter(pk__in=ids).update(state=places.CONFIRMED, promoted_at=now)
    for signup in moved:
        signup.state, signup.promoted_at = places.CONFIRMED, now
        audit(
            signup,
            "signup",
            AuditEntry.Action.UPDATE,
            actor=actor,
            old={"状态": places.LABELS[places.WAITING]},
            new={"状态": places.LABELS[places.CONFIRMED]},
            reason=reason,
            label=_label(signup),
        )
    return moved


@transaction.atomic
def signup_create(
    *,
    actor,
    session: Session,
    name: str,
    phone: str,
    source: str,
    signed_at: datetime | None = None,
    team_name: str = "",
    members: str = "",
    village: str = "",
    batch=None,
    check_open: bool = False,
) -> SignUp:
    """A place in `session` when one is free, else a place on its waiting list. `actor` None: the public page or a
    command; staff (source staff/walk_in) must be able to work the event. `check_open`: refuse when the event's
    sign-up has closed (the public page)."""
    session = _locked_session(session.pk)
    event = session.event
    if actor is not None and not policies.can_work(actor, event):
        raise PermissionDenied("您无权为该活动登记报名")
    if not session.takes_signups:
        raise ValidationError({"session": f"“{session.name}”无需报名"})
    if check_open and (closed := signup_closed(event)):
        raise ValidationError({"session": closed})
    phone = signup_rules.normalise_phone(phone)
    team = session.signup == Session.Signup.TEAM
    member_list = signup_rules.parse_members(members) if team else []
    problems = signup_rules.problems(
        name=name, phone=phone, team=team, team_name=team_name, members=member_list, team_size_max=session.team_size_max
    )
    if (
        "phone" not in problems
        and SignUp.objects.filter(session=session, phone=phone).exclude(state=places.CANCELLED).exists()
    ):
        problems["phone"] = f"手机号 {mask_phone(phone)} 已报名“{session.name}”，请勿重复报名"
    if problems:
        raise ValidationError(problems)
    signup = SignUp(
        unit_id=session.unit_id,
        event=event,
        session=session,
        name=name.strip(),
        phone=phone,
        team_name=team_name.strip() if team else "",
        members="\n".join(member_list),
        people=signup_rules.team_people(name, member_list) if team else 1,
        village=village.strip(),
        signed_at=signed_at or timezone.now(),
        state=places.state_for_new(session.capacity, _confirmed_count(session)),
        source=source,
        created_by=actor,
        import_batch=batch,
    )
    signup.full_clean(exclude=["token", "code", "import_batch", "created_by", "checked_in_by"])
    signup.save()
    audit(
        signup,
        "signup",
        AuditEntry.Action.CREATE,
        actor=actor,
        new={"状态": signup.get_state_display(), "场次": session.name, "人数": signup.people},
        label=_label(signup),
    )
    return signup


@transaction.atomic
def signup_cancel(*, actor, signup: SignUp, reason: str) -> list[SignUp]:
    """Cancel a sign-up (its holder through the private link: actor None; or staff); a place it held goes to the
    first waiting. Returns who moved up (none, or one)."""
    session = _locked_session(signup.session_id)
    if actor is not None and not policies.can_work(actor, session.event):
        raise PermissionDenied("您无权取消该报名")
    signup = SignUp.objects.select_related("session").get(pk=signup.pk)  # its state under the session's lock
    if signup.state == places.CANCELLED:
        raise ValidationError("该报名已取消")
    if signup.checked_in_at:
        raise ValidationError("已签到的报名不能取消")
    was = signup.state
    signup.state, signup.cancelled_at, signup.cancel_reason = places.CANCELLED, timezone.now(), reason.strip()[:200]
    signup.save(update_fields=["state", "cancelled_at", "cancel_reason"])
    audit(
        signup,
        "signup",
        AuditEntry.Action.VOID,
        actor=actor,
        old={"状态": places.LABELS[was]},
        new={"状态": places.LABELS[places.CANCELLED]},
        reason=reason or "报名人取消",
        label=_label(signup),
    )
    if was != places.CONFIRMED:
        return []
    return _promote(session, actor=actor, reason=f"{signup.team_name or signup.name} 取消报名，候补转正")


@transaction.atomic
def capacity_set(*, actor, session: Session, capacity: int | None, reason: str) -> tuple[list[SignUp], list[SignUp]]:
    """A new capacity for a session taking sign-ups: more places move the first waiting up; fewer send the last to
    have signed up back to the head of the waiting list (never someone already checked in). Returns (moved up,
    moved back)."""
    session = _locked_session(session.pk)
    if actor is not None and not policies.can_plan(actor, session.unit_id):
        raise PermissionDenied("您无权修改该场次的容量")
    if not session.takes_signups:
        raise ValidationError({"capacity": "无需报名的场次不设容量"})
    if capacity is not None and capacity < 1:
        raise ValidationError({"capacity": "容量至少为 1（不限人数请留空）"})
    if not reason.strip():
        raise ValidationError({"reason": "请说明修改容量的原因"})
    confirmed = [
        places.Entry(pk, at)
        for pk, at in SignUp.objects.filter(session=session, state=places.CONFIRMED).values_list("pk", "signed_at")
    ]
    back_ids = places.to_demote(capacity, confirmed) if capacity is not None else []
    if SignUp.objects.filter(pk__in=back_ids, checked_in_at__isnull=False).exists():
        raise ValidationError({"capacity": f"已有 {len(confirmed)} 个名额被占用且部分已签到，容量不能少于已签到人数"})
    old = session.capacity
    session.capacity = capacity
    session.save(update_fields=["capacity"])
    audit(
        session,
        "session",
        AuditEntry.Action.UPDATE,
        actor=actor,
        old={"容量": old},
        new={"容量": capacity},
        reason=reason,
        label=f"{session.event.name} · {session.name}",
    )
    back = list(SignUp.objects.filter(pk__in=back_ids).select_related("session"))
    SignUp.objects.filter(pk__in=back_ids).update(state=places.WAITING, promoted_at=None)
    for signup in back:
        audit(
            signup,
            "signup",
            AuditEntry.Action.UPDATE,
            actor=actor,
            old={"状态": places.LABELS[places.CONFIRMED]},
            new={"状态": places.LABELS[places.WAITING]},
            reason=f"场次容量减为 {capacity}：{reason}",
            label=_label(signup),
        )
    return _promote(session, actor=actor, reason=f"场次容量增为 {capacity}"), back


def waiting_position(signup: SignUp) -> int | None:
    """1 for the first in line of its session's waiting list; None when not waiting."""
    if signup.state != places.WAITING:
        return None
    ahead = Q(signed_at__lt=signup.signed_at) | Q(signed_at=signup.signed_at, pk__lt=signup.pk)
    return SignUp.objects.filter(ahead, session_id=signup.session_id, state=places.WAITING).count() + 1
