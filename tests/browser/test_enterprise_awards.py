"""优秀企业家奖励 in headless chromium: the unit admin reads the allocation preview at 1280 px and on a 360 px phone and
confirms it; the 公示 list shows at both widths, the officer files an objection on the phone."""

from datetime import date

import pytest

from taizhang.core import clock
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.enterprise.conftest import make_enterprise_zone
from tests.enterprise.fixtures_awards import scored_round

pytestmark = pytest.mark.browser
TODAY = date(2021, 4, 20)


@pytest.fixture
def ez(browser_world):
    with clock.frozen(TODAY):
        yield make_enterprise_zone(browser_world)


def test_the_allocation_preview_and_the_publicity_at_both_widths(ez, open_page):
    rnd, _ = scored_round(ez)
    phone = open_page(360, 780)
    login(phone, ez.admin.username, PASSWORD)
    phone.goto(f"/enterprise/awards/{rnd.pk}/allocation/")
    phone.wait_for_selector("#allocation")
    shoot(phone, "enterprise-awards-allocation")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360

    desk = open_page(1280)
    login(desk, ez.admin.username, PASSWORD)
    desk.goto(f"/enterprise/awards/{rnd.pk}/")
    desk.click("text=分配预览")
    desk.wait_for_selector("#allocation-total")
    text = desk.content()
    assert text.index("李智造") < text.index("张鲁味") < text.index("王饮品")
    assert desk.inner_text("#allocation-total") == "1000000.00"
    shoot(desk, "enterprise-awards-allocation")
    desk.click("button:has-text('确认分配并公示')")
    desk.wait_for_selector("text=获奖名单公示")
    shoot(desk, "enterprise-awards-publicity")

    officer = open_page(360, 780)
    login(officer, ez.officer.username, PASSWORD)
    officer.goto(f"/enterprise/awards/{rnd.pk}/publicity/")
    officer.select_option("select[name=nomination]", label="王饮品（济阳黄河饮品有限公司）")
    officer.fill("textarea[name=text]", "该企业去年有欠税记录，请核实")
    officer.click("button:has-text('提交异议')")
    officer.wait_for_selector("text=已记录异议")
    assert "该企业去年有欠税记录" in officer.content()
    assert officer.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(officer, "enterprise-awards-publicity")
