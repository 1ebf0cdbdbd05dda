"""疑点核查 at 1280 and 360 px: the unit admin opens the month's signals, opens one, marks it 已核实正常 with a note,
and the kind's precision figure changes; the auditor finds the review in the audit trail."""

import pytest
from django.utils import timezone

from taizhang.integrity.models import Verdict
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.integrity import fakes
from tests.integrity.conftest import signal, test_kinds  # noqa: F401  (the test kinds, autouse)

pytestmark = pytest.mark.browser
PHONE = 360


@pytest.mark.parametrize("width", [1280, PHONE])
def test_the_admin_reviews_a_signal_and_the_auditor_sees_it(open_page, browser_world, width):
    world = browser_world
    today = timezone.localdate()
    signal(world.xinshi, fakes.pair(today, 1, 2), verdict=Verdict.PROBLEM, community=world.xinshi_village)
    open_one = signal(world.xinshi, fakes.pair(today, 3, 4), community=world.xinshi_village)
    signal(world.xinshi, fakes.late(today))
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    if width == PHONE:
        page.click(".navbar-toggler")
    page.click("nav >> text=疑点核查")
    page.wait_for_url("**/integrity/")
    precision = page.locator(f'td.precision[data-kind="{fakes.PAIR}"]')
    assert precision.inner_text().startswith("100%") and "n=1" in precision.inner_text()
    assert page.locator(".signal-list .list-group-item").count() == 3
    shoot(page, "integrity-list")
    page.click(f'a[href="/integrity/{open_one.pk}/"]')
    page.wait_for_url(f"**/integrity/{open_one.pk}/")
    assert "至少间隔" in page.content() and "尚未核实" in page.content()
    page.check("text=已核实正常")
    page.fill("textarea[name=note]", "与户主电话核实，两户相邻，走访属实")
    shoot(page, "integrity-detail")
    page.click("text=保存核实结论")
    page.wait_for_selector("text=已记录核实结论：已核实正常")
    assert "与户主电话核实，两户相邻，走访属实" in page.locator(".review-history").inner_text()
    page.click(f"text={today.year}年{today.month}月的疑点")
    precision = page.locator(f'td.precision[data-kind="{fakes.PAIR}"]')
    assert precision.inner_text().startswith("50%") and "n=2" in precision.inner_text()
    shoot(page, "integrity-list-reviewed")
    page.goto("/integrity/kinds/")
    assert "50%" in page.locator(f'[id="{fakes.PAIR}"]').inner_text()
    shoot(page, "integrity-kinds")

    auditor = open_page(width)
    login(auditor, "auditor", PASSWORD)
    auditor.goto("/audit/")
    trail = auditor.locator("main").inner_text()
    assert "疑点" in trail and "已核实正常" in trail and "两户相邻，走访属实" in trail
    shoot(auditor, "integrity-audit")
