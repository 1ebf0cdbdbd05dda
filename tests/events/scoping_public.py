"""The public sign-up's URL keyword for the scoping walk: a resident's sign-up for 新市镇's festival."""

from taizhang.events import signups
from taizhang.events.models import SignUp


def signup_token(world):
    from tests.events.scoping import _festival_event  # scoping.py merges these factories

    event = _festival_event(world)
    found = SignUp.objects.filter(event=event, phone="13900000019").first()
    if found is None:
        session = event.sessions.get(name="采摘·中午场")
        found = signups.signup_create(
            actor=None, session=session, name="走查群众", phone="13900000019", source="public"
        )
    return found.token


FACTORIES = {"signup_token": signup_token}
