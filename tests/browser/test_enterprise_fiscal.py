"""The fiscal pages in headless chromium: the 增量分享 page with its chart and table at 1280 and 360 px, the
portfolio with its figures by chain, and an exit registered on a phone through its confirm page."""

import pytest

from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.enterprise.conftest import make_enterprise_zone
from tests.enterprise.fixtures_fiscal import make_books

pytestmark = pytest.mark.browser


@pytest.fixture
def books(browser_world):
    ez = make_enterprise_zone(browser_world)
    return ez, make_books(ez)


@pytest.mark.parametrize("width", [1280, 360])
def test_the_sharing_page_draws_the_years_and_lists_the_split(books, open_page, width):
    page = open_page(width, 900)
    login(page, "xs_admin", PASSWORD)
    page.goto("/enterprise/fiscal/sharing/")
    page.wait_for_selector("#sharing-chart canvas")
    table = page.inner_text("#sharing-table")
    assert "120.3000" in table and "80.2000" in table and "100.0000" in table  # 2021's shortfall
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, "enterprise-fiscal-sharing")
    page.click("text=财政收入")
    page.wait_for_selector("#revenue-table")
    assert "4500.0000" in page.inner_text("#revenue-table")  # 2019's total
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, "enterprise-fiscal-revenue")


@pytest.mark.parametrize("width", [1280, 360])
def test_the_portfolio_shows_its_figures_and_stakes(books, open_page, width):
    page = open_page(width, 900)
    login(page, "xs_admin", PASSWORD)
    page.goto("/enterprise/fiscal/equity/")
    assert page.inner_text("#portfolio-tvpi").strip() == "1.27x"
    assert "智能制造" in page.inner_text("#portfolio-by-chain")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shoot(page, "enterprise-fiscal-portfolio")


def test_an_exit_is_confirmed_on_a_phone_and_shows_on_the_stake(books, open_page):
    ez, found = books
    page = open_page(360, 780)
    login(page, "zhaoshang", PASSWORD)
    page.goto(f"/enterprise/fiscal/equity/{found.valued.pk}/")
    page.click("text=登记退出")
    page.wait_for_selector("text=退出即结束全部持股")
    page.select_option("#id_kind", "buyback")
    page.fill("#id_exited_on", "2022-01-10")
    page.fill("#id_proceeds", "2500")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=确认股权退出")
    assert "2.50x" in page.inner_text("#exit-summary")
    shoot(page, "enterprise-fiscal-exit-confirm")
    page.click("button:has-text('确定退出')")
    page.wait_for_selector("#stake-exit")
    assert "以回购方式退出" in page.inner_text("#stake-exit")
    shoot(page, "enterprise-fiscal-stake")
