"""优绩优酬 and 刚性淘汰 in headless chromium: the committee prepares and confirms the pay sheet and downloads it
(the Excel adds up to the pool), decides an elimination recommendation through its confirm page, and the person
appeals; screenshots at 1280 and 360 px."""

from decimal import Decimal

import openpyxl
import pytest

from taizhang.people.models import PaySheet, Recommendation
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.people.conftest import assess_zone, make_zone

pytestmark = pytest.mark.browser


@pytest.fixture
def assessed(browser_world):
    zone = make_zone(browser_world)
    assess_zone(zone)
    return zone


@pytest.mark.parametrize("width", [1280, 360])
def test_the_pay_sheet_is_confirmed_and_downloads_adding_up_to_the_pool(open_page, assessed, width, tmp_path):
    page = open_page(width, 900)
    login(page, "weiyuan", PASSWORD)
    page.goto(f"/people/pay/cycle/{assessed.cycle.pk}/")
    page.click("text=编制发放表草稿")
    page.wait_for_selector("#sheet-total")
    page.click("summary:has-text('调整总额和系数')")
    page.fill("#id_pool", "30000.05")
    page.click("text=重新计算")
    page.wait_for_selector("text=已重新计算发放表")
    assert page.inner_text("#sheet-total").strip() == "30000.05"
    shoot(page, "people-pay-sheet")
    page.click("text=确认发放表")
    page.wait_for_selector("text=确认后发放表即作为本周期绩效薪酬的发放依据")
    shoot(page, "people-pay-confirm")
    page.click("button:has-text('确认发放表')")
    page.wait_for_selector("text=已确认")
    assert PaySheet.objects.get(cycle=assessed.cycle).status == PaySheet.Status.CONFIRMED
    with page.expect_download() as download:
        page.click("text=下载 Excel")
    target = tmp_path / "sheet.xlsx"
    download.value.save_as(target)
    rows = list(openpyxl.load_workbook(target)["2020Q3"].iter_rows(values_only=True))
    people = [r for r in rows if r[0] and str(r[0]).startswith("kong")]
    assert len(people) == 5 and sum(Decimal(str(r[-1])) for r in people) == Decimal("30000.05")
    assert rows[-1][0] == "合计" and Decimal(str(rows[-1][-1])) == Decimal("30000.05")
    page.goto("/people/pay/figure/")
    page.wait_for_selector("#pay-share-chart canvas")
    shoot(page, "people-pay-figure")


@pytest.mark.parametrize("width", [1280, 360])
def test_the_committee_decides_a_recommendation_and_the_person_appeals(open_page, assessed, width):
    page = open_page(width, 900)
    login(page, "weiyuan", PASSWORD)
    page.goto(f"/people/elimination/cycle/{assessed.cycle.pk}/")
    page.wait_for_selector("text=连续 3 个周期基本合格")
    shoot(page, "people-elimination-list")
    rec = Recommendation.objects.get(user__username="kong4")
    page.goto(f"/people/elimination/{rec.pk}/decide/")
    page.check("text=采纳：聘期满不续聘")
    page.fill("#id_reason", "连续三个季度基本合格，经委员会研究聘期满不再续聘")
    page.click("text=下一步")
    page.wait_for_selector("button:has-text('确认决定')")
    shoot(page, "people-elimination-confirm")
    page.click("button:has-text('确认决定')")
    page.wait_for_selector("text=已记录决定")
    shoot(page, "people-elimination-decided")
    rec.refresh_from_db()
    assert rec.decision == Recommendation.Decision.NO_RENEWAL

    person = open_page(width, 900)
    login(person, "kong4", PASSWORD)
    person.goto(f"/people/elimination/{rec.pk}/")
    person.fill("#id_text", "第二季度承担招商专班任务，指标未计入")
    person.click("text=提交申诉")
    person.wait_for_selector("text=申诉已提交")
    shoot(person, "people-elimination-appealed")
    rec.refresh_from_db()
    assert rec.appeal == Recommendation.Appeal.PENDING
