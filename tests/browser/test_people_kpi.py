"""聘任考核 in a real browser, on a phone and a desktop: the committee calibrates a grade with a reason and locks the
cycle; a staff member sees their result and appeals; an enterprise rates a staff member through its link."""

from datetime import date

import pytest

from taizhang.people import assessment
from taizhang.people.models import Appeal, Cycle, Result, Review
from taizhang.people.reviews import invitation_create
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD
from tests.people.conftest import make_zone
from tests.people.kpi_helpers import finals_plans, superior_reviews

pytestmark = pytest.mark.browser
WIDTHS = [1280, 360]


@pytest.fixture
def assessed(browser_world):
    zone = make_zone(browser_world)
    finals_plans(zone)
    superior_reviews(zone)
    assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    return zone


@pytest.mark.parametrize("width", WIDTHS)
def test_the_committee_calibrates_a_grade_with_a_reason_and_locks_the_cycle(open_page, assessed, width):
    page = open_page(width)
    login(page, "weiyuan", PASSWORD)
    page.goto(f"/people/cycles/{assessed.cycle.pk}/results/")
    shoot(page, "people-results")
    page.locator("tr[data-user=kong2] a", has_text="调整等次").click()
    page.select_option("#id_grade", "excellent")
    page.click("button[type=submit]")
    page.wait_for_selector("text=这个字段是必填项")  # no reason, no change
    page.select_option("#id_grade", "excellent")
    page.fill("#id_reason", "牵头引进重大项目")
    shoot(page, "people-calibrate")
    page.click("button[type=submit]")
    page.wait_for_url(f"**/people/cycles/{assessed.cycle.pk}/results/")
    assert "评定为合格，已调整" in page.locator("tr[data-user=kong2] .grade").inner_text()
    page.get_by_role("link", name="锁定").first.click()
    shoot(page, "people-lock")
    page.get_by_role("button", name="确认锁定").click()
    page.wait_for_url(f"**/people/cycles/{assessed.cycle.pk}/results/")
    assert page.locator("#cycle-status").inner_text() == "已锁定"
    assert Cycle.objects.get(pk=assessed.cycle.pk).status == Cycle.Status.LOCKED
    assert Result.objects.get(user=assessed.staff[1]).grade == "excellent"
    assert page.locator("a", has_text="调整等次").count() == 0


@pytest.mark.parametrize("width", WIDTHS)
def test_a_staff_member_sees_their_result_and_appeals(open_page, assessed, width):
    assessment.cycle_lock(actor=assessed.committee, cycle=assessed.cycle)
    page = open_page(width)
    login(page, "kong4", PASSWORD)
    page.goto("/people/")
    page.get_by_role("link", name="我的考核 2020Q3").click()
    assert page.locator("#my-grade").inner_text() == "合格"
    assert "工作任务完成率" in page.locator("#indicator-lines").inner_text()
    page.fill("#id_reason", "9月招商项目的实际值漏报了两项")
    shoot(page, "people-mine")
    page.get_by_role("button", name="提交申诉").click()
    page.wait_for_selector("text=您的申诉正在处理中")
    shoot(page, "people-mine-appealed")
    assert Appeal.objects.get().reason == "9月招商项目的实际值漏报了两项"


@pytest.mark.parametrize("width", WIDTHS)
def test_an_enterprise_rates_a_staff_member_through_its_link(open_page, browser_world, clock, width):
    clock.set(date(2020, 9, 20))
    zone = make_zone(browser_world)
    invitation = invitation_create(
        actor=zone.committee, cycle=zone.cycle, subject=zone.staff[2], enterprise="济北精工机械有限公司"
    )
    page = open_page(width)
    page.goto(f"/public/people/rate/{invitation.token}/")
    assert "孔三" in page.content() and "经济运行岗" in page.content()
    page.fill("#id_score", "101")
    page.get_by_role("button", name="提交评价").click()
    assert "100" in page.locator(".invalid-feedback").first.inner_text()
    page.fill("#id_score", "95")
    page.fill("#id_comment", "上门服务，解决了用电难题")
    shoot(page, "people-rate")
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_selector("#thanks")
    shoot(page, "people-rate-thanks")
    review = Review.objects.get()
    assert (review.rater_type, review.rater_name, review.score) == ("client", "济北精工机械有限公司", 95)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_committee_enters_a_plan_that_must_total_100(open_page, browser_world, width):
    zone = make_zone(browser_world)
    page = open_page(width)
    login(page, "weiyuan", PASSWORD)
    page.goto(f"/people/cycles/{zone.cycle.pk}/")
    shoot(page, "people-cycle")
    page.locator("tr[data-user=kong1] a", has_text="指标").click()
    page.fill("[name=name-1]", "公文办理及时率")
    page.fill("[name=weight-1]", "90")
    page.fill("[name=target-1]", "100")
    page.fill("[name=actual-1]", "96")
    page.get_by_role("button", name="保存").click()
    assert "各指标权重合计应为 100，现为 90" in page.locator("#plan-problems").inner_text()
    page.fill("[name=weight-1]", "100")
    shoot(page, "people-plan")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"**/people/cycles/{zone.cycle.pk}/")
    assert page.locator("tr[data-user=kong1] .text-success").inner_text() == "100"
