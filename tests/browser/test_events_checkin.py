"""The day of the festival in headless chromium: a resident's ticket on a 360 px phone, a steward on a 360 px phone
typing the code and checking the resident in, and the dashboard at 1280 px showing it."""

import pytest

from taizhang.core import clock
from taizhang.events.models import SignUp, StaffAssignment
from taizhang.events.rules import codes
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.events.conftest import make_festival
from tests.events.fixtures_checkin import FESTIVAL_MORNING, signup, vendor

pytestmark = pytest.mark.browser


def test_a_steward_s_phone_checks_a_resident_in_by_code_and_the_dashboard_shows_it(browser_world, open_page):
    with clock.frozen(FESTIVAL_MORNING):
        festival = make_festival(browser_world)
        resident = signup(festival.morning, "李秀英")
        vendor(festival.event, stall=festival.stalls[0])
        StaffAssignment.objects.create(
            unit=browser_world.xinshi, event=festival.event, user=browser_world.xs_worker, duty="入口签到"
        )

        ticket = open_page(360, 780)
        ticket.goto(f"/public/events/ticket/{resident.token}/")
        ticket.wait_for_selector("#ticket-code")
        assert ticket.locator("img.ticket-qr").evaluate("img => img.naturalWidth") > 0  # the QR loads under the CSP
        shoot(ticket, "events-ticket")

        phone = open_page(360, 780)
        login(phone, browser_world.xs_worker.username, PASSWORD)
        phone.goto(f"/events/{festival.event.pk}/checkin/")
        phone.fill("#id_code", codes.shown(resident.code).lower())
        shoot(phone, "events-checkin")
        phone.click("button:has-text('查询')")
        phone.wait_for_selector("#checkin-button")
        assert "采摘·上午场" in phone.content()
        shoot(phone, "events-checkin-confirm")
        phone.click("#checkin-button")
        phone.wait_for_selector("text=已签到：李秀英")
        shoot(phone, "events-checkin-done")
        assert SignUp.objects.get(pk=resident.pk).checked_in_by == browser_world.xs_worker

        desk = open_page(1280)
        login(desk, browser_world.xs_admin.username, PASSWORD)
        desk.goto(f"/events/{festival.event.pk}/dashboard/")
        desk.wait_for_selector("#board-recent:has-text('李秀英')")
        assert desk.locator("#board-checked-in").inner_text() == "1"
        shoot(desk, "events-dashboard")
        phone.goto(f"/events/{festival.event.pk}/dashboard/")
        phone.wait_for_selector("#board-recent:has-text('李秀英')")
        shoot(phone, "events-dashboard")
