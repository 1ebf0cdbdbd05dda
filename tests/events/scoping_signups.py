"""The sign-ups' URL keywords for the scoping walk: a sign-up of 新市镇's festival (its morning picking slot)."""

from taizhang.events import signups
from taizhang.events.models import SignUp

PHONE = "13912340001"


def signup_id(world):
    from tests.events.conftest import festival_event as _festival_event  # scoping.py merges these factories

    event = _festival_event(world)
    found = SignUp.objects.filter(event=event, phone=PHONE).first()
    if found is None:
        session = event.sessions.get(name="采摘·上午场")
        found = signups.signup_create(
            actor=None, session=session, name="张秀兰", phone=PHONE, source=SignUp.Source.STAFF, village="新市村"
        )
    return found.pk


FACTORIES = {"signup_id": signup_id}
