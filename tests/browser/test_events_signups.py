"""The office's sign-ups in headless chromium: the unit admin opens a full picking slot at 1280 px, lowers its
capacity through the preview and sees one place go back to the waiting list, raises it and sees the first two
waiting move up; the event's sign-up list at 360 px."""

import pytest

from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.events.conftest import make_festival
from tests.events.fixtures_signups import sign

pytestmark = pytest.mark.browser


def test_a_full_slot_s_capacity_lowered_and_raised_through_the_preview(browser_world, open_page):
    festival = make_festival(browser_world)
    for n in range(1, 6):
        sign(festival.morning, n, village="东辛村" if n % 2 else "后范村")
    desk = open_page(1280)
    login(desk, "xs_admin", PASSWORD)
    desk.goto(f"/events/sessions/{festival.morning.pk}/")
    desk.wait_for_selector("#places-taken:has-text('3 / 3')")
    shoot(desk, "events-session-full")

    desk.click("text=修改容量")
    desk.fill("#id_capacity", "2")
    desk.fill("#id_reason", "采摘区缩小")
    desk.click("button:has-text('预览变动')")
    desk.wait_for_selector("text=将有 1 人退回候补")
    assert "群众3" in desk.inner_text("#capacity-preview")
    shoot(desk, "events-capacity-preview")
    desk.click("button:has-text('确定修改')")
    desk.wait_for_selector("#waiting-count:has-text('3')")
    assert "群众3" in desk.inner_text("#waiting").split("群众4")[0]  # back at the head of the line

    desk.click("text=修改容量")
    desk.fill("#id_capacity", "4")
    desk.fill("#id_reason", "增开采摘区")
    desk.click("button:has-text('预览变动')")
    desk.wait_for_selector("text=将有 2 人由候补转为已报名")
    desk.click("button:has-text('确定修改')")
    desk.wait_for_selector("#places-taken:has-text('4 / 4')")
    assert "群众5" in desk.inner_text("#waiting") and "群众3" in desk.inner_text("#places")

    phone = open_page(360, 780)
    login(phone, "xs_admin", PASSWORD)
    phone.goto(f"/events/{festival.event.pk}/signups/")
    phone.wait_for_selector("text=群众5")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(phone, "events-signups-list-360")
