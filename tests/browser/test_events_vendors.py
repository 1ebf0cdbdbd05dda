"""A vendor of the exhibition-sale in headless chromium: applies on a 360 px phone with a photo of the certificate,
the unit admin approves and allocates a stall at 1280 px, the vendor's private page shows the stall on the plan and
confirms it."""

import pytest
from PIL import Image

from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.events.conftest import make_festival

pytestmark = pytest.mark.browser


def test_a_vendor_applies_gets_a_stall_and_confirms_it(browser_world, open_page, tmp_path):
    festival = make_festival(browser_world)
    certificate = tmp_path / "许可证.png"
    Image.new("RGB", (400, 300), (230, 240, 230)).save(certificate)

    phone = open_page(360, 780)
    phone.goto(f"/public/events/{festival.event.public_key}/")
    phone.click("text=我要摆摊")
    phone.wait_for_selector("text=摊主报名")
    phone.fill("#id_holder", "史玉梅")
    phone.fill("#id_phone", "138 6688 1234")
    phone.fill("#id_village", "史家坞村")
    phone.fill("#id_produce", "莲藕、莲子")
    phone.set_input_files("#id_certificate", str(certificate))
    phone.fill("#id_stall_wish", "靠近入口")
    shoot(phone, "events-vendor-apply")
    phone.click("button:has-text('提交报名')")
    phone.wait_for_selector("text=请保存下面的专属链接")
    link = phone.get_attribute("#vendor-link", "href")
    assert "/public/events/vendor/" in link

    desk = open_page(1280)
    login(desk, festival.admin.username, PASSWORD)
    desk.goto(f"/events/{festival.event.pk}/vendors/")
    desk.click("text=史玉梅")
    desk.wait_for_selector("text=下载证明")
    desk.click("button:has-text('通过审核')")
    desk.wait_for_selector("text=请为其分配摊位")
    desk.select_option("#allocate-form select[name=stall]", label="A-02（A区）")
    desk.click("button:has-text('分配摊位')")
    desk.wait_for_selector("text=已将 A-02 号摊位分配给 史玉梅")
    shoot(desk, "events-vendor-detail")
    desk.goto(f"/events/{festival.event.pk}/stalls/")
    desk.wait_for_selector(".stall-allocated:has-text('史玉梅')")
    shoot(desk, "events-vendor-plan")

    phone.goto(link)
    phone.wait_for_selector("#vendor-stall:has-text('A-02')")
    assert "您的摊位" in phone.content()
    phone.click("#confirm-stall")
    phone.wait_for_selector("#vendor-state:has-text('已确认')")
    shoot(phone, "events-vendor-private")
