"""What a township's staff do first, in a real (headless Debian) chromium."""

import re
import subprocess

import pytest
from django.core.management import call_command

from taizhang.registry.importing import household_import
from taizhang.registry.models import Household, Person
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes, household_rows, xlsx_bytes

pytestmark = pytest.mark.browser
WIDTHS = [1280, 360]


@pytest.fixture
def district(browser_world):
    rows = household_rows("XS001", "新市村", 3, 10) + household_rows("XS002", "闻韶村", 2, 20)
    assert household_import(unit=browser_world.xinshi, data=csv_bytes(rows), filename="seed.csv").applied
    assert household_import(
        unit=browser_world.jiyang, data=csv_bytes(household_rows("JY001", "城里居", 2, 30)), filename="seed.csv"
    ).applied
    return browser_world


@pytest.mark.parametrize("width", WIDTHS)
def test_login_page_and_a_wrong_password(open_page, district, width):
    page = open_page(width)
    page.goto("/")
    assert "/login/" in page.url
    shoot(page, "login")
    page.fill("#id_username", "xs_admin")
    page.fill("#id_password", "wrong-password")
    page.click("button[type=submit]")
    page.wait_for_selector("text=用户名或密码不正确")


@pytest.mark.parametrize("width", WIDTHS)
def test_login_and_the_dashboard(open_page, district, width):
    call_command("export-audit-head")
    page = open_page(width)
    login(page, "leader", PASSWORD)
    assert page.locator("[data-figure=households]").inner_text() == "3"
    assert re.fullmatch(
        r"审计链校验码：[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}（截至 .+）", page.inner_text("[data-audit-code]")
    )
    page.wait_for_function("() => document.querySelector('#chart canvas') !== null")
    shoot(page, "home")
    page.click("text=济阳街道")
    page.wait_for_selector("text=JY001")
    assert "XS001" not in page.content()


@pytest.mark.parametrize("width", WIDTHS)
def test_search_a_household_by_pinyin_initials(open_page, district, width):
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/registry/search/")
    page.fill("#search-q", "zxm")
    page.wait_for_selector("#results .list-group-item-action")
    assert "张小明" in page.inner_text("#results")
    shoot(page, "search")
    page.click("#results .list-group-item-action >> nth=0")
    page.wait_for_url("**/registry/households/*/")
    assert "一户一档" in page.content()


@pytest.mark.parametrize("width", WIDTHS)
def test_open_the_household_file_and_its_pdf(open_page, district, width, tmp_path):
    household = Household.objects.get(household_no="XS001")
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto(f"/registry/households/{household.pk}/")
    assert "张三" in page.inner_text("main") and "变更记录" in page.content()
    shoot(page, "household")
    response = page.request.get(f"/registry/households/{household.pk}/pdf/")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "household.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "一户一档" in text and "张三" in text


@pytest.mark.parametrize("width", WIDTHS)
def test_import_a_workbook_with_three_bad_rows(open_page, district, width, tmp_path):
    rows = household_rows("XS101", "新市村", 3, 100) + household_rows("XS102", "闻韶村", 2, 200)
    rows[0][4] = rows[0][4][:-1] + ("1" if rows[0][4][-1] != "1" else "2")
    rows[2][6] = "1234"
    rows[4][1] = "月亮村"
    workbook = tmp_path / "bad.xlsx"
    workbook.write_bytes(xlsx_bytes(rows))
    before = Person.objects.count()
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/imports/upload/?ledger=registry.households")
    shoot(page, "import-upload")
    page.set_input_files("#id_file", str(workbook))
    page.click("#upload-ledger")
    page.wait_for_selector("#import-errors")
    table = page.inner_text("#import-errors")
    assert "身份证号" in table and "联系电话" in table and "月亮村" in table
    assert page.locator("#import-errors tbody tr").count() == 3
    assert "没有导入任何数据" in page.content()
    shoot(page, "import-errors")
    with page.expect_download() as download:
        page.click("text=下载错误清单")
    assert download.value.suggested_filename.endswith(".xlsx")
    assert Person.objects.count() == before


@pytest.mark.parametrize("width", WIDTHS)
def test_a_good_import_is_previewed_then_applied(open_page, district, width, tmp_path):
    workbook = tmp_path / "good.xlsx"
    workbook.write_bytes(xlsx_bytes(household_rows("XS201", "新市村", 2, 300)))
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/imports/upload/?ledger=registry.households")
    page.set_input_files("#id_file", str(workbook))
    page.click("#upload-ledger")
    page.wait_for_selector("#confirm-import")
    shoot(page, "import-preview")
    assert not Household.objects.filter(household_no="XS201").exists()
    page.click("#confirm-import")
    page.wait_for_url("**/imports/batches/*/")
    assert Household.objects.filter(household_no="XS201").exists()
    shoot(page, "households")


def test_a_xinshi_worker_gets_404_on_a_jiyang_household(open_page, district):
    household = Household.objects.get(household_no="JY001")
    page = open_page()
    login(page, "xs_worker", PASSWORD)
    response = page.goto(f"/registry/households/{household.pk}/")
    assert response.status == 404


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_and_audit_pages(open_page, district, width):
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/org/staff/")
    assert "张帮扶" in page.content()
    shoot(page, "staff")
    page.goto("/org/")
    shoot(page, "org")
    page.goto("/audit/")
    assert "导入新建" in page.content()
    shoot(page, "audit")
