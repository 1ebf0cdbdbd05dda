"""The functions a zone handed to the streets, in headless chromium: the zone's overview by street at 1280 and 360 px,
and 济阳街道 answering an overdue supervision note on a phone (and the note page at 1280 px)."""

from datetime import date

import pytest

from taizhang.core import clock
from taizhang.enterprise import functions as services
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.enterprise.fixtures_functions import make_handover

pytestmark = pytest.mark.browser
TODAY = date(2020, 9, 15)


@pytest.fixture
def handed(browser_world):
    with clock.frozen(date(2020, 9, 1)) as fixed:
        handover = make_handover(browser_world)
        services.move(actor=handover.jy_admin, function=handover.jy[0], target="taken")
        handover.late = services.note_write(
            actor=handover.zone_admin,
            function=handover.jy[0],
            text="低保对象动态管理台账未建立",
            deadline=date(2020, 9, 10),
        )
        fixed.set(TODAY)
        yield handover


@pytest.mark.parametrize("width", [1280, 360])
def test_the_zones_overview_counts_each_streets_states_and_overdue_notes(handed, open_page, width):
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/enterprise/functions/overview/")
    page.wait_for_selector("#function-overview")
    text = page.inner_text("#function-overview")
    assert "济阳街道" in text and "崔寨街道" in text
    assert page.locator("#function-overview a.badge:has-text('1')").count() == 1  # 济阳街道's overdue note
    shoot(page, "enterprise-functions-overview")


def test_a_street_answers_an_overdue_note_on_a_phone(handed, open_page):
    phone = open_page(360, 780)
    login(phone, "jy_admin", PASSWORD)
    phone.goto(f"/enterprise/functions/notes/{handed.late.pk}/")
    phone.wait_for_selector("text=已逾期")
    shoot(phone, "enterprise-functions-note")
    phone.fill("textarea[name=answer]", "已建立低保动态管理台账，补齐入户核查记录 36 份")
    phone.click("button:has-text('提交答复')")
    phone.wait_for_selector("text=已答复，等待移交单位销号")
    assert "已答复，待销号" in phone.inner_text("#note-status")
    desk = open_page(1280)
    login(desk, "xs_admin", PASSWORD)
    desk.goto(f"/enterprise/functions/notes/{handed.late.pk}/")
    desk.wait_for_selector("button:has-text('销号')")
    assert "补齐入户核查记录" in desk.inner_text("#note-answer")
    shoot(desk, "enterprise-functions-note-zone")
