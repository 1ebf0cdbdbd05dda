"""The phone masking walk of the events module: every route of it (pages, exports, API, public pages), filled by the
scoping walk's factories, requested by roles that read phones masked — a district leader and a field worker of
新市镇 not assigned to the event — with sign-ups and a vendor in the data. No whole phone number of a sign-up or a
vendor may appear; the unit admin, who calls them, reads them whole (so the walk can fail)."""

from datetime import datetime

import pytest
from django.utils import timezone

from taizhang.events.models import SignUp, VendorApplication
from tests.conftest import PASSWORD
from tests.events.conftest import festival_event as _festival_event
from tests.events.fixtures_signups import sign
from tests.masking_walk import leaks_in, readable, walk_as
from tests.scoping_walk import Walk

VENDOR_PHONE = "18653100077"


class EventsWalk(Walk):
    def routes(self):
        return [route for route in super().routes() if route.owner == "events"]


@pytest.fixture(scope="module")
def walk():
    return EventsWalk()


@pytest.fixture
def with_phones(world, walk):
    """Every events factory's record, a full morning slot with its waiting line, a team, and a vendor."""
    for make in walk.by_module["events"].values():
        make(world)
    event = _festival_event(world)
    morning, tug = event.sessions.get(name="采摘·上午场"), event.sessions.get(name="拔河")
    for n in range(1, 5):
        sign(morning, n)
    sign(tug, 20, team_name="新市村一队", members="甲、乙")
    VendorApplication.objects.create(
        unit=world.xinshi,
        event=event,
        holder="李摊主",
        phone=VENDOR_PHONE,
        produce="新市西瓜",
        submitted_at=timezone.make_aware(datetime(2020, 9, 1, 9)),
    )
    return world


def phones() -> dict[str, str]:
    found = {p: "events.SignUp.phone" for p in SignUp.objects.values_list("phone", flat=True)}
    found.update(
        {p: "events.VendorApplication.phone" for p in VendorApplication.objects.values_list("phone", flat=True)}
    )
    return found


@pytest.mark.parametrize("username", ["leader", "ws_worker"])  # ws_worker: 新市镇 staff not on the event
def test_no_role_that_reads_phones_masked_finds_a_whole_one_on_any_events_page(client, with_phones, walk, username):
    assert client.login(username=username, password=PASSWORD)
    numbers = phones()
    assert len(numbers) >= 6 and VENDOR_PHONE in numbers
    leaks, read = walk_as(client, walk, with_phones, numbers)
    assert read >= 10, f"only {read} responses read: the walk did not reach the pages"
    assert not leaks, f"{len(leaks)} whole phones shown to {username}:\n" + "\n".join(map(str, leaks[:40]))


def test_the_unit_admin_reads_the_phones_whole_on_the_sign_ups_list_and_its_excel(client, with_phones):
    assert client.login(username="xs_admin", password=PASSWORD)
    event = _festival_event(with_phones)
    numbers = {p: "events.SignUp.phone" for p in SignUp.objects.values_list("phone", flat=True)}
    page = readable(client.get(f"/events/{event.pk}/signups/"))
    excel = readable(client.get(f"/events/{event.pk}/signups/?format=xlsx"))
    assert {leak.number for leak in leaks_in("", page, numbers)} == set(numbers)
    assert {leak.number for leak in leaks_in("", excel, numbers)} == set(numbers)
