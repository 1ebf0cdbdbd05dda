"""A long list on a phone: 840 households in the renewal project show one page of 20 at 360 px, the page jump goes to
the page asked for, and the search box narrows the rows as one types (htmx). Every long list at 1280 and 360 px."""

from datetime import date
from decimal import Decimal

import pytest

from taizhang.renewal import measurements
from taizhang.renewal.models import Site
from taizhang.renewal.sites import site_create
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, bulk_households, csv_bytes, household_rows

pytestmark = pytest.mark.browser
PHONE = 360
CROWD = 837  # with JY001, JY101 and JY102: 840


@pytest.fixture
def project(browser_world):
    from taizhang.registry.importing import household_import
    from taizhang.renewal.red_line import households_import
    from tests.renewal.conftest import make_renewal

    assert household_import(
        unit=browser_world.jiyang, data=csv_bytes(household_rows("JY001", "城里居", 2, 30)), filename="seed.csv"
    ).applied
    renewal = make_renewal(browser_world)
    numbers = bulk_households(browser_world.jiyang, "东关居", CROWD, "DG")
    report = households_import(
        actor=browser_world.jy_admin,
        project=renewal.project,
        data=csv_bytes([[n] for n in numbers], header=["户编号"]),
        filename="红线.csv",
    )
    assert report.ok and report.applied, report.errors[:3]
    for i, no in enumerate(numbers[:25]):  # the ledger's courtyards, a few measured
        courtyard = site_create(
            actor=browser_world.jy_admin,
            project=renewal.project,
            kind=Site.Kind.COURTYARD,
            number=f"DG-{i:03}",
            community=renewal.dongguan,
            owners=[renewal.entry(no)],
        )
        if i % 3 == 0:
            measurements.measurement_record(
                actor=browser_world.jy_admin,
                site=courtyard,
                measured_on=date(2020, 5, 18),
                measurers=[renewal.jy_group_leader, browser_world.jy_worker],
                buildings=[{"structure": "砖木", "floor_area": Decimal("86.5")}],
                site_area=Decimal("120"),
            )
    return renewal


def rows(page) -> int:
    return page.locator("#rows tbody tr").count()


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_840_households_show_one_page_on_a_phone_and_the_page_jump_works(open_page, project):
    page = open_page(PHONE, 780)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/projects/{project.project.pk}/households/")
    assert page.locator("#rows").get_by_text("共 840 户").is_visible()
    assert rows(page) == 20 and "第 1 / 42 页" in page.content() and fits(page)
    shoot(page, "list-households")

    page.fill("#page-jump", "42")
    with page.expect_navigation():
        page.get_by_role("button", name="跳转").click()
    assert "page=42" in page.url and "第 42 / 42 页" in page.content()
    assert rows(page) == 20 and page.locator("#rows").get_by_text("JY102").is_visible()
    assert page.locator("#rows").get_by_text("DG0001", exact=True).count() == 0

    page.goto(f"/renewal/projects/{project.project.pk}/households/?community={project.dongguan.pk}")
    page.fill("#page-jump", "3")
    with page.expect_navigation():
        page.get_by_role("button", name="跳转").click()
    assert f"community={project.dongguan.pk}" in page.url and "page=3" in page.url  # the filter is kept
    assert page.locator("#rows").get_by_text("DG0041", exact=True).is_visible() and "共 839 户" in page.content()

    page.fill("form.list-filters input[name=q]", "长街17号")  # htmx: the rows change without a new page
    page.locator("#rows").get_by_text("共 1 户").wait_for()
    assert rows(page) == 1 and page.locator("#rows").get_by_text("DG0017").is_visible()
    assert "q=" in page.url  # pushed, so a reload or a shared link shows the same rows


@pytest.mark.parametrize(
    "path, name",
    [
        ("/renewal/projects/{project}/households/?courtyard=unmeasured", "list-households-chip"),
        ("/renewal/projects/{project}/sites/?measured=no", "list-sites"),
        ("/renewal/projects/{project}/determinations/", "list-determinations"),
        ("/renewal/projects/{project}/agreements/", "list-agreements"),
        ("/registry/households/?q=DG00", "list-registry"),
    ],
)
def test_every_long_list_fits_a_phone_and_a_desktop(open_page, project, path, name):
    for width in (1280, PHONE):
        page = open_page(width, 900)
        login(page, "jy_admin", PASSWORD)
        page.goto(path.format(project=project.project.pk))
        assert page.locator("#rows").is_visible() and rows(page) <= 20 and fits(page)
        assert page.locator("form.list-filters input[type=search]").is_visible()
        shoot(page, name)


def test_the_assisted_households_list_fits_a_phone_and_a_desktop(open_page, browser_world):
    from tests.assistance.conftest import assist_many

    assist_many(browser_world, 45)
    for width in (1280, PHONE):
        page = open_page(width, 900)
        login(page, "xs_admin", PASSWORD)
        page.goto("/assistance/households/?visits=due")
        assert rows(page) == 20 and "共 45 户" in page.content() and fits(page)
        shoot(page, "list-assisted")
