"""The anonymous walk: every route under /public/events/ of the URL conf as it is (the resolver's, not a list kept
by hand), requested without a login. With any wrong key — an unpublished event's, another event's, a sign-up's
token in place of the event's key and the reverse, another event's session — it answers 404, to GET and POST alike;
with the right link it shows only that link's own data, and the public page nobody's."""

import re

import pytest
from django.test import override_settings

from taizhang.events import events, signups, vendors
from taizhang.events.models import SignUp, VendorApplication
from tests.events.conftest import make_festival
from tests.events.fixtures_vendors import apply
from tests.scoping_walk import KWARG, Walk

PREFIX = "public/events/"


@pytest.fixture
def keys(world, jy_event):
    festival = make_festival(world)
    events.event_publish(actor=world.jy_admin, event=jy_event, published=True)  # another published event
    hidden = events.event_create(
        actor=world.xs_admin,
        unit=world.xinshi,
        name="新市镇农技培训",
        starts_on=festival.event.starts_on,
        place="镇政府",
    )
    mine = signups.signup_create(
        actor=None, session=festival.morning, name="甲居民", phone="13912340001", source="public"
    )
    other = signups.signup_create(
        actor=None,
        session=festival.tug,
        name="乙领队",
        phone="13912340002",
        team_name="东辛村拔河队",
        members="丙队员\n丁队员",
        source="public",
    )
    cancelled = signups.signup_create(
        actor=None, session=festival.noon, name="戊居民", phone="13912340003", source="public"
    )
    signups.signup_cancel(actor=None, signup=cancelled, reason="")
    vendor = apply(festival.event, "己摊主", "13912340004")
    vendors.vendor_approve(actor=world.xs_admin, vendor=vendor)
    vendor = vendors.vendor_allocate(actor=world.xs_admin, vendor=vendor, stall=festival.stalls[0])
    right = {
        "public_key": festival.event.public_key,
        "session_id": festival.morning.pk,
        "signup_token": mine.token,
        "vendor_token": vendor.token,
    }
    wrong = {
        "public_key": [hidden.public_key, mine.token, "not-a-key"],
        "session_id": [jy_event.sessions.get().pk, festival.show.pk, 999999],
        "signup_token": [festival.event.public_key, hidden.public_key, vendor.token, mine.token[:-1], "x" * 32],
        "vendor_token": [festival.event.public_key, mine.token, vendor.token[:-1], "x" * 32],
    }
    # Another published event's key opens its own page, never this event's session through it.
    crossed = {"public_key": jy_event.public_key}
    return {
        "right": right,
        "wrong": wrong,
        "crossed": crossed,
        "festival": festival,
        "mine": mine,
        "others": [other, cancelled],
    }


def public_routes() -> list[str]:
    return [route.pattern for route in Walk().routes() if route.pattern.startswith(PREFIX)]


def fill(pattern: str, values: dict) -> str:
    return "/" + KWARG.sub(lambda m: str(values[m.group("name")]), pattern)


def test_the_walk_finds_the_public_pages():
    assert {f"{PREFIX}<str:public_key>/", f"{PREFIX}signup/<str:signup_token>/"} <= set(public_routes())


@override_settings(EVENTS_PUBLIC_RATE=["10000/m"])
def test_every_public_route_answers_404_to_any_wrong_key(client, keys):
    failures = []
    for pattern in public_routes():
        names = [m.group("name") for m in KWARG.finditer(pattern)]
        unknown = set(names) - set(keys["wrong"])
        assert not unknown, f"{pattern}: add wrong values of {unknown} to this walk"
        assert client.get(fill(pattern, keys["right"])).status_code < 400, pattern  # the right link opens
        tries = [(name, bad) for name in names for bad in keys["wrong"][name]]
        if "session_id" in names:
            tries += list(keys["crossed"].items())
        for name, bad in tries:
            url = fill(pattern, {**keys["right"], name: bad})
            for method in (client.get, client.post):
                status = method(url).status_code
                if status != 404:
                    failures.append(f"{method.__name__.upper()} {url} ({name}={bad!r}) → {status}")
    assert not failures, "reachable without the right link:\n" + "\n".join(failures)


def personal(signup: SignUp) -> list[str]:
    return [v for v in (signup.name, signup.phone, signup.team_name, *signup.members.splitlines()) if v]


def test_the_right_link_shows_its_own_sign_up_and_nobody_else_s(client, keys):
    page = client.get(f"/public/events/signup/{keys['mine'].token}/").content.decode()
    assert "甲居民" in page and "139****0001" in page and "13912340001" not in page
    leaks = [v for other in keys["others"] for v in personal(other) if v in page]
    assert not leaks, leaks


def test_no_public_page_shows_anyone_s_personal_data(client, keys):
    festival = keys["festival"]
    everyone = [v for s in SignUp.objects.all() for v in personal(s)]
    everyone += [
        v for holder, phone in VendorApplication.objects.values_list("holder", "phone") for v in (holder, phone)
    ]
    assert len(everyone) >= 10
    urls = (
        [f"/public/events/{festival.event.public_key}/"]
        + [
            f"/public/events/{festival.event.public_key}/signup/{s.pk}/"
            for s in (festival.morning, festival.noon, festival.tug)
        ]
        + [f"/public/events/{festival.event.public_key}/vendor/"]
    )
    for url in urls:
        page = client.get(url).content.decode()
        leaks = [v for v in everyone if v in page]
        assert not leaks, f"{url}: {leaks}"
        assert not re.search(r"1[3-9]\d{9}", page), url
