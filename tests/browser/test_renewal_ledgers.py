"""The street office's measurement ledger comes in from the web: from the 测量台账 page to the import pages with the
project chosen, the row with a wrong structure fixed on the preview, confirmed as a numbered batch, and the batch
undone with a reason — on a phone and on a desktop."""

import pytest

from taizhang.core.models import RecordStatus
from taizhang.imports.models import ImportBatch
from taizhang.renewal.models import Measurement, Site
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
WIDTHS = [1280, 360]


@pytest.fixture
def project(browser_world):
    from taizhang.registry.importing import household_import
    from tests.conftest import csv_bytes, household_rows
    from tests.renewal.conftest import make_renewal

    assert household_import(
        unit=browser_world.jiyang, data=csv_bytes(household_rows("JY001", "城里居", 2, 30)), filename="seed.csv"
    ).applied
    return make_renewal(browser_world).project


@pytest.mark.parametrize("width", WIDTHS)
def test_a_measurement_ledger_is_fixed_on_the_preview_confirmed_and_undone(open_page, project, width, tmp_path):
    from tests.renewal.ledger_files import titled_workbook
    from tests.renewal.test_measurements_import import HEADER, ROWS

    rows = [list(row) for row in ROWS]
    rows[1][4] = "土坯"  # 建筑结构 the system does not know
    ledger = tmp_path / "老城区棚改测量台账.xlsx"
    ledger.write_bytes(titled_workbook("济阳街道老城区棚改测量台账（2020年5月）", HEADER, rows))
    page = open_page(width)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/projects/{project.pk}/households/")
    assert f"target={project.pk}" in page.get_attribute("#import-households", "href")
    shoot(page, "renewal-ledgers-households")
    page.goto(f"/renewal/projects/{project.pk}/sites/")
    page.click("#import-measurements")
    page.wait_for_selector("#upload-ledger")
    assert f"target={project.pk}" in page.url and "老城区棚改" in page.inner_text("#import-target")
    shoot(page, "renewal-ledgers-upload")
    page.set_input_files("#id_file", str(ledger))
    page.click("#upload-ledger")
    page.wait_for_selector("#import-errors")
    assert "老城区棚改" in page.inner_text("main") and "表头在第 2 行" in page.inner_text("#reading")
    assert "土坯" in page.inner_text("#import-errors")
    shoot(page, "renewal-ledgers-preview-errors")
    assert not Site.objects.exists()

    page.fill("input[name='fix|4|建筑结构']", "简易")
    page.click("#recheck")
    page.wait_for_selector("#confirm-import")
    assert page.inner_text("[data-count='新增（次测量）']") == "3"
    shoot(page, "renewal-ledgers-preview-ok")
    page.click("#confirm-import")
    page.wait_for_selector("#batch-summary")
    batch = ImportBatch.objects.get(ledger="renewal.measurements")
    assert Measurement.objects.filter(import_batch=batch, status=RecordStatus.ACTIVE).count() == 3
    shoot(page, "renewal-ledgers-batch")

    page.click("#undo-batch")
    page.fill("#id_reason", "测量日期整列错位，改好后重新导入")
    page.click("main button[type=submit]")
    page.wait_for_selector("#batch-voided")
    assert "测量日期整列错位" in page.inner_text("#batch-voided")
    assert not Measurement.objects.filter(status=RecordStatus.ACTIVE).exists()
    shoot(page, "renewal-ledgers-undone")
    page.goto(f"/renewal/projects/{project.pk}/sites/")
    assert "CL-001" not in page.inner_text("#rows")
