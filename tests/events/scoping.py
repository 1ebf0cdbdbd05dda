"""The events module's URL keywords for the scoping walk (tests/scoping_walk.py): records of 新市镇's festival."""

from taizhang.events.models import Event
from tests.events.conftest import make_festival
from tests.events.scoping_public import FACTORIES as PUBLIC_FACTORIES


def _festival_event(world) -> Event:
    found = Event.objects.filter(unit=world.xinshi, name="2020年新市镇农民丰收节").first()
    return found or make_festival(world).event


def event_id(world):
    return _festival_event(world).pk


def public_key(world):
    return _festival_event(world).public_key


def session_id(world):
    return _festival_event(world).sessions.get(name="采摘·上午场").pk


FACTORIES = {
    "event_id": event_id,
    "public_key": public_key,
    "session_id": session_id,
    **PUBLIC_FACTORIES,
}
