"""The office's sign-up pages: the event's list with its filters and Excel (phones whole only for who calls them),
a session's places and waiting line, a new capacity previewed before it moves anyone, a resident signed up by
phone, a sign-up cancelled with its reason; the same through the API; the card on the event's page."""

import io
import json

from openpyxl import load_workbook

from taizhang.events import selectors_signups, signups
from taizhang.events.models import SignUp, StaffAssignment
from taizhang.events.rules import places
from tests.events.fixtures_signups import sign

PHONE_1 = "13900000001"


def full_morning(festival):
    """The morning slot's three places taken and two waiting (群众4, 群众5)."""
    return [sign(festival.morning, n, village="东辛村" if n % 2 else "后范村") for n in range(1, 6)]


def test_the_list_shows_phones_whole_to_the_planner_and_masked_to_other_staff(client, login, world, festival):
    full_morning(festival)
    url = f"/events/{festival.event.pk}/signups/"
    page = login(world.xs_admin).get(url).content.decode()
    assert PHONE_1 in page and "群众5" in page and "候补" in page
    page = login(world.xs_worker).get(url).content.decode()
    assert PHONE_1 not in page and "139****0001" in page
    assert "取消报名" not in page and "代为报名" not in page


def test_an_assigned_field_worker_reads_phones_whole_and_may_sign_someone_up(client, login, world, festival):
    full_morning(festival)
    StaffAssignment.objects.create(unit=world.xinshi, event=festival.event, user=world.xs_worker, duty="报名登记")
    page = login(world.xs_worker).get(f"/events/{festival.event.pk}/signups/").content.decode()
    assert PHONE_1 in page and "代为报名" in page


def test_another_unit_reads_none_of_it(client, login, world, festival):
    made = full_morning(festival)
    login(world.jy_admin)
    for url in (
        f"/events/{festival.event.pk}/signups/",
        f"/events/sessions/{festival.morning.pk}/",
        f"/events/sessions/{festival.morning.pk}/capacity/",
        f"/events/{festival.event.pk}/signups/new/",
        f"/events/signups/{made[0].pk}/cancel/",
        f"/api/events/events/{festival.event.pk}/signups",
        f"/api/events/sessions/{festival.morning.pk}/waiting",
    ):
        assert client.get(url).status_code == 404, url


def test_the_filters_find_by_session_state_village_check_in_and_search(client, login, world, festival):
    full_morning(festival)
    sign(festival.tug, 9, team_name="东辛村一队", members="王甲、王乙")
    SignUp.objects.filter(name="群众2").update(checked_in_at=festival.event.created_at)
    login(world.xs_admin)
    url = f"/events/{festival.event.pk}/signups/"

    def names(query):
        text = client.get(url + "?" + query).content.decode()
        return {n for n in ("群众1", "群众2", "群众3", "群众4", "群众5", "东辛村一队") if n in text}

    assert names(f"session={festival.tug.pk}") == {"东辛村一队"}
    assert names("state=waiting") == {"群众4", "群众5"}
    assert names("village=后范村") == {"群众2", "群众4"}
    assert names("checked_in=yes") == {"群众2"}
    assert names("q=0003") == {"群众3"}
    assert names("q=一队") == {"东辛村一队"}


def test_the_list_takes_a_fixed_number_of_queries(client, login, world, festival, django_assert_max_num_queries):
    full_morning(festival)
    login(world.xs_admin)
    url = f"/events/{festival.event.pk}/signups/"
    client.get(url)
    for n in range(10, 40):
        sign(festival.noon if n % 2 else festival.tug, n, team_name=f"队{n}")
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_the_excel_keeps_the_filters_and_masks_the_phones_as_the_page_does(client, login, world, festival):
    full_morning(festival)

    def cells(user, query):
        body = login(user).get(f"/events/{festival.event.pk}/signups/?format=xlsx&{query}").content
        return [c for row in load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True) for c in row if c]

    found = cells(world.xs_admin, "state=waiting")
    assert "群众4" in found and "群众1" not in found and "13900000004" in found
    found = cells(world.xs_worker, "")
    assert "139****0001" in found and PHONE_1 not in found


def test_the_session_page_shows_places_in_order_and_the_waiting_line(client, login, world, festival):
    made = full_morning(festival)
    login(world.xs_admin).post(f"/events/signups/{made[0].pk}/cancel/", {"reason": "临时有事"})
    page = client.get(f"/events/sessions/{festival.morning.pk}/").content.decode()
    places_part, rest = page.split('id="places"')[1].split('id="waiting"')
    waiting_part = rest.split('id="cancelled"')[0]
    assert places_part.index("群众2") < places_part.index("群众3") < places_part.index("群众4")
    assert "第 1 位" in waiting_part and "群众5" in waiting_part
    assert "已取消 1 条" in page and "临时有事" in page


def test_a_lower_capacity_is_previewed_before_anyone_moves(client, login, world, festival):
    full_morning(festival)
    login(world.xs_admin)
    url = f"/events/sessions/{festival.morning.pk}/capacity/"
    page = client.post(url, {"capacity": 1, "reason": "场地缩小"}).content.decode()
    assert "将有 2 人退回候补" in page and "群众2" in page and "群众3" in page
    assert SignUp.objects.filter(state=places.WAITING).count() == 2  # nothing written yet
    response = client.post(url, {"capacity": 1, "reason": "场地缩小", "confirmed": "True"})
    assert response.status_code == 302
    waiting = SignUp.objects.filter(state=places.WAITING).order_by("signed_at").values_list("name", flat=True)
    assert list(waiting) == ["群众2", "群众3", "群众4", "群众5"]


def test_a_higher_capacity_is_previewed_moving_the_first_waiting_up(client, login, world, festival):
    full_morning(festival)
    login(world.xs_admin)
    url = f"/events/sessions/{festival.morning.pk}/capacity/"
    page = client.post(url, {"capacity": 4, "reason": "增开采摘区"}).content.decode()
    assert "将有 1 人由候补转为已报名" in page and "群众4" in page and "群众5" not in page
    client.post(url, {"capacity": 4, "reason": "增开采摘区", "confirmed": "True"})
    assert SignUp.objects.get(name="群众4").state == places.CONFIRMED
    assert SignUp.objects.get(name="群众5").state == places.WAITING


def test_only_planners_change_a_capacity(client, login, world, festival):
    login(world.xs_worker)
    url = f"/events/sessions/{festival.morning.pk}/capacity/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"capacity": 9, "reason": "x", "confirmed": "True"}).status_code == 403


def test_staff_sign_a_caller_up_and_a_full_slot_puts_them_on_the_waiting_list(client, login, world, festival):
    full_morning(festival)
    login(world.xs_admin)
    data = {"session": festival.morning.pk, "name": "来电群众", "phone": "150 0000 0001", "village": "崔寨村"}
    response = client.post(f"/events/{festival.event.pk}/signups/new/", data, follow=True)
    made = SignUp.objects.get(name="来电群众")
    assert (made.source, made.state, made.phone, made.created_by) == ("staff", "waiting", "15000000001", world.xs_admin)
    assert "候补第 3 位" in response.content.decode()
    page = client.post(f"/events/{festival.event.pk}/signups/new/", data).content.decode()
    assert "请勿重复报名" in page


def test_a_field_worker_not_on_the_event_may_not_sign_anyone_up(client, login, world, festival):
    login(world.xs_worker)
    data = {"session": festival.morning.pk, "name": "来电群众", "phone": "15000000001"}
    assert client.post(f"/events/{festival.event.pk}/signups/new/", data).status_code == 403
    assert not SignUp.objects.exists()


def test_cancelling_for_someone_asks_a_reason_and_says_who_moved_up(client, login, world, festival):
    made = full_morning(festival)
    login(world.xs_admin)
    url = f"/events/signups/{made[0].pk}/cancel/"
    assert "取消 群众1 的报名" in client.get(url).content.decode()
    assert "原因" in client.post(url, {"reason": ""}).content.decode()
    assert SignUp.objects.get(pk=made[0].pk).state == places.CONFIRMED
    response = client.post(url, {"reason": "电话告知不来了"}, follow=True)
    assert "群众4 由候补转为已报名" in response.content.decode()
    made[0].refresh_from_db()
    assert (made[0].state, made[0].cancel_reason) == (places.CANCELLED, "电话告知不来了")


def test_the_api_lists_sign_ups_with_phones_per_role_and_the_waiting_line(client, login, world, festival):
    full_morning(festival)
    rows = login(world.xs_admin).get(f"/api/events/events/{festival.event.pk}/signups?state=confirmed").json()
    assert [r["name"] for r in rows] == ["群众1", "群众2", "群众3"] and rows[0]["phone"] == PHONE_1
    rows = login(world.xs_worker).get(f"/api/events/events/{festival.event.pk}/signups").json()
    assert rows[0]["phone"] == "139****0001"
    line = client.get(f"/api/events/sessions/{festival.morning.pk}/waiting").json()
    assert [(r["name"], r["waiting_position"]) for r in line] == [("群众4", 1), ("群众5", 2)]


def test_the_api_signs_a_caller_up_for_staff_only(client, login, world, festival):
    body = {
        "session_id": festival.tug.pk,
        "name": "领队",
        "phone": "18600000001",
        "team_name": "一队",
        "members": "甲、乙",
    }
    url = f"/api/events/events/{festival.event.pk}/signups"
    response = login(world.xs_worker).post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 403
    response = login(world.xs_admin).post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 201 and response.json()["state"] == "confirmed"
    assert SignUp.objects.get().people == 3
    body["session_id"] = festival.show.pk
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 400


def test_the_event_page_has_the_sign_ups_card(client, login, world, festival):
    full_morning(festival)
    page = login(world.xs_admin).get(f"/events/{festival.event.pk}/").content.decode()
    card = page.split('id="event-signups"')[1]
    assert "采摘·上午场" in card and "3 / 3" in card and "候补 2" in card and "群众演出专场" not in card


def test_the_preview_names_exactly_who_the_new_capacity_then_moves(festival):
    for n in range(1, 8):
        sign(festival.morning, n)
    for capacity in (1, 5, 2, None, 3, 6):
        up, back = selectors_signups.capacity_preview(festival.morning, capacity)
        moved_up, moved_back = signups.capacity_set(
            actor=festival.admin, session=festival.morning, capacity=capacity, reason="调整"
        )
        assert [s.pk for s in up] == [s.pk for s in moved_up], capacity
        assert sorted(s.pk for s in back) == sorted(s.pk for s in moved_back), capacity


def test_a_large_session_shows_its_places_twenty_a_page_and_the_head_of_its_line(client, login, world, festival):
    from taizhang.events import signups

    signups.capacity_set(actor=world.xs_admin, session=festival.morning, capacity=30, reason="扩大采摘区")
    for n in range(55):
        signups.signup_create(
            actor=None, session=festival.morning, name=f"群众{n:02d}", phone=f"1370000{n:04d}", source="public"
        )
    login(world.xs_admin)
    first = client.get(f"/events/sessions/{festival.morning.pk}/").content.decode()
    assert "群众19" in first and "群众20" not in first.split('id="waiting"')[0]
    assert "第 1 / 2 页" in first and "还有 5 人候补" in first
    second = client.get(f"/events/sessions/{festival.morning.pk}/?page=2").content.decode()
    assert "第 21 位" in second and "群众20" in second
