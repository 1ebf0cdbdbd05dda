"""The helper's field pages on a 360 px phone: the visit (its draft kept on the phone, the short-visit warning, cancel,
the confirmation), the visit's page, a problem registered from a checklist item, the household cards."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from taizhang.assistance.models import Problem, Visit, VisitRuleVersion
from taizhang.assistance.visits import visit_record
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household
from tests.assistance.conftest import assist
from tests.assistance.test_views import jpeg
from tests.browser import test_assistance
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD, csv_bytes, make_id

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


def open_visit(open_page, minutes_ago=60, width=PHONE):
    """The visit page of XS001 opened from 张帮扶's cards and started, on a device whose clock began `minutes_ago`
    minutes back (so that a visit's minutes pass at once)."""
    page = open_page(width, 780)
    page.clock.install(time=timezone.now() - timedelta(minutes=minutes_ago))
    login(page, "xs_worker", PASSWORD)
    page.goto("/assistance/")
    page.click(".household-card[data-household=XS001] >> text=入户走访")
    page.wait_for_url("**/visit/")
    page.click("#start-visit")
    page.wait_for_selector("#phase-running:not(.d-none)")
    return page


def check(page, item: str, answer: str):
    page.locator(f"fieldset#checklist .mb-3:has-text('{item}') label:has-text('{answer}')").click()


def asked(page) -> str:
    """The question the page's dialog asks, once it has faded in."""
    page.wait_for_function("() => getComputedStyle(document.getElementById('visit-confirm')).opacity === '1'")
    return page.inner_text("#visit-confirm .modal-body")


def draft_kept(page) -> bool:
    return page.evaluate("localStorage.getItem(document.getElementById('visit-form').dataset.draft) !== null")


def test_a_visit_draft_survives_a_reload(open_page, town, tmp_path):
    page = open_visit(open_page)
    check(page, "拧拧水管", "正常")
    check(page, "看看房屋", "有问题")
    page.fill("input[name=housing_note]", "西屋墙体裂缝")
    page.fill("textarea[name=notes]", "了解务工就业情况")
    photo = tmp_path / "西屋.jpg"
    photo.write_bytes(jpeg().read())
    page.set_input_files("input[name=photos]", str(photo))
    page.wait_for_selector("#photo-names:has-text('西屋.jpg')")
    page.clock.fast_forward("20:00")
    page.reload()  # a reload, a closed tab, a phone that ran out of battery

    page.wait_for_selector("#draft-note:not(.d-none):has-text('已恢复未提交的草稿')")
    assert page.is_visible("#phase-running") and int(page.inner_text("#elapsed")) >= 20
    assert page.is_checked("input[name=water][value=ok]") and page.is_checked("input[name=housing][value=problem]")
    assert page.input_value("input[name=housing_note]") == "西屋墙体裂缝"
    assert page.input_value("textarea[name=notes]") == "了解务工就业情况"
    page.wait_for_function("() => document.querySelector('input[name=photos]').files.length === 1")
    assert "西屋.jpg" in page.inner_text("#photo-names")
    shoot(page, "assistance-visit-draft")

    page.clock.fast_forward("15:00")
    page.click("#end-visit")
    page.wait_for_url("**/assistance/visits/**")
    visit = Visit.objects.get()
    assert (visit.water, visit.housing, visit.housing_note, visit.notes) == (
        "ok",
        "problem",
        "西屋墙体裂缝",
        "了解务工就业情况",
    )
    assert visit.photos.count() == 1 and visit.minutes >= 35
    assert "照片 1 张" in page.inner_text("#visit-confirmation")
    page.goto(f"/assistance/households/{visit.assisted_id}/visit/")  # the next visit starts clean
    assert not draft_kept(page) and page.is_hidden("#draft-note") and page.is_visible("#start-visit")


def test_a_visit_shorter_than_the_rule_asks_before_it_is_submitted(open_page, town):
    VisitRuleVersion.objects.create(unit=town.xinshi, effective_from=date(2025, 1, 1), min_minutes=45)
    page = open_visit(open_page)
    assert "每次不少于 45 分钟" in page.inner_text("#phase-start")
    check(page, "拧拧水管", "正常")
    page.clock.fast_forward("35:00")
    page.click("#end-visit")
    assert "这次走访 35 分钟，不足 45 分钟，不计入本月，仍要提交？" in asked(page)
    shoot(page, "assistance-visit-short")
    page.click("#visit-confirm button:has-text('继续走访')")
    page.wait_for_selector("#visit-confirm", state="hidden")
    assert not Visit.objects.exists() and page.is_enabled("#end-visit")

    page.click("#end-visit")
    page.wait_for_selector("#visit-confirm.show")
    page.click("#visit-confirm button:has-text('仍要提交')")
    page.wait_for_url("**/assistance/visits/**")
    confirmation = page.inner_text("#visit-confirmation")
    assert "走访已提交" in confirmation and "不计入本月：走访时长 35 分钟，不足 45 分钟" in confirmation
    assert "本月该户有效走访 0/2 次" in confirmation
    shoot(page, "assistance-visit-submitted-short")
    assert Visit.objects.get().minutes == 35


def test_a_long_enough_visit_is_submitted_without_a_question(open_page, town):
    page = open_visit(open_page)
    page.clock.fast_forward("31:00")
    page.click("#end-visit")
    page.wait_for_url("**/assistance/visits/**")
    assert "计入本月走访" in page.inner_text("#visit-confirmation") and Visit.objects.count() == 1


@pytest.mark.parametrize("width", [1280, PHONE])
def test_a_started_visit_can_be_cancelled_and_nothing_is_kept(open_page, town, width):
    page = open_visit(open_page, width=width)
    assert fits(page, width)
    check(page, "拧拧水管", "有问题")
    page.fill("textarea[name=notes]", "走错了户")
    page.click("#cancel-visit")
    assert "不会登记" in asked(page)
    shoot(page, "assistance-visit-cancel")
    page.click("#visit-confirm button:has-text('继续走访')")  # changed their mind: the visit goes on
    page.wait_for_selector("#visit-confirm", state="hidden")
    assert page.is_visible("#phase-running") and draft_kept(page)

    page.click("#cancel-visit")
    page.wait_for_selector("#visit-confirm.show")
    page.click("#visit-confirm button:has-text('取消走访')")
    page.wait_for_selector("#outbox:has-text('已取消这次走访')")
    assert page.is_visible("#start-visit") and page.is_hidden("#cancel-visit") and page.is_disabled("#end-visit")
    assert page.input_value("textarea[name=notes]") == "" and page.is_checked("input[name=water][value=skipped]")
    assert not draft_kept(page)
    page.reload()
    assert page.is_visible("#start-visit") and page.is_hidden("#draft-note")
    assert not Visit.objects.exists()


@pytest.mark.parametrize("width", [1280, PHONE])
def test_the_helpers_cards_call_and_search(open_page, town, width):
    rows = [["XS003", "新市村", "新市村和平路8号", "王建国", make_id(50), "户主", "13900001111"]]
    assert household_import(unit=town.xinshi, data=csv_bytes(rows), filename="more.csv").applied
    assist(town.xs_admin, "XS003", town.xs_worker)
    test_assistance.an_hour_long_visit(town)
    page = open_page(width, 780)
    login(page, "xs_worker", PASSWORD)
    page.goto("/assistance/")
    assert page.locator(".household-card").evaluate_all("cards => cards.map(c => c.dataset.household)") == [
        "XS003",  # 2 visits still due
        "XS001",  # 1
    ]
    phone = page.locator(".household-card[data-household=XS003] a.household-phone")
    assert phone.get_attribute("href") == "tel:13900001111" and phone.is_visible()
    assert "新市村和平路8号" in page.inner_text(".household-card[data-household=XS003] .household-address")
    page.wait_for_load_state("networkidle")
    assert fits(page, width)
    shoot(page, "assistance-mine-cards")
    page.fill("#card-search input[name=q]", "wjg")  # 王建国's initials
    page.click("#card-search button")
    page.wait_for_url("**/assistance/?q=wjg")
    assert page.locator(".household-card").count() == 1 and "1 / 2 户" in page.content()
    shoot(page, "assistance-mine-search")
