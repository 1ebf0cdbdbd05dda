"""Documents in chromium: a PDF link says 正在生成… until its file arrives, batch printing shows its progress, the
audit search finds a person by ID number and exports."""

import pytest

from taizhang.core import clock
from taizhang.registry import printing
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household, Person, PrintJob
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes, household_rows

pytestmark = pytest.mark.browser
WIDTHS = [1280, 360]


@pytest.fixture
def town(browser_world):
    rows = household_rows("XS001", "新市村", 3, 10) + household_rows("XS002", "闻韶村", 2, 20)
    assert household_import(unit=browser_world.xinshi, data=csv_bytes(rows), filename="seed.csv").applied
    return browser_world


@pytest.mark.parametrize("width", WIDTHS)
def test_a_pdf_link_says_it_is_generating_until_the_file_arrives(open_page, town, width):
    household = Household.objects.get(household_no="XS001")
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto(f"/registry/households/{household.pk}/")
    held = []
    page.context.route("**/pdf/?download_token=*", lambda route: held.append(route))
    link = page.locator("a[data-pdf]")
    link.click()
    page.wait_for_function("() => document.querySelector('a[data-pdf]').textContent.includes('正在生成')")
    assert link.get_attribute("aria-disabled") == "true"
    shoot(page, "pdf-link-generating")
    for _ in range(300):  # the new tab's request for the PDF, held by the route until the shot is taken
        if held:
            break
        page.wait_for_timeout(100)
    held[0].continue_()
    page.wait_for_function("() => document.querySelector('a[data-pdf]').textContent.includes('打印 PDF')")
    assert link.get_attribute("aria-disabled") is None


@pytest.mark.parametrize("width", WIDTHS)
def test_batch_printing_shows_progress_then_the_download(open_page, town, width, monkeypatch):
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    now = clock.now()
    job = PrintJob.objects.create(
        unit=town.xinshi,
        community=town.xinshi_village,
        requested_by=town.xs_admin,
        total=4,
        done=1,
        created_at=now,
        heartbeat_at=now,
    )
    page.goto(f"/registry/print-jobs/{job.pk}/")
    assert "已完成 1 / 4 户" in page.inner_text("main")
    shoot(page, "print-job-running")
    monkeypatch.setattr(printing, "launch", lambda job_id, base_url: printing.print_job_run(job_id))
    printing.print_job_run(job.pk)  # the job ends while the page polls
    page.wait_for_selector("text=下载 PDF")
    assert "已生成" in page.inner_text("main")
    with page.expect_download() as download:
        page.click("text=下载 PDF")
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto("/registry/print-jobs/")
    page.select_option("#id_community", label="新市镇 · 新市村")
    page.click("text=开始生成")
    page.wait_for_selector("text=下载 PDF")
    shoot(page, "print-job-done")
    page.goto("/registry/print-jobs/")
    shoot(page, "print-jobs")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_auditor_finds_a_person_by_id_number_and_exports_the_trail(open_page, town, width):
    wife = Person.objects.get(name="李梅", household__household_no="XS001")
    page = open_page(width)
    login(page, "auditor", PASSWORD)
    page.goto("/audit/")
    page.fill("#id_q", wife.id_number)
    page.click("button:text('查询')")
    page.wait_for_url("**/audit/?*")
    main = page.inner_text("main")
    assert "导入新建" in main and "共 1 条" in main and "XS002" not in main
    shoot(page, "audit-search-id")
    with page.expect_download() as download:
        page.click("text=导出 Excel")
    assert download.value.suggested_filename.endswith(".xlsx")
