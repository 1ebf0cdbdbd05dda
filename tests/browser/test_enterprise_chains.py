"""链长制 in headless chromium: the chain map with a gap at 1280 px (columns side by side, the chart drawn, an
officer fills the gap), and on a 360 px phone (the columns stacked)."""

from datetime import date

import pytest

from taizhang.enterprise import chains as services
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.enterprise.conftest import make_enterprise_zone

pytestmark = pytest.mark.browser


@pytest.fixture
def ez(browser_world):
    zone = make_enterprise_zone(browser_world)
    services.target_create(
        actor=None,
        link=zone.links["冷链物流"],
        company="青岛冷鲜物流集团",
        region="山东青岛",
        reason="区域冷链仓配中心",
        officer=zone.officer,
        next_on=date(2020, 10, 9),
    )
    return zone


def test_the_chain_map_shows_a_gap_with_its_target_and_an_officer_fills_it(ez, open_page):
    page = open_page(1280)
    login(page, "zhaoshang", PASSWORD)
    page.goto(f"/enterprise/chains/{ez.food_chain.pk}/")
    gap = page.locator(f"#link-{ez.links['冷链物流'].pk}")
    assert "缺链" in gap.inner_text() and "青岛冷鲜物流集团" in gap.inner_text()
    assert page.locator("#gap-count").inner_text() == "缺链 1 个环节"
    page.wait_for_selector("#chain-figures-chart canvas")
    up, mid = page.locator("#column-up").bounding_box(), page.locator("#column-mid").bounding_box()
    assert up["x"] < mid["x"] and abs(up["y"] - mid["y"]) < 2  # side by side
    shoot(page, "enterprise-chain-map")
    gap.locator("summary:has-text('落位企业')").click()
    gap.locator("select[name=enterprise]").select_option(label="济阳黄河饮品有限公司")
    gap.locator("button:has-text('落位')").click()
    page.wait_for_selector("text=已落位到环节“冷链物流”")
    assert "环节齐全" in page.content()
    assert "济阳黄河饮品有限公司" in page.locator(f"#link-{ez.links['冷链物流'].pk}").inner_text()
    page.goto("/enterprise/chains/")
    page.wait_for_selector("text=环节齐全")
    shoot(page, "enterprise-chains")


def test_the_chain_map_stacks_its_columns_on_a_phone(ez, open_page):
    page = open_page(360, 780)
    login(page, "zhaoshang", PASSWORD)
    page.goto(f"/enterprise/chains/{ez.food_chain.pk}/")
    page.wait_for_selector("#chain-figures-chart canvas")
    up, mid, down = (page.locator(f"#column-{c}").bounding_box() for c in ("up", "mid", "down"))
    assert up["y"] < mid["y"] < down["y"] and up["x"] == mid["x"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(page, "enterprise-chain-map")
    page.goto("/enterprise/targets/")
    page.wait_for_selector("text=青岛冷鲜物流集团")
    shoot(page, "enterprise-chain-targets")
