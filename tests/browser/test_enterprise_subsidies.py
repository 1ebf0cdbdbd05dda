"""免申即享 in headless chromium: the officer opens the subsidy list, follows its 免申即享 notice to the year's list of
enterprises that qualify without applying, previews the total and confirms; the list then shows the 免申即享 grants.
Screenshots at 1280 and 360 px."""

import pytest

from taizhang.enterprise.models import Grant
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.enterprise.conftest import make_enterprise_zone
from tests.enterprise.fixtures_subsidies import YEAR, make_subsidies

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 360])
def test_the_officer_turns_the_years_offers_into_grants(browser_world, open_page, width):
    ez = make_enterprise_zone(browser_world)
    make_subsidies(ez)
    page = open_page(width, 900 if width > 400 else 780)
    login(page, ez.officer.username, PASSWORD)
    page.goto(f"/enterprise/subsidies/?year={YEAR}")
    page.wait_for_selector("#offers-pending")
    assert "还有 3 项符合条件" in page.inner_text("#offers-pending")
    page.click("#offers-pending a")
    page.wait_for_selector("#offers")
    text = page.inner_text("#offers")
    assert "山东齐鲁智造有限公司" in text and "600,000.00" in text and "37,037.03" in text
    assert "上年研发投入 ≥ 500" in text
    shoot(page, "enterprise-subsidies-offers")
    page.click("button:has-text('预览所选')")
    page.wait_for_selector("#offers-total")
    assert page.inner_text("#offers-total") == "1,537,037.03"
    shoot(page, "enterprise-subsidies-confirm")
    page.click("button:has-text('确认生成')")
    page.wait_for_selector("text=已生成 3 笔")
    rows = page.inner_text("#rows")
    assert rows.count("免申即享") == 3 and "待审核" in rows and "合计 1,537,037.03 元" in rows
    shoot(page, "enterprise-subsidies-list")
    assert Grant.objects.filter(automatic=True, state="proposed").count() == 3


@pytest.mark.parametrize("width", [1280, 360])
def test_the_admin_adds_a_clause_typed_as_conditions_and_a_formula(browser_world, open_page, width):
    ez = make_enterprise_zone(browser_world)
    sub = make_subsidies(ez)
    page = open_page(width, 900 if width > 400 else 780)
    login(page, ez.admin.username, PASSWORD)
    page.goto(f"/enterprise/subsidies/policies/{sub.policy.pk}/")
    page.wait_for_selector("text=添加条款")
    page.fill("#id_code", "第五条")
    page.fill("#id_title", "亩均税收奖励")
    page.fill("#id_conditions", "亩均税收 ≥ 30\n规上 = 是")
    page.select_option("#id_kind", "tiers")
    page.select_option("#id_of", "tax_per_mu")
    page.fill("#id_tiers", "30 100000\n50 200000")
    page.click("button:has-text('添加条款')")
    page.wait_for_selector("text=已添加第五条")
    assert "按本年亩均税收分档（≥30：100,000 元；≥50：200,000 元）" in page.inner_text("main")
    shoot(page, "enterprise-subsidies-policy")
