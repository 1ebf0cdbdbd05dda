"""URL keywords of the day of the event for the scoping walk: a confirmed sign-up of 新市镇's festival (its
check-in code, its private link)."""

from taizhang.events.models import SignUp
from tests.events.fixtures_checkin import signup


def _event(world):
    from tests.events.conftest import festival_event as _festival_event  # scoping.py merges these factories

    return _festival_event(world)


def _signup(world) -> SignUp:
    event = _event(world)
    return event.signups.filter(name="扫码测试").first() or signup(event.sessions.get(name="采摘·上午场"), "扫码测试")


def checkin_code(world):
    return _signup(world).code


def signup_token(world):
    return _signup(world).token


# vendor_token: the vendors part's factory (a vendor holding a stall).
FACTORIES = {"checkin_code": checkin_code, "signup_token": signup_token}
