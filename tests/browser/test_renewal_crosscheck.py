"""数据比对 and 控违拆违 in headless Debian chromium: the unit admin uploads the police extract and sees the categories
with their counts; a run's tasks; the violation list and the phone report form (1280 and 360 px)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import Image

from taizhang.registry.importing import household_import
from taizhang.renewal.crosscheck import POLICE_COLUMNS
from taizhang.renewal.models import CrosscheckRun, Violation
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes, household_rows
from tests.renewal.conftest import FREEZE, make_renewal
from tests.renewal.test_crosschecks_services import police_world

pytestmark = pytest.mark.browser
PHONE = 360


@pytest.fixture
def jiyang(browser_world):
    rows = household_rows("JY001", "城里居", 2, 30)
    assert household_import(unit=browser_world.jiyang, data=csv_bytes(rows), filename="seed.csv").applied
    return make_renewal(browser_world)


def test_the_unit_admin_uploads_a_police_extract_and_sees_the_categories(open_page, jiyang, tmp_path):
    extract = tmp_path / "派出所户籍数据.csv"
    extract.write_bytes(csv_bytes(police_world(jiyang), POLICE_COLUMNS, encoding="gbk"))
    page = open_page(1280, 900)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/projects/{jiyang.project.pk}/crosscheck/")
    page.set_input_files("input[name=file]", str(extract))
    page.click("#run-crosscheck")
    page.wait_for_selector("#crosscheck-preview")
    assert page.locator("#coverage-warning").count() == 0
    page.click("#preview-variants summary")
    assert "公安：張 三，台账：张三（張/张 为繁简字）" in page.locator("#preview-variants").inner_text()
    shoot(page, "renewal-crosscheck-preview")
    page.set_viewport_size({"width": 360, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    shoot(page, "renewal-crosscheck-preview")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("#confirm-crosscheck")
    page.wait_for_selector("#crosscheck-figures")
    figures = {
        c: page.locator(f"#crosscheck-figures [data-category='{c}']").inner_text()
        for c in ("一致", "公安无此人", "台账未登记", "姓名不符", "冻结后迁入", "死亡或注销", "重复登记")
    }
    assert figures == {
        "一致": "3",
        "公安无此人": "1",
        "台账未登记": "1",
        "姓名不符": "1",
        "冻结后迁入": "1",
        "死亡或注销": "1",
        "重复登记": "1",
    }
    assert "已比对 9 行公安数据" in page.content()
    shoot(page, "renewal-crosscheck")
    page.click("#crosscheck-figures a:has([data-category='姓名不符'])")
    page.wait_for_url("**/crosschecks/*/?category=*")
    assert page.locator("tbody tr").count() == 1 and "张晓明" in page.locator("tbody").inner_text()
    page.goto(f"/renewal/crosschecks/{CrosscheckRun.objects.get().pk}/")
    shoot(page, "renewal-crosscheck-run")


def test_a_file_covering_one_household_is_stopped_at_the_preview_on_a_phone(open_page, jiyang, tmp_path):
    extract = tmp_path / "派出所户籍数据.csv"
    extract.write_bytes(csv_bytes([r for r in police_world(jiyang) if r[2] == "H001"], POLICE_COLUMNS))
    page = open_page(PHONE, 780)
    login(page, "jy_admin", PASSWORD)
    page.goto(f"/renewal/projects/{jiyang.project.pk}/crosscheck/")
    page.set_input_files("input[name=file]", str(extract))
    page.click("#run-crosscheck")
    page.wait_for_selector("#coverage-warning")
    assert "东关居" in page.locator("#coverage").inner_text()
    page.click("#confirm-crosscheck")  # the box unticked: the browser does not send the form
    assert not CrosscheckRun.objects.exists()
    page.locator("#coverage-warning").scroll_into_view_if_needed()
    shoot(page, "renewal-crosscheck-partial")
    assert_no_sideways_scroll(page)
    page.check("input[name=confirm_partial]")
    page.click("#confirm-crosscheck")
    page.wait_for_selector("#crosscheck-figures")
    run = CrosscheckRun.objects.get()
    page.goto(f"/renewal/crosschecks/{run.pk}/")
    page.click("#withdraw-run")
    page.fill("textarea[name=reason], input[name=reason]", "传错文件，只含一户")
    page.click("button[type=submit].btn-danger")
    page.wait_for_url(f"**/renewal/projects/{jiyang.project.pk}/crosscheck/")
    run.refresh_from_db()
    assert run.withdraw_reason == "传错文件，只含一户"
    page.goto(f"/renewal/crosschecks/{run.pk}/")
    assert "已撤回" in page.content()
    shoot(page, "renewal-crosscheck-withdrawn")


def test_the_pages_on_a_phone(open_page, jiyang):
    from taizhang.renewal.crosschecks import crosscheck_run

    crosscheck_run(
        actor=None, project=jiyang.project, data=csv_bytes(police_world(jiyang), POLICE_COLUMNS), filename="公安.csv"
    )
    run = CrosscheckRun.objects.get()
    page = open_page(PHONE, 780)
    login(page, "jy_pop", PASSWORD)
    page.goto(f"/renewal/projects/{jiyang.project.pk}/crosscheck/")
    assert "我的待处理任务" in page.content()
    shoot(page, "renewal-crosscheck")
    page.goto(f"/renewal/crosschecks/{run.pk}/")
    shoot(page, "renewal-crosscheck-run")
    page.click("tbody tr >> nth=0 >> a")
    page.wait_for_url("**/crosscheck-tasks/*/")
    shoot(page, "renewal-crosscheck-task")
    assert_no_sideways_scroll(page)


def jpeg(path):
    stream = io.BytesIO()
    Image.new("RGB", (640, 480), "gray").save(stream, "JPEG")
    path.write_bytes(stream.getvalue())
    return str(path)


def assert_no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", [1280, PHONE])
def test_a_violation_is_reported_with_a_photo_and_listed(open_page, jiyang, tmp_path, width):
    page = open_page(width, 780)
    login(page, "jy_worker", PASSWORD)  # 城里居
    page.goto(f"/renewal/projects/{jiyang.project.pk}/violations/new/")
    assert page.get_attribute("input[name=photos]", "capture") == "environment"
    page.fill("input[name=household_no]", "JY001")
    page.fill("input[name=location]", "城里居幸福街01号院内东侧")
    page.select_option("select[name=kind]", "扩建")
    page.fill("textarea[name=description]", "东厢房加盖彩钢板二层，约 20 平方米")
    page.fill("input[name=area]", "20.5")
    page.fill("input[name=found_on]", (FREEZE + timedelta(days=30)).isoformat())
    page.set_input_files("input[name=photos]", jpeg(tmp_path / "现场.jpg"))
    shoot(page, "renewal-violation-form")
    assert_no_sideways_scroll(page)
    page.click("button[type=submit]")
    page.wait_for_url("**/renewal/violations/*/")
    assert Violation.objects.get().photos.count() == 1
    shoot(page, "renewal-violation-detail")
    page.goto(f"/renewal/projects/{jiyang.project.pk}/violations/")
    assert page.locator("#violation-figures [data-progress='reported']").inner_text() == "1"
    shoot(page, "renewal-violation-list")
    assert_no_sideways_scroll(page)
