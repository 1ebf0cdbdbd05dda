"""The day of the event: a code checked in (a resident's sign-up or a vendor, whose stall is then occupied), a
check-in undone with its reason, and a walk-in registered on the spot and checked in at once. Checked (policies.can_work), atomic, audited; the holder's row is locked so that
two stewards scanning the same code at once check it in once."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.core import clock
from taizhang.events import policies, signups
from taizhang.events.auditing import audit
from taizhang.events.models import Event, Session, SignUp, VendorApplication
from taizhang.events.rules import checkin, codes, places

CHECKED_IN = "签到时间"


@dataclass(frozen=True)
class CheckIn:
    """A code's holder on the check-in page: `record` is the SignUp or the VendorApplication."""

    kind: str  # checkin.SIGNUP or checkin.VENDOR
    record: SignUp | VendorApplication

    @property
    def is_vendor(self) -> bool:
        return self.kind == checkin.VENDOR


def _who(user) -> str:
    return (user.full_name or user.username) if user is not None else ""


def holder(found: CheckIn) -> checkin.Holder:
    """The rule's view of a sign-up or a vendor."""
    record = found.record
    event = record.event
    if found.is_vendor:
        first = last = None
    else:
        first = last = record.session.day
    at = record.checked_in_at
    return checkin.Holder(
        kind=found.kind,
        event_id=record.event_id,
        state=record.state,
        first_day=first or event.starts_on,
        last_day=last or event.last_day,
        checked_in_at=timezone.localtime(at) if at else None,
        checked_in_by=_who(record.checked_in_by) if at else "",
    )


def find(event: Event, typed: str, *, lock: bool = False) -> CheckIn | None:
    """The sign-up or vendor of `event` holding the code typed or scanned (any case, spaces, dashes)."""
    code = codes.normalise(typed)
    if not codes.is_well_formed(code):
        return None
    for kind, model, related in (
        (checkin.SIGNUP, SignUp, ("event", "session", "checked_in_by")),
        (checkin.VENDOR, VendorApplication, ("event", "stall", "checked_in_by")),
    ):
        rows = model.objects.filter(event=event, code=code)
        if lock:
            rows = rows.select_for_update(of=("self",))
        record = rows.select_related(*related).first()
        if record is not None:
            return CheckIn(kind, record)
    return None


def _check_work(actor, event: Event) -> None:
    if not policies.can_work(actor, event):
        raise PermissionDenied("您不是本活动的工作人员，不能签到")


def _audit(found: CheckIn, *, actor, old, new, reason: str = "") -> None:
    record = found.record
    label = f"{record} · {codes.shown(record.code)}"
    audit(record, found.kind, AuditEntry.Action.UPDATE, actor=actor, old=old, new=new, reason=reason, label=label)


@transaction.atomic
def check_in(*, actor, event: Event, code: str) -> CheckIn:
    """Checks in the holder of `code`; ValidationError says why not (rules.checkin)."""
    _check_work(actor, event)
    found = find(event, code, lock=True)
    problem = checkin.refusal(holder(found) if found else None, event_id=event.pk, today=clock.today())
    if problem:
        raise ValidationError(problem)
    record = found.record
    record.checked_in_at, record.checked_in_by = clock.now(), actor
    record.save(update_fields=["checked_in_at", "checked_in_by"])
    _audit(found, actor=actor, old={CHECKED_IN: None}, new={CHECKED_IN: record.checked_in_at})
    return found


@transaction.atomic
def check_in_undo(*, actor, event: Event, code: str, reason: str) -> CheckIn:
    """Undoes a check-in made by mistake (the wrong person, a code read wrong), with its reason."""
    _check_work(actor, event)
    found = find(event, code, lock=True)
    if found is None:
        raise ValidationError("签到码不存在，请核对后重新输入")
    problem = checkin.undo_refusal(holder(found), reason=reason)
    if problem:
        raise ValidationError(problem)
    record = found.record
    old = {CHECKED_IN: record.checked_in_at}
    record.checked_in_at, record.checked_in_by = None, None
    record.save(update_fields=["checked_in_at", "checked_in_by"])
    _audit(found, actor=actor, old=old, new={CHECKED_IN: None}, reason=reason.strip())
    return found


@transaction.atomic
def walk_in(
    *,
    actor,
    session: Session,
    name: str,
    phone: str,
    people: int = 1,
    team_name: str = "",
    members: str = "",
    village: str = "",
) -> SignUp:
    """Someone at the gate without a sign-up: a place of `session` (source 现场登记) checked in at once; refused
    when the session is full (a walk-in never waits) or not today. A person's `people` counts who came with them."""
    locked = Session.objects.select_for_update(of=("self",)).select_related("event").get(pk=session.pk)
    _check_work(actor, locked.event)
    confirmed = SignUp.objects.filter(session=locked, state=places.CONFIRMED).count()
    problem = checkin.walk_in_refusal(
        capacity=locked.capacity,
        confirmed=confirmed,
        day=locked.day or locked.event.starts_on,
        today=clock.today(),
    )
    if problem:
        raise ValidationError({"session": problem})
    signup = signups.signup_create(
        actor=actor,
        session=locked,
        name=name,
        phone=phone,
        source=SignUp.Source.WALK_IN,
        signed_at=clock.now(),
        team_name=team_name,
        members=members,
        village=village,
    )
    if locked.signup == Session.Signup.PERSON and people > 1:
        signup.people = people
    signup.checked_in_at, signup.checked_in_by = clock.now(), actor
    signup.save(update_fields=["people", "checked_in_at", "checked_in_by"])
    _audit(
        CheckIn(checkin.SIGNUP, signup),
        actor=actor,
        old={CHECKED_IN: None},
        new={CHECKED_IN: signup.checked_in_at, "人数": signup.people},
    )
    return signup
