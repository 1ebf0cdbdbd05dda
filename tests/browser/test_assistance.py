"""帮扶 on a phone (360 px) in headless Debian chromium: a visit from start to end, a dropped connection, the office's
compliance page."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from taizhang.assistance.households import assisted_mark
from taizhang.assistance.models import Category, Visit
from taizhang.assistance.visits import visit_record
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes, household_rows

pytestmark = pytest.mark.browser
PHONE = 360


@pytest.fixture
def town(browser_world):
    rows = household_rows("XS001", "新市村", 3, 10) + household_rows("XS002", "闻韶村", 2, 20)
    assert household_import(unit=browser_world.xinshi, data=csv_bytes(rows), filename="seed.csv").applied
    for no, helper in (("XS001", browser_world.xs_worker), ("XS002", browser_world.wenshao_worker)):
        assisted_mark(
            actor=browser_world.xs_admin,
            household=Household.objects.get(household_no=no),
            category=Category.REGISTERED,
            start_date=date(2025, 1, 1),
            helpers=[helper],
        )
    return browser_world


def an_hour_long_visit(town, **values) -> Visit:
    """张帮扶's visit to XS001 that ended two hours ago (today's, unless the test runs just after midnight)."""
    now = timezone.now()
    visit, _ = visit_record(
        actor=town.xs_worker,
        assisted=Household.objects.get(household_no="XS001").assistance,
        visitors=[town.xs_worker],
        started_at=now - timedelta(hours=3),
        ended_at=now - timedelta(hours=2),
        values=values,
    )
    return visit


def phone_with_clock(open_page, minutes_ago: int):
    """A phone whose clock starts `minutes_ago` minutes back, so that a whole visit can pass in a second."""
    page = open_page(PHONE, 780)
    page.clock.install(time=timezone.now() - timedelta(minutes=minutes_ago))
    return page


def start_visit(page, household_no="XS001"):
    page.click(f".household-card[data-household={household_no}] >> text=入户走访")
    page.wait_for_url("**/visit/")
    page.click("#start-visit")
    page.wait_for_selector("#phase-running:not(.d-none)")
    for label in ("拧拧水管", "看看房屋", "翻翻档案", "拉拉家常"):
        page.locator(f"fieldset#checklist .mb-3:has-text('{label}') label:has-text('正常')").click()
    page.fill("textarea[name=notes]", "了解务工就业情况，孩子在校正常")


def count_on_home(page) -> str:
    page.goto("/assistance/")
    return page.locator(".household-card[data-household=XS001] .visit-count").inner_text()


def test_a_helper_visits_a_household_on_the_phone(open_page, town):
    page = phone_with_clock(open_page, minutes_ago=45)
    login(page, "xs_worker", PASSWORD)
    assert count_on_home(page).startswith("0")
    shoot(page, "assistance-mine")
    start_visit(page)
    page.clock.fast_forward("35:00")
    page.wait_for_function("() => Number(document.getElementById('elapsed').textContent) >= 35")
    shoot(page, "assistance-visit")
    page.click("#end-visit")
    page.wait_for_url("**/assistance/visits/**")
    assert "走访已提交" in page.content() and "计入本月走访" in page.content()
    shoot(page, "assistance-visit-submitted")
    page.click("text=返回帮扶户")
    page.wait_for_url("**/assistance/households/*/")
    shoot(page, "assistance-household")
    visit = Visit.objects.get()
    assert 35 <= visit.minutes <= 36 and visit.water == "ok" and visit.source == "phone"
    assert count_on_home(page).startswith("1")


def test_a_dropped_connection_during_submit_then_a_retry_makes_one_visit(open_page, town):
    page = phone_with_clock(open_page, minutes_ago=45)
    login(page, "xs_worker", PASSWORD)
    page.goto("/assistance/")
    start_visit(page)
    page.clock.fast_forward("32:00")
    page.context.set_offline(True)
    page.click("#end-visit")
    page.wait_for_selector("#outbox:has-text('网络断开')")
    shoot(page, "assistance-offline")
    assert not Visit.objects.exists()
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")  # what the phone does when the network returns
    page.wait_for_url("**/assistance/visits/**")
    assert Visit.objects.count() == 1


def test_an_answer_lost_on_the_way_back_is_not_a_second_visit(open_page, town):
    page = phone_with_clock(open_page, minutes_ago=45)
    login(page, "xs_worker", PASSWORD)
    page.goto("/assistance/")
    start_visit(page)
    page.clock.fast_forward("32:00")

    def deliver_then_drop(route):
        route.fetch()  # the server records the visit…
        route.abort()  # …but the phone never hears back

    page.route("**/visit/", deliver_then_drop)
    page.click("#end-visit")
    page.wait_for_selector("#outbox:has-text('网络断开')")
    assert Visit.objects.count() == 1
    page.unroute("**/visit/")
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_url("**/assistance/visits/**")
    assert Visit.objects.count() == 1


@pytest.mark.parametrize("width", [1280, PHONE])
def test_the_unit_admin_sees_compliance_and_downloads_the_excel(open_page, town, width, tmp_path):
    an_hour_long_visit(town)
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/assistance/compliance/")
    assert "走访达标" in page.content() and "XS002" in page.content()
    shoot(page, "assistance-compliance")
    with page.expect_download() as download:
        page.click("text=下载 Excel")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    from openpyxl import load_workbook

    rows = [[c.value for c in row] for row in load_workbook(target).active.iter_rows()]
    assert rows[0][0].startswith("新市镇") and rows[0][0].endswith("帮扶走访达标情况")  # the title row
    assert rows[1] == ["户编号", "户主", "村居", "帮扶责任人", "有效走访次数", "是否达标"] and len(rows) == 4
    for url, name in (
        ("/assistance/households/", "assistance-households"),
        ("/assistance/rules/", "assistance-rules"),
    ):
        page.goto(url)
        shoot(page, name)


@pytest.mark.parametrize("width", [1280, PHONE])
def test_a_problem_found_on_a_visit_goes_to_the_office(open_page, town, width):
    found_on = an_hour_long_visit(town)
    page = open_page(width)
    login(page, "xs_worker", PASSWORD)
    page.goto(f"/assistance/visits/{found_on.pk}/")
    page.click("text=登记发现的问题")
    page.select_option("select[name=category]", "住房安全")
    page.fill("textarea[name=description]", "西屋墙体裂缝，雨天漏水")
    shoot(page, "assistance-problem-new")
    page.click("button[type=submit]")
    page.wait_for_url("**/assistance/problems/*/")
    assert "已上报" in page.content()
    # The office on its own computer: clearing this phone's cookies would race the page's late badge response, whose
    # refreshed session cookie (SESSION_SAVE_EVERY_REQUEST) could bring the helper back.
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/assistance/problems/")
    shoot(page, "assistance-problems")
    page.click("text=XS001")
    page.select_option("select[name=department]", label="镇建委")
    page.click("button:has-text('交办')")
    page.wait_for_selector("text=已交办")
    shoot(page, "assistance-problem")
    page.goto("/assistance/problems/figures/")
    shoot(page, "assistance-problem-figures")


@pytest.mark.parametrize("width", [1280, PHONE])
def test_the_office_plans_trainings_and_takes_attendance(open_page, town, width):
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/assistance/trainings/")
    today = timezone.localdate()
    page.fill("input[name=start]", (today - timedelta(days=14)).isoformat())
    page.fill("input[name=until]", (today + timedelta(days=28)).isoformat())
    page.fill("input[name=topics]", "入户走访、住房安全")
    page.click("text=生成安排")
    page.wait_for_selector("text=已安排 4 次调度培训")
    shoot(page, "assistance-trainings")
    page.click(".list-group-item-action >> nth=0")
    page.uncheck(f"#p{town.wenshao_worker.pk}")
    page.fill(f"input[name=note-{town.wenshao_worker.pk}]", "病假")
    page.click("text=保存出席情况")
    page.wait_for_selector("text=缺席")
    shoot(page, "assistance-training")
    page.goto("/assistance/trainings/")
    assert "缺席 1/1 次" in page.content()


@pytest.mark.parametrize("width", [1280, PHONE])
def test_the_archive_audit(open_page, town, width):
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    page.goto("/assistance/archives/")
    page.click("text=重新检查")
    page.wait_for_selector("text=检查 2 户")
    shoot(page, "assistance-archives")
    page.click("table >> text=XS001 >> nth=0")
    page.wait_for_url("**/archive/")
    page.fill("input[name=family_size]", "4")
    page.click("form:has(input[value=record]) button")
    page.wait_for_selector("text=已保存")
    page.locator("form:has(input[value=fix]) input[name=note]").first.fill("已补齐")
    page.locator("form:has(input[value=fix]) button").first.click()
    page.wait_for_selector("text=已整改")
    shoot(page, "assistance-archive")


@pytest.mark.parametrize("width", [1280, PHONE])
def test_living_environment(open_page, town, width):
    page = open_page(width)
    login(page, "xs_admin", PASSWORD)
    xs001 = Household.objects.get(household_no="XS001").assistance
    page.goto(f"/assistance/households/{xs001.pk}/environment/")
    page.select_option("select[name=item]", "床")
    page.click("form:has(input[value=need]) button")
    page.wait_for_selector("text=待采购")
    page.fill("input[name=cleaner_name]", "王党员")
    page.click("form:has(input[value=cleaning]) button")
    page.wait_for_selector("text=王党员")
    shoot(page, "assistance-household-environment")
    page.goto("/assistance/environment/")
    page.fill("input[name=supplier]", "济阳家具厂")
    page.fill("input[name='qty-床']", "1")
    page.fill("input[name='price-床']", "680")
    page.check("input[name=needs]")
    page.click("text=保存采购")
    page.wait_for_selector("text=采购已登记")
    shoot(page, "assistance-environment")
