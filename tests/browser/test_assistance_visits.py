"""The helper's field pages on a 360 px phone: the visit (its draft kept on the phone, the short-visit warning, cancel,
the confirmation), the visit's page, a problem registered from a checklist item, the household cards."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from taizhang.assistance.models import Problem
from taizhang.assistance.visits import visit_record
from taizhang.registry.models import Household
from tests.assistance.test_views import jpeg
from tests.browser import test_assistance
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
PHONE = test_assistance.PHONE
town = test_assistance.town  # XS001 (张帮扶's) and XS002 (孙帮扶's) assisted since 2025


def short_visit_with_a_problem(town):
    """A 20-minute visit (不计入, with its long reason) whose 看看房屋 was marked 有问题, with photos and positions."""
    now = timezone.now()
    photos = [SimpleUploadedFile(f"{n}.jpg", jpeg().read(), "image/jpeg") for n in "abc"]
    visit, _ = visit_record(
        actor=town.xs_worker,
        assisted=Household.objects.get(household_no="XS001").assistance,
        visitors=[town.xs_worker],
        started_at=now - timedelta(hours=3),
        ended_at=now - timedelta(hours=2, minutes=40),
        values={"housing": "problem", "housing_note": "西屋墙体裂缝，雨天漏水", "notes": "了解务工就业情况" * 6},
        start_position=("36.978123", "117.176543"),
        end_position=("36.978223", "117.176643"),
        photos=photos,
    )
    return visit


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, PHONE])
def test_the_visits_page_fits_the_phone_and_void_can_be_tapped(open_page, town, width):
    visit = short_visit_with_a_problem(town)
    page = open_page(width, 780)
    login(page, "xs_worker", PASSWORD)
    page.goto(f"/assistance/visits/{visit.pk}/")
    page.wait_for_load_state("networkidle")  # the menu's badges are in
    assert fits(page, width)
    void = page.locator("#visit-actions a:has-text('作废')")
    assert void.is_visible()
    box = void.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    shoot(page, "assistance-visit-detail")
    void.click()  # a real tap: Playwright refuses when another element covers the button
    page.wait_for_url(f"**/visits/{visit.pk}/void/")


def test_a_checklist_problem_is_registered_with_the_visits_facts(open_page, town):
    visit = short_visit_with_a_problem(town)
    page = open_page(PHONE, 780)
    login(page, "xs_worker", PASSWORD)
    page.goto(f"/assistance/visits/{visit.pk}/")
    assert page.locator(".checklist-item .register-problem").count() == 1  # only 看看房屋 was marked 有问题
    page.click(".checklist-item[data-item=housing] >> text=登记问题")
    page.wait_for_url("**/problems/new/**")
    assert page.input_value("select[name=category]") == "住房安全"
    assert page.input_value("textarea[name=description]") == "看看房屋（住房安全）：西屋墙体裂缝，雨天漏水"
    assert page.input_value("input[name=found_on]") == visit.visit_date.isoformat()
    assert fits(page, PHONE)
    shoot(page, "assistance-problem-from-checklist")
    page.click("button[type=submit]")
    page.wait_for_url("**/assistance/problems/*/")
    problem = Problem.objects.get()
    assert (problem.category, problem.visit, problem.found_on) == ("住房安全", visit, visit.visit_date)
