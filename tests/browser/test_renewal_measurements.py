"""测量 on a phone (360 px): the group leader 陈组长 records a courtyard's measurement with a photo and sees it on the
site page; the ledger, the form and the site page at 1280 and 360 px."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from taizhang.renewal import measurements
from taizhang.renewal.models import Measurement, Site
from taizhang.renewal.sites import site_create
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
PHONE = 360


@pytest.fixture
def project(browser_world):
    from taizhang.registry.importing import household_import
    from tests.conftest import csv_bytes, household_rows
    from tests.renewal.conftest import make_renewal

    assert household_import(
        unit=browser_world.jiyang, data=csv_bytes(household_rows("JY001", "城里居", 2, 30)), filename="seed.csv"
    ).applied
    renewal = make_renewal(browser_world)
    admin = browser_world.jy_admin
    courtyard = site_create(
        actor=admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number="CL-001",
        community=browser_world.chengli,
        owners=[renewal.entry("JY001")],
        land_type="国有",
        address="城里居北街12号",
    )
    shared = site_create(
        actor=admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number="DG-001",
        community=renewal.dongguan,
        owners=[renewal.entry("JY101"), renewal.entry("JY102")],
    )
    measurements.measurement_record(
        actor=admin,
        site=shared,
        measured_on=date(2020, 5, 18),
        measurers=[renewal.jy_group_leader, browser_world.jy_worker],
        buildings=[{"structure": "砖木", "floor_area": Decimal("0")}],
        site_area=Decimal("90"),
    )
    site_create(
        actor=admin,
        project=renewal.project,
        kind=Site.Kind.FACTORY,
        number="F-01",
        community=renewal.dongguan,
        enterprise="东关印刷厂",
    )
    renewal.first_group.members.add(browser_world.jy_worker)
    renewal.courtyard = courtyard
    return renewal


def _jpeg() -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(stream, "JPEG")
    return stream.getvalue()


def test_a_group_leader_records_a_measurement_with_a_photo_on_the_phone(open_page, project):
    page = open_page(PHONE, 780)
    login(page, "jy_group", PASSWORD)
    page.goto(f"/renewal/projects/{project.project.pk}/sites/")
    assert "第一工作组" in page.locator("h1").inner_text()
    assert "CL-001" in page.content() and "DG-001" not in page.content()  # his group's sites (城里居)
    shoot(page, "renewal-measurement-ledger")
    page.click("text=CL-001")
    page.click("a.btn-brand:has-text('测量')")
    page.wait_for_url("**/measure/")
    page.fill("input[name=measured_on]", timezone.localdate().isoformat())
    # the measurer himself is chosen already, and only his group's staff are offered
    assert page.locator("select[name=measurer_1] option:checked").inner_text() == "陈组长"
    offered = page.locator("select[name=measurer_2] option").all_inner_texts()
    assert sorted(o for o in offered if not o.startswith("-")) == sorted(["吴工作", "陈组长"])
    page.select_option("select[name=measurer_2]", label="吴工作")
    page.fill("input[name=site_area]", "150")
    page.fill("input[name=b-0-label]", "主房")
    page.select_option("select[name=b-0-structure]", "砖混")
    page.fill("input[name=b-0-floors]", "2")
    page.fill("input[name=b-0-floor_area]", "160.25")
    page.click("text=添加房屋")
    page.fill("input[name=b-1-label]", "偏房")
    page.select_option("select[name=b-1-structure]", "简易")
    page.fill("input[name=b-1-floor_area]", "12.5")
    page.click("text=添加附属物")
    page.fill("input[name=a-0-kind]", "围墙")
    page.fill("input[name=a-0-quantity]", "18")
    page.fill("input[name=a-0-measure_unit]", "米")
    page.set_input_files(
        "input[name=owner_confirmation]", files=[{"name": "签字.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}]
    )
    page.set_input_files(
        "input[name=photos]",
        files=[
            {"name": "现场1.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()},
            {"name": "现场2.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()},
        ],
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    shoot(page, "renewal-measurement-form")
    page.click("button:has-text('保存测量')")
    page.wait_for_url(f"**/sites/{project.courtyard.pk}/")
    assert page.locator("text=测量已登记").is_visible()
    assert page.locator("text=172.75 m²").first.is_visible()
    # Fetched on its own: the test server's one in-memory SQLite connection races when a page loads several
    # images at once (a production server has a connection per worker).
    photo = page.request.get(page.locator("img[alt=现场照片1]").get_attribute("src"))
    assert photo.ok and photo.headers["content-type"].startswith("image/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    shoot(page, "renewal-measurement-site")
    m = Measurement.objects.get(site=project.courtyard)
    assert m.photos.count() == 2 and m.owner_confirmation and m.floor_area == Decimal("172.75")


def test_the_ledger_the_form_and_the_site_page_on_a_desktop(open_page, project):
    page = open_page(1280, 900)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/projects/{project.project.pk}/sites/")
    assert "DG-001" in page.content() and "待复测" in page.content()
    shoot(page, "renewal-measurement-ledger")
    page.goto(f"/renewal/sites/{project.courtyard.pk}/measure/")
    shoot(page, "renewal-measurement-form")
    shared = Site.objects.get(number="DG-001")
    page.goto(f"/renewal/sites/{shared.pk}/")
    assert page.locator("text=待复测").first.is_visible()
    shoot(page, "renewal-measurement-site")
