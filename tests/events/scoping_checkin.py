"""URL keywords of the day of the event for the scoping walk: a confirmed sign-up and a vendor with a stall of
新市镇's festival (their check-in code, their private links)."""

from taizhang.events.models import SignUp, VendorApplication
from tests.events.fixtures_checkin import signup, vendor


def _event(world):
    from tests.events.scoping import _festival_event  # scoping.py merges these factories

    return _festival_event(world)


def _signup(world) -> SignUp:
    event = _event(world)
    return event.signups.filter(name="扫码测试").first() or signup(event.sessions.get(name="采摘·上午场"), "扫码测试")


def _vendor(world) -> VendorApplication:
    event = _event(world)
    found = event.vendors.filter(holder="扫码摊主").first()
    return found or vendor(event, "扫码摊主", stall=event.stalls.order_by("number").first())


def checkin_code(world):
    return _signup(world).code


def signup_token(world):
    return _signup(world).token


def vendor_token(world):
    return _vendor(world).token


FACTORIES = {"checkin_code": checkin_code, "signup_token": signup_token, "vendor_token": vendor_token}
