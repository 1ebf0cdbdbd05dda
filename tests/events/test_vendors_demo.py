"""The exhibition-sale's demo: the past festival's plan held by confirmed, checked-in vendors with their sales; the
next one's applications in every state; running it twice changes nothing."""

from datetime import date

from taizhang.events import demo_vendors, events
from taizhang.events.models import Stall, VendorApplication
from taizhang.events.rules import vendors as rules
from tests.events.conftest import make_festival


def test_the_demo_fills_both_festivals_and_running_it_twice_changes_nothing(world):
    past = make_festival(world).event
    Stall.objects.filter(event=past).delete()
    upcoming = events.event_create(
        actor=world.xs_admin,
        unit=world.xinshi,
        name="2021年新市镇农民丰收节",
        starts_on=date(2021, 9, 18),
        place="荷塘",
    )
    for _ in range(2):
        demo_vendors.build(past=past, upcoming=upcoming, seed=1, today=date(2021, 8, 1))
    assert past.stalls.count() == 30 and upcoming.stalls.count() == 30
    held = past.vendors.all()
    assert held.count() == 26 and {v.state for v in held} == {rules.CONFIRMED}
    assert all(v.stall_id for v in held) and not held.filter(checked_in_at__isnull=False).exists()  # the check-in demo
    assert 20 <= held.filter(sales__isnull=False).count() < 26
    assert past.stalls.filter(area="B区").count() == 10 and past.stalls.get(number="A-20").row == 2
    states = set(upcoming.vendors.values_list("state", flat=True))
    assert states == set(rules.STATE_LABELS)
    assert upcoming.vendors.filter(state=rules.SUBMITTED).count() == 3
    assert VendorApplication.objects.filter(certificate="").count() == 0
