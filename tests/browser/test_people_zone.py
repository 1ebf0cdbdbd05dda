"""The zone assessment in headless chromium at 1280 and 360 px: the committee imports the year's comparison file
through the kernel's import pages (a bad figure fixed on the preview), the page ranks the zones with 新市镇
highlighted and its bar chart drawn inside the screen, the Excel export downloads."""

import io
from pathlib import Path

import openpyxl
import pytest

from taizhang.core import clock
from taizhang.org.models import OrgNode
from taizhang.people.models import ZoneFigure, ZoneIndicator
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes
from tests.people.conftest import make_district_admin
from tests.people.zone_data import HEADER, figure_rows

pytestmark = pytest.mark.browser


@pytest.fixture
def zone_world(browser_world):
    browser_world.xinshi.subtype = OrgNode.Subtype.ZONE
    browser_world.xinshi.save(update_fields=["subtype"])
    return browser_world


def no_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways"


@pytest.mark.parametrize("width", [1280, 360])
def test_the_committee_imports_the_years_figures_and_sees_the_zones_ranked(open_page, zone_world, width, tmp_path):
    year = clock.today().year - 1
    rows = figure_rows()
    rows[0][2] = "五百二十"  # 新市镇's 营业收入, row 2 of the file
    path = tmp_path / "开发区指标.csv"
    path.write_bytes(csv_bytes(rows, header=HEADER))
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/people/zone/")
    assert f"还没有 {year} 年度的开发区考核数据" in page.inner_text("#zone-empty")
    page.click("#zone-import")
    page.wait_for_selector("#upload-ledger")
    assert page.input_value("#id_target") == str(year)
    page.set_input_files("#id_file", str(path))
    page.click("#upload-ledger")
    page.wait_for_selector("#import-errors")
    assert "数值应是数字" in page.inner_text("#import-errors")
    shoot(page, "people-zone-import-errors")
    assert not ZoneFigure.objects.exists()
    page.fill("input[name='fix|2|数值']", "520")
    page.click("#recheck")
    page.wait_for_selector("#confirm-import")
    page.click("#confirm-import")
    page.wait_for_selector("#batch-summary")
    assert ZoneFigure.objects.filter(year=year).count() == 44

    page.goto("/people/zone/")
    page.wait_for_selector("#zone-chart canvas")
    assert "第 2 名" in page.inner_text("#own-rank") and page.inner_text("#own-total") == "90.00"
    assert "新市镇" in page.inner_text("#own-zone") and "本区" in page.inner_text("#own-zone")
    box = page.locator("#zone-chart").bounding_box()
    assert box["width"] <= width and box["height"] > 200
    no_overflow(page)
    shoot(page, "people-zone-assessment")

    with page.expect_download() as download:
        page.click("#zone-export")
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    totals = [(r[1], r[2]) for r in list(sheet.iter_rows(values_only=True))[2:]]
    assert totals[:2] == [("济南新材料产业园", 98), ("新市镇", 90)]


@pytest.mark.parametrize("width", [1280, 360])
def test_a_district_admin_saves_a_version_of_the_indicators(open_page, zone_world, width):
    make_district_admin(zone_world)
    page = open_page(width)
    login(page, "qu_admin", PASSWORD)
    page.goto("/people/zone/indicators/")
    assert "默认设置" in page.inner_text("main") and page.input_value("#id_form-7-direction") == "lower"
    page.fill("#id_from_year", "2021")
    page.fill("#id_form-0-weight", "20")
    page.fill("#id_form-1-weight", "6")
    page.click("#indicator-form button[type=submit]")
    assert "各项指标权重合计应为 100，现为 101" in page.inner_text("main")
    page.fill("#id_form-1-weight", "5")
    page.click("#indicator-form button[type=submit]")
    page.wait_for_selector("text=已保存 2021 年起适用的开发区考核指标")
    assert ZoneIndicator.objects.filter(from_year=2021, name="营业收入").get().weight == 20
    no_overflow(page)
    shoot(page, "people-zone-indicators")
