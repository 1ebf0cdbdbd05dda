"""Events and their programmes: written through the services (checked, audited), read on the module's pages scoped
to the unit, and on the public page only while published."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.events import events
from taizhang.events.models import Event, Session
from tests.events.conftest import make_festival


def test_creating_an_event_writes_its_audit_row(festival):
    entries = AuditEntry.objects.filter(object_type="events.event", object_id=str(festival.event.pk))
    assert list(entries.order_by("pk").values_list("action", "unit_id")) == [
        (AuditEntry.Action.CREATE, festival.event.unit_id),
        (AuditEntry.Action.UPDATE, festival.event.unit_id),  # published
    ]
    assert AuditEntry.objects.filter(object_type="events.session").count() == 5


def test_a_field_worker_may_not_plan_an_event(world):
    with pytest.raises(PermissionDenied):
        events.event_create(actor=world.xs_worker, unit=world.xinshi, name="x", starts_on=date(2020, 1, 1), place="y")


def test_another_unit_s_admin_may_not_add_a_session(world, festival):
    with pytest.raises(PermissionDenied):
        events.session_create(actor=world.jy_admin, event=festival.event, name="合唱")


def test_two_sessions_of_one_event_may_not_share_a_name(festival):
    with pytest.raises(ValidationError) as refused:
        events.session_create(actor=festival.admin, event=festival.event, name="拔河")
    assert "已有名为“拔河”的场次" in str(refused.value)


def test_a_session_ending_before_it_starts_is_refused_naming_the_field(festival):
    from datetime import time

    with pytest.raises(ValidationError) as refused:
        events.session_update(actor=festival.admin, session=festival.show, ends_at=time(9))
    assert "ends_at" in refused.value.message_dict


def test_the_unit_s_events_are_listed_and_another_unit_s_are_not(client, login, world, festival, jy_event):
    login(world.xs_worker)
    page = client.get("/events/").content.decode()
    assert festival.event.name in page and jy_event.name not in page
    assert client.get(f"/events/{jy_event.pk}/").status_code == 404


def test_the_event_page_shows_the_programme_with_places(client, login, world, festival):
    login(world.xs_admin)
    page = client.get(f"/events/{festival.event.pk}/").content.decode()
    for session in ("农产品展销", "群众演出专场", "采摘·上午场", "拔河"):
        assert session in page
    assert "限 3 队" in page and "限 3 人" in page


def test_the_events_list_has_a_fixed_number_of_queries(client, login, world, django_assert_max_num_queries):
    for n in range(25):
        events.event_create(
            actor=None, unit=world.xinshi, name=f"培训{n}", starts_on=date(2020, 1, 1 + n), place="会议室"
        )
    login(world.xs_admin)
    with django_assert_max_num_queries(14):
        page = client.get("/events/")
    assert page.status_code == 200 and "培训24" in page.content.decode()


def test_the_public_page_shows_the_programme_without_login_only_while_published(client, world):
    festival = make_festival(world, published=False)
    url = f"/public/events/{festival.event.public_key}/"
    assert client.get(url).status_code == 404
    events.event_publish(actor=world.xs_admin, event=festival.event, published=True)
    page = client.get(url)
    assert page.status_code == 200
    assert "采摘·上午场" in page.content.decode() and "220国道往东五公里" in page.content.decode()
    assert client.get("/public/events/not-a-key/").status_code == 404


def test_the_api_lists_the_unit_s_events_with_their_places(client, login, world, festival, jy_event):
    login(world.xs_admin)
    found = client.get("/api/events/events").json()
    assert [e["name"] for e in found] == [festival.event.name]
    detail = client.get(f"/api/events/events/{festival.event.pk}").json()
    assert {s["name"]: s["capacity"] for s in detail["sessions"]}["拔河"] == 3
    assert client.get(f"/api/events/events/{jy_event.pk}").status_code == 404


def test_the_demo_programme_falls_on_the_seed_s_day():
    from taizhang.events.demo import festival_day

    assert festival_day(2020) == date(2020, 9, 19)
    assert festival_day(2027).weekday() == 5


def test_an_event_s_sessions_are_ordered_as_planned(festival):
    assert list(Session.objects.filter(event=festival.event).values_list("name", flat=True))[:2] == [
        "农产品展销",
        "群众演出专场",
    ]
    assert Event.objects.visible_to(festival.admin).count() == 1


def test_the_event_page_with_every_area_s_card_keeps_a_fixed_number_of_queries(
    client, login, world, festival, django_assert_max_num_queries
):
    from taizhang.events import signups

    for n in range(30):
        session = (festival.morning, festival.noon)[n % 2]
        signups.signup_create(actor=None, session=session, name=f"群众{n}", phone=f"1390000{n:04d}", source="public")
    login(world.xs_admin)
    with django_assert_max_num_queries(36):
        page = client.get(f"/events/{festival.event.pk}/")
    assert page.status_code == 200
    for card in ("event-public", "event-plan", "event-signups", "event-vendors", "event-checkin", "event-report"):
        assert f'id="{card}"' in page.content.decode(), card
