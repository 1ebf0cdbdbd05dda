"""Residents sign up on the event's public page without an account: a place while there is one, the waiting list
after, a private link to see and cancel the sign-up (which moves the first waiting up). The forms keep robots out
with a honeypot and a limit per client address, and no public page shows anyone's personal data."""

import logging

import pytest
from django.test import override_settings

from taizhang.events import signups
from taizhang.events.models import SignUp
from taizhang.events.rules import places
from tests.events.fixtures_public import event_url, form_url, person, private_url, submit


def test_the_public_page_shows_the_places_left_and_a_sign_up_link_per_session(client, festival):
    signups.signup_create(actor=None, session=festival.morning, name="甲", phone="13800000001", source="public")
    page = client.get(event_url(festival.event)).content.decode()
    assert "余 2 个名额" in page and "余 3 个名额" in page and "余 3 个队伍名额" in page
    assert form_url(festival.morning) in page and form_url(festival.show) not in page
    assert "甲" not in page and "13800000001" not in page


def test_a_full_session_offers_the_waiting_list_with_the_number_ahead(client, festival):
    for n in range(1, 6):
        signups.signup_create(actor=None, session=festival.morning, source="public", **person(n))
    page = client.get(event_url(festival.event)).content.decode()
    assert "名额已满，可报名候补（前面 2 人）" in page and "候补报名" in page
    assert "名额已满，可报名候补（前面 2 人）" in client.get(form_url(festival.morning)).content.decode()


def test_a_resident_signs_up_and_is_shown_the_private_link_to_keep(client, festival):
    response = submit(client, festival.morning, person(1))
    page = response.content.decode()
    made = SignUp.objects.get(session=festival.morning)
    assert response.status_code == 200 and "报名成功" in page
    assert made.source == SignUp.Source.PUBLIC and made.state == places.CONFIRMED and made.village == "新市村"
    assert f"http://testserver{private_url(made)}" in page and "请保存此链接，用于查看或取消报名" in page
    assert "139****0001" in page and "13900000001" not in page
    assert response["Cache-Control"] == "no-store" and response["X-Robots-Tag"] == "noindex"


def test_the_fourth_resident_for_three_places_is_told_their_place_in_line(client, festival):
    for n in range(1, 4):
        submit(client, festival.morning, person(n))
    page = submit(client, festival.morning, person(4)).content.decode()
    assert "已进入候补第 1 位" in page
    assert SignUp.objects.get(name="居民4").state == places.WAITING


def test_mistakes_are_named_by_field_in_chinese(client, festival):
    response = submit(client, festival.morning, {"name": "", "phone": "12345"})
    page = response.content.decode()
    assert response.status_code == 400 and "请填写姓名" in page and "手机号“12345”不是 11 位的手机号码" in page
    submit(client, festival.morning, person(1))
    page = submit(client, festival.morning, person(1, name="又一次")).content.decode()
    assert "139****0001 已报名“采摘·上午场”，请勿重复报名" in page
    assert SignUp.objects.count() == 1


def test_a_team_signs_up_with_its_members_within_the_team_size(client, festival):
    form = client.get(form_url(festival.tug)).content.decode()
    assert "队名" in form and "领队姓名" in form and "每队最多 8 人（含领队）" in form and "村居" in form
    too_many = "\n".join(f"队员{n}" for n in range(8))
    page = submit(client, festival.tug, person(1, team_name="东辛村队", members=too_many)).content.decode()
    assert "本项目每队最多 8 人（含领队），现填写 9 人" in page
    page = submit(client, festival.tug, person(1, team_name="东辛村队", members="张三\n李四")).content.decode()
    assert "报名成功" in page and "东辛村队" in page
    assert SignUp.objects.get(session=festival.tug).people == 3


def test_the_private_page_shows_the_state_and_cancels_after_a_confirmation(client, festival):
    first, *_ = [
        signups.signup_create(actor=None, session=festival.morning, source="public", **person(n)) for n in (1, 2, 3, 4)
    ]
    waiting = SignUp.objects.get(name="居民4")
    assert "候补第 1 位" in client.get(private_url(waiting)).content.decode()
    page = client.get(private_url(first))
    assert "已报名" in page.content.decode() and "139****0001" in page.content.decode()
    assert page["Referrer-Policy"] == "no-referrer" and page["Cache-Control"] == "no-store"
    confirm = client.get(f"{private_url(first)}cancel/")
    assert "确认取消报名" in confirm.content.decode()
    assert SignUp.objects.get(pk=first.pk).state == places.CONFIRMED  # opening the page cancels nothing
    done = client.post(f"{private_url(first)}cancel/", {"reason": "家里有事"}, follow=True).content.decode()
    assert "已取消报名。您的名额已由候补的下一位递补。" in done and "已取消" in done and "取消报名</a>" not in done
    assert SignUp.objects.get(pk=first.pk).cancel_reason == "家里有事"
    assert "已报名" in client.get(private_url(waiting)).content.decode()
    assert client.get(f"{private_url(first)}cancel/").status_code == 302  # nothing left to cancel


def test_a_checked_in_sign_up_cannot_be_cancelled_through_its_link(client, festival):
    made = signups.signup_create(actor=None, session=festival.morning, source="public", **person(1))
    SignUp.objects.filter(pk=made.pk).update(checked_in_at="2020-09-19T09:00:00+08:00")
    assert "取消报名</a>" not in client.get(private_url(made)).content.decode()
    client.post(f"{private_url(made)}cancel/", {"reason": ""})
    assert SignUp.objects.get(pk=made.pk).state == places.CONFIRMED


def test_a_filled_honeypot_looks_like_success_saves_nothing_and_is_logged(client, festival, caplog):
    form = client.get(form_url(festival.morning)).content.decode()
    assert 'name="website"' in form and 'tabindex="-1"' in form and "events-hp" in form and "请勿填写此项" in form
    with caplog.at_level(logging.WARNING, logger="taizhang.events.public"):
        page = submit(client, festival.morning, person(1, website="http://spam.example")).content.decode()
    assert "报名成功" in page and SignUp.objects.count() == 0
    assert "honeypot filled from 10.0.0.1" in caplog.text


def test_a_closed_sign_up_takes_nobody(client, festival):
    festival.event.finished = True
    festival.event.save()
    page = client.get(event_url(festival.event)).content.decode()
    assert "本活动已结束，未开放报名" in page and form_url(festival.morning) not in page
    submit(client, festival.morning, person(1))
    festival.event.finished, festival.event.signup_closes_at = False, "2020-01-01T00:00:00+08:00"
    festival.event.save()
    page = client.get(event_url(festival.event)).content.decode()
    assert "报名已于 01月01日 00:00 截止" in page and form_url(festival.morning) not in page
    submit(client, festival.morning, person(1))
    assert SignUp.objects.count() == 0


@override_settings(EVENTS_PUBLIC_RATE=["10/m", "60/h"])
def test_the_eleventh_post_in_a_minute_from_one_address_is_refused(client, festival):
    answers = [submit(client, festival.noon, person(n)).status_code for n in range(1, 11)]
    assert 429 not in answers
    refused = submit(client, festival.noon, person(11))
    assert refused.status_code == 429 and "提交过于频繁，请稍后再试" in refused.content.decode()
    assert not SignUp.objects.filter(name="居民11").exists()
    assert submit(client, festival.noon, person(12), address="10.0.0.2").status_code == 200
    assert client.get(form_url(festival.noon), REMOTE_ADDR="10.0.0.1").status_code == 200  # reading is not limited


@override_settings(EVENTS_PUBLIC_RATE=["2/m"], TRUSTED_PROXIES=[])
def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, festival):
    for n in range(1, 3):
        submit(client, festival.noon, person(n))
    forged = client.post(form_url(festival.noon), person(3), REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert forged.status_code == 429


def test_the_public_page_reads_a_fixed_number_of_queries(client, festival, django_assert_max_num_queries):
    for n in range(1, 9):
        signups.signup_create(actor=None, session=festival.morning, source="public", **person(n))
    with django_assert_max_num_queries(4):
        assert client.get(event_url(festival.event)).status_code == 200


@pytest.mark.parametrize("session", ["show", "expo"])
def test_a_session_without_sign_up_has_no_form(client, festival, session):
    assert client.get(form_url(getattr(festival, session))).status_code == 404


def test_the_event_page_s_card_gives_the_public_link_while_published(client, login, world):
    from tests.events.conftest import make_festival

    festival = make_festival(world, published=False)
    login(world.xs_admin)
    assert "尚未公开" in client.get(f"/events/{festival.event.pk}/").content.decode()
    festival.event.published = True
    festival.event.save()
    page = client.get(f"/events/{festival.event.pk}/").content.decode()
    assert f"http://testserver{event_url(festival.event)}" in page and "打开公开页" in page


def test_a_filled_honeypot_on_the_cancel_form_cancels_nothing(client, festival):
    made = signups.signup_create(actor=None, session=festival.morning, source="public", **person(1))
    answer = client.post(f"{private_url(made)}cancel/", {"reason": "", "website": "x"}, REMOTE_ADDR="10.0.0.9")
    assert answer.status_code == 302 and SignUp.objects.get(pk=made.pk).state == places.CONFIRMED


def test_the_private_page_shows_the_check_in_qr_only_while_a_place_is_held(client, festival):
    made = [
        signups.signup_create(actor=None, session=festival.morning, source="public", **person(n)) for n in range(1, 5)
    ]
    placed, waiting = made[0], made[3]
    page = client.get(private_url(placed)).content.decode()
    assert f"/public/events/ticket/{placed.token}/qr.svg" in page and f"/public/events/ticket/{placed.token}/" in page
    assert "qr.svg" not in client.get(private_url(waiting)).content.decode()


@override_settings(EVENTS_PUBLIC_RATE=["2/m"])
def test_the_vendors_application_shares_the_public_forms_limit(client, festival):
    for n in range(1, 3):
        submit(client, festival.noon, person(n))
    answer = client.post(f"/public/events/{festival.event.public_key}/vendor/", {}, REMOTE_ADDR="10.0.0.1")
    assert answer.status_code == 429
