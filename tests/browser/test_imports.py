"""A unit admin brings the town's visits ledger in from the web: one bad row stops it at the preview, the fixed file
goes in as a numbered batch, and the batch is undone with a reason — on a phone and on a desktop."""

import pytest

from taizhang.assistance.importing import ASSISTED_COLUMNS, VISIT_COLUMNS, assisted_import
from taizhang.assistance.models import Visit
from taizhang.core.models import RecordStatus
from taizhang.imports.models import ImportBatch
from taizhang.registry.importing import household_import
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes, household_rows

pytestmark = pytest.mark.browser
WIDTHS = [1280, 360]
GOOD = ["XS001", "xs_worker", "2020-09-03", "09:00", "09:40", "了解近况"]


@pytest.fixture
def assisted(browser_world):
    world = browser_world
    rows = household_rows("XS001", "新市村", 3, 10)
    assert household_import(unit=world.xinshi, data=csv_bytes(rows), filename="seed.csv").applied
    rows = [["XS001", "建档立卡户", "2020-01-01", "xs_worker"]]
    assert assisted_import(
        actor=None, unit=world.xinshi, data=csv_bytes(rows, ASSISTED_COLUMNS), filename="a.csv"
    ).applied
    return world


def titled_ledger(rows) -> bytes:
    """How a town keeps it: a title line above the header and a footer below the rows."""
    body = csv_bytes(rows, VISIT_COLUMNS).decode()
    return f"新市镇帮扶走访台账（2020年9月）\n{body}填表人：王主任,,,,,\n".encode()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_visits_ledger_with_a_bad_row_is_fixed_confirmed_and_undone(open_page, assisted, width, tmp_path):
    bad = tmp_path / "走访台账.csv"
    bad.write_bytes(titled_ledger([GOOD, ["XS001", "nobody", "2020-09-10", "09:00", "09:40", "看望"]]))
    fixed = tmp_path / "走访台账（改）.csv"
    fixed.write_bytes(titled_ledger([GOOD, ["XS001", "xs_worker", "2020-09-10", "09:00", "09:40", "看望"]]))
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/imports/")
    shoot(page, "imports-index")
    page.goto("/imports/upload/?ledger=assistance.visits")
    shoot(page, "imports-upload")
    page.set_input_files("#id_file", str(bad))
    page.click("#upload-ledger")
    page.wait_for_selector("#import-errors")
    assert "本单位没有用户名为 nobody 的人员" in page.inner_text("#import-errors")
    assert "表头在第 2 行" in page.inner_text("#reading")
    shoot(page, "imports-preview-errors")
    assert not Visit.objects.exists()

    page.click("a:text-is('重新上传')")
    page.set_input_files("#id_file", str(fixed))
    page.click("#upload-ledger")
    page.wait_for_selector("#confirm-import")
    shoot(page, "imports-preview-ok")
    page.click("#confirm-import")
    page.wait_for_selector("#batch-summary")
    batch = ImportBatch.objects.get()
    assert Visit.objects.filter(import_batch=batch, status=RecordStatus.ACTIVE).count() == 2
    shoot(page, "imports-batch")

    page.click("#undo-batch")
    page.fill("#id_reason", "走访人填错，重新导入")
    shoot(page, "imports-undo")
    page.click("main button[type=submit]")
    page.wait_for_selector("#batch-voided")
    assert "走访人填错，重新导入" in page.inner_text("#batch-voided")
    assert not Visit.objects.filter(status=RecordStatus.ACTIVE).exists()
