"""The sign-ups' demo on the test festivals renamed as 崔寨街道's programme: the past one imported as a batch with
some waiting and a few cancelled (each moving one up), the next one's morning slot full with five waiting; run
twice, it changes nothing."""

from datetime import date

from taizhang.events import demo, demo_signups
from taizhang.events.models import Event, SignUp
from taizhang.events.rules import places
from taizhang.imports.models import ImportBatch


def festival(world, year, *, finished):
    # The past festival is finished by the report's demo, which runs after this one.
    event = demo._festival(world.xinshi, year, published=not finished)
    return Event.objects.get(pk=event.pk)


def test_the_demo_fills_both_festivals_and_changes_nothing_when_run_again(world):
    past, upcoming = festival(world, 2020, finished=True), festival(world, 2021, finished=False)
    demo_signups.build(past=past, upcoming=upcoming, seed=7, today=date(2021, 9, 1))
    first = list(SignUp.objects.order_by("pk").values_list("pk", "state", "phone"))
    demo_signups.build(past=past, upcoming=upcoming, seed=7, today=date(2021, 9, 1))
    assert list(SignUp.objects.order_by("pk").values_list("pk", "state", "phone")) == first

    batch = ImportBatch.objects.get(ledger="events.signups")
    imported = SignUp.objects.filter(event=past)
    assert imported.count() == 193 and set(imported.values_list("import_batch", flat=True)) == {batch.pk}
    morning = past.sessions.get(name="现场采摘·上午场")
    assert morning.signups.filter(state=places.CANCELLED).count() == 5
    assert morning.signups.filter(state=places.CONFIRMED).count() == 60
    assert morning.signups.filter(state=places.CONFIRMED, promoted_at__isnull=False).count() == 5
    assert imported.filter(team_name__gt="").count() == 30
    assert all(len(p) == 11 and p[:2] in ("13", "15", "18") for p in imported.values_list("phone", flat=True))

    slot = upcoming.sessions.get(name="现场采摘·上午场")
    assert slot.signups.filter(state=places.CONFIRMED).count() == 60
    assert slot.signups.filter(state=places.WAITING).count() == 5
    assert upcoming.sessions.get(name="现场采摘·中午场").signups.count() == 27
