"""Helpers of the public sign-up's tests: the URLs and a resident filling in the form."""

from taizhang.events.models import Event, Session, SignUp


def event_url(event: Event) -> str:
    return f"/public/events/{event.public_key}/"


def form_url(session: Session) -> str:
    return f"/public/events/{session.event.public_key}/signup/{session.pk}/"


def private_url(signup: SignUp) -> str:
    return f"/public/events/signup/{signup.token}/"


def person(n: int, **extra) -> dict:
    return {"name": f"居民{n}", "phone": f"1390000{n:04d}", "village": "新市村", **extra}


def submit(client, session: Session, data: dict, address: str = "10.0.0.1"):
    return client.post(form_url(session), data, REMOTE_ADDR=address)
