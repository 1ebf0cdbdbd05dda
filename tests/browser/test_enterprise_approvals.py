"""The enterprise opens its project's status page through the private link, without an account, on a phone and a
desktop, and sees its overdue item; the officer's approvals board at both widths."""

import pytest

from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.enterprise.conftest import make_enterprise_zone
from tests.enterprise.fixtures_approvals import TODAY, make_approvals

pytestmark = pytest.mark.browser


@pytest.fixture
def approvals_zone(browser_world):
    from taizhang.core import clock

    with clock.frozen(TODAY):
        ez = make_enterprise_zone(browser_world)
        yield ez, make_approvals(ez)


def test_the_enterprise_sees_its_overdue_item_through_its_link(approvals_zone, open_page):
    ez, az = approvals_zone
    for width in (360, 1280):
        page = open_page(width, 780 if width == 360 else 900)
        page.goto(f"/public/enterprise/status/{az.token}/")
        page.wait_for_selector("text=黄河饮品扩产项目 · 审批进度")
        overdue = page.locator("#items li.list-group-item-danger")
        assert overdue.count() == 1 and "用地预审" in overdue.inner_text() and "已超期" in overdue.inner_text()
        assert "招商专员" in page.inner_text("#officer") and "0531-84236155" in page.inner_text("#officer")
        assert "施工许可" not in page.content() and "/login/" not in page.url
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shoot(page, "enterprise-approvals-status")


def test_the_officer_regenerates_the_link_on_the_board(approvals_zone, open_page):
    ez, az = approvals_zone
    for width in (1280, 360):
        page = open_page(width)
        login(page, ez.officer.username, PASSWORD)
        page.goto(f"/enterprise/approvals/projects/{az.project.pk}/")
        page.wait_for_selector("text=全程帮办 · 黄河饮品扩产项目")
        shoot(page, "enterprise-approvals-board")
    old = page.input_value("#status-url")
    page.click("summary:has-text('重新生成')")
    page.click("button:has-text('确定重新生成')")
    page.wait_for_selector("text=已生成新的企业查询链接")
    assert page.input_value("#status-url") != old
    gone = open_page(360)
    assert gone.goto(old).status == 404
