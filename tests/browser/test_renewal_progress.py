"""进度 and 简报 in headless Debian chromium at 1280 and 360 px: the brief page shows the sentence and copies it, the
dashboard's chart renders inside the screen."""

from datetime import date, timedelta

import pytest

from taizhang.registry.importing import household_import
from taizhang.renewal.models import Site
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes, household_rows
from tests.renewal.conftest import make_renewal
from tests.renewal.test_progress_selectors import agreement, determined, site, violation

pytestmark = pytest.mark.browser
AS_OF = date(2020, 10, 31)


@pytest.fixture
def project(browser_world):
    assert household_import(
        unit=browser_world.jiyang, data=csv_bytes(household_rows("JY001", "城里居", 2, 30)), filename="seed.csv"
    ).applied
    renewal = make_renewal(browser_world)
    start = date(2020, 6, 3)
    site(renewal, "CL-01", ["JY001"], start)
    site(renewal, "CL-02", ["JY001"], start + timedelta(days=30))
    site(renewal, "DG-01", ["JY101"], start + timedelta(days=45))
    site(renewal, "DG-02", ["JY102"], start + timedelta(days=80))
    site(
        renewal,
        "CF-01",
        kind=Site.Kind.FACTORY,
        measured_on=start + timedelta(days=60),
        community=browser_world.chengli,
        group=renewal.first_group,
    )
    determined(renewal, "JY001", start + timedelta(days=50))
    determined(renewal, "JY101", start + timedelta(days=100))
    agreement(renewal, "JY001", start + timedelta(days=110), start + timedelta(days=130))
    violation(renewal, start + timedelta(days=20), start + timedelta(days=40))
    return renewal


def no_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways"


@pytest.mark.parametrize("width", [1280, 360])
def test_the_brief_page_shows_the_sentence_and_copies_it(open_page, project, width):
    page = open_page(width, 800)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/projects/{project.project.pk}/brief/")
    text = page.locator("#brief-text").inner_text()
    assert text == (
        "截至目前,城里居、东关居累计测量3户,测量院落4个,测量厂房1所,人口界定2户。累计签约1户,腾空1户。"
        "控违拆违发现违法建设1处,拆除1处。"
    )
    page.click("#copy-brief")
    page.wait_for_selector("#copy-done:not(.d-none)")
    page.fill("#id_as_of", AS_OF.isoformat())
    page.click("form.as-of-form button[type=submit]")
    page.wait_for_url("**as_of=2020-10-31")
    assert page.locator("#brief-text").inner_text().startswith("截至2020年10月31日,城里居、东关居累计测量3户,")
    no_overflow(page)
    shoot(page, "renewal-brief")


@pytest.mark.parametrize("width", [1280, 360])
def test_the_dashboard_draws_the_chart_inside_the_screen(open_page, project, width):
    page = open_page(width, 800)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/projects/{project.project.pk}/progress/?as_of={AS_OF.isoformat()}")
    page.wait_for_selector("#progress-chart canvas")
    box = page.locator("#progress-chart canvas").first.bounding_box()
    assert box["width"] > 200 and box["height"] > 200 and box["x"] + box["width"] <= width
    assert page.locator("[data-figure=measured]").first.inner_text().startswith("3")
    no_overflow(page)
    shoot(page, "renewal-progress")
