"""The enterprise registry in headless chromium: an officer creates an enterprise at 1280 px, first with a wrong
check character (the form names the right one), then the right one, and lands on its file page; on a phone it is
recorded as moved away through the confirmation; the list, the form and the file page at 1280 and 360 px."""

import pytest

from taizhang.enterprise.rules.uscc import with_check
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.enterprise.conftest import make_enterprise_zone

pytestmark = pytest.mark.browser
CODE = with_check("91370125MA3H00001")
WRONG = CODE[:-1] + ("0" if CODE[-1] != "0" else "1")


def test_an_officer_creates_an_enterprise_after_fixing_its_check_character(browser_world, open_page):
    ez = make_enterprise_zone(browser_world)
    page = open_page(1280)
    login(page, ez.officer.username, PASSWORD)
    page.goto("/enterprise/enterprises/")
    page.wait_for_selector("text=济南鲁味食品有限公司")
    shoot(page, "enterprise-list")
    page.click("text=新增企业")
    page.wait_for_selector("#enterprise-form")
    page.fill("#id_uscc", WRONG)
    page.fill("#id_name", "济南新材科技有限公司")
    page.select_option("#id_park", label="智能制造城")
    page.select_option("#id_chain", label="智能制造")
    page.check("label:has-text('智能制造·上游·核心零部件')")
    page.check("label:has-text('专精特新')")
    page.fill("#id_land_mu", "42.5")
    page.click("button:has-text('保存')")
    page.wait_for_selector(f"text=按前 17 位应为 {CODE[-1]}")
    shoot(page, "enterprise-form-error")
    page.fill("#id_uscc", CODE)
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=企业档案 · 济南新材科技有限公司")
    text = page.content()
    assert CODE in text and "专精特新" in text and "核心零部件" in text and "42.50 亩" in text
    shoot(page, "enterprise-file")

    phone = open_page(360, 780)
    login(phone, ez.officer.username, PASSWORD)
    phone.goto("/enterprise/enterprises/")
    phone.wait_for_selector("text=济南新材科技有限公司")
    shoot(phone, "enterprise-list")
    phone.click("text=新增企业")
    phone.wait_for_selector("#enterprise-form")
    shoot(phone, "enterprise-form")
    phone.goto("/enterprise/enterprises/")
    phone.click("text=济南新材科技有限公司")
    phone.wait_for_selector("text=企业档案 · 济南新材科技有限公司")
    shoot(phone, "enterprise-file")
    phone.click("text=迁出 / 注销")
    phone.check("label:has-text('已迁出')")
    phone.fill("#id_reason", "整体搬迁至德州")
    phone.click("button:has-text('下一步')")
    phone.wait_for_selector("#status-confirm")
    shoot(phone, "enterprise-status-confirm")
    phone.click("button:has-text('确认已迁出')")
    phone.wait_for_selector("text=撤回已迁出")
    assert "整体搬迁至德州" in phone.content()
    phone.goto("/enterprise/parks/")
    phone.wait_for_selector("#parks")
    shoot(phone, "enterprise-parks")
