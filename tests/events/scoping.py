"""The events module's URL keywords for the scoping walk (tests/scoping_walk.py): records of 新市镇's festival."""

from tests.events import scoping_checkin, scoping_plan, scoping_report, scoping_signups, scoping_vendors
from tests.events.conftest import festival_event


def event_id(world):
    return festival_event(world).pk


def public_key(world):
    return festival_event(world).public_key


def session_id(world):
    return festival_event(world).sessions.get(name="采摘·上午场").pk


FACTORIES = {
    "event_id": event_id,
    "public_key": public_key,
    "session_id": session_id,
    **scoping_checkin.FACTORIES,
    **scoping_plan.FACTORIES,
    **scoping_report.FACTORIES,
    **scoping_signups.FACTORIES,
    **scoping_vendors.FACTORIES,
}
