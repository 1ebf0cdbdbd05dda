"""A resident signs up on the festival's public page on a 360 px phone for the last place of a picking slot; the
next lands on the waiting list; the first cancels through their private link and the second's page then reads
已报名. Screenshots of the public page, the form, the success page and the private page at 360 and 1280 px."""

import pytest

from taizhang.events import signups
from tests.browser.conftest import shoot
from tests.events.conftest import make_festival

pytestmark = pytest.mark.browser


def sign_up(page, festival, name, phone, *, shots=False):
    page.goto(f"/public/events/{festival.event.public_key}/")
    if shots:
        shoot(page, "events-public-page")
    page.click(f"#session-{festival.morning.pk} a")
    page.wait_for_selector("#signup-form")
    page.fill("#id_name", name)
    page.fill("#id_phone", phone)
    if shots:
        shoot(page, "events-public-form")
    page.click("#signup-form button[type=submit]")
    page.wait_for_selector("#signup-done")
    return page.input_value("#private-link-input")


def test_a_resident_signs_up_waits_and_moves_up_when_the_first_cancels(browser_world, open_page):
    festival = make_festival(browser_world)
    for n in (1, 2):
        signups.signup_create(
            actor=None, session=festival.morning, name=f"先报{n}", phone=f"1350000000{n}", source="public"
        )

    first = open_page(360, 780)
    first_link = sign_up(first, festival, "张秀英", "139 0000 1111", shots=True)
    assert "报名成功" in first.content() and "139****1111" in first.content()
    first.click("[data-copy]")
    shoot(first, "events-public-done")

    second = open_page(360, 780)
    second.goto(f"/public/events/{festival.event.public_key}/")
    assert "名额已满，可报名候补" in second.inner_text(f"#session-{festival.morning.pk}")
    second_link = sign_up(second, festival, "李建国", "13900002222")
    assert "已进入候补第 1 位" in second.content()

    first.goto(first_link)
    shoot(first, "events-public-private")
    first.click("#cancel-link")
    first.wait_for_selector("#cancel-form")
    first.fill("#id_reason", "家里有事去不了")
    first.click("#cancel-form button[type=submit]")
    first.wait_for_selector("text=已取消报名。")
    assert first.inner_text("#signup-state") == "已取消"

    second.goto(second_link)
    assert second.inner_text("#signup-state") == "已报名"

    desk = open_page(1280)
    desk.goto(second_link)
    shoot(desk, "events-public-private")
    desk.goto(f"/public/events/{festival.event.public_key}/")
    shoot(desk, "events-public-page")
    desk.click(f"#session-{festival.tug.pk} a")
    desk.wait_for_selector("#signup-form")
    shoot(desk, "events-public-form")
