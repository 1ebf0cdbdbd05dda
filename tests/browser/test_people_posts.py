"""竞聘上岗 in headless chromium, from publishing to contracts: the committee publishes at 1280 px, a staff member
applies and objects on a 360 px phone, the committee enters scores, publishes the appointees, answers the objection
and confirms after the window; plus the posts, contracts and staff-file pages (with pay and an elimination decision)
at both widths."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from taizhang.core import clock
from taizhang.people import elimination, pay, rounds
from taizhang.people.models import Contract, Recommendation, Round
from tests.browser.conftest import login, server_paused, shoot
from tests.conftest import PASSWORD
from tests.people.conftest import assess_zone, make_zone

pytestmark = pytest.mark.browser
TODAY = date(2022, 10, 10)


@pytest.fixture
def zone(browser_world):
    with clock.frozen(TODAY) as fixed:
        zone = make_zone(browser_world)
        zone.clock = fixed
        yield zone


def test_a_round_from_publishing_to_contracts(zone, open_page):
    rnd = rounds.round_create(
        actor=zone.committee,
        unit=zone.office.parent,
        title="2023年岗位竞聘",
        posts={zone.head_post: 1, zone.officer_post: 1},
        apply_from=TODAY,
        apply_until=TODAY + timedelta(days=5),
        term_starts_on=date(2023, 1, 1),
        term_ends_on=date(2025, 12, 31),
        shares=[Decimal(30), Decimal(35), Decimal(40)],
    )
    desk = open_page(1280)
    login(desk, "weiyuan", PASSWORD)
    desk.goto(f"/people/rounds/{rnd.pk}/")
    desk.click("text=发布竞聘")
    desk.wait_for_selector("text=部长：拟聘 1 人")
    desk.click("button:has-text('确定')")
    desk.wait_for_selector("#round-status:has-text('报名与评分')")

    phone = open_page(360, 780)
    login(phone, "kong1", PASSWORD)
    phone.goto(f"/people/rounds/{rnd.pk}/")
    phone.click("text=我要报名")
    phone.check("label:has-text('部长') input")
    phone.check("label:has-text('经济运行岗') input")
    shoot(phone, "people-round-apply")
    phone.click("button:has-text('提交报名')")
    phone.wait_for_selector("text=修改报名")
    with server_paused():  # the page's badge counts may still be on their way
        for user in zone.staff[2:]:
            rounds.applications_set(actor=user, rnd=rnd, round_posts=list(rnd.posts.all()))

    desk.goto(f"/people/rounds/{rnd.pk}/scores/")
    for n, field in enumerate(desk.locator("input[type=number]").all()):
        field.fill(str(70 + (n * 7) % 29))
    desk.click("button:has-text('保存成绩')")
    desk.wait_for_selector("text=人次的成绩")
    desk.click("text=拟聘并公示")
    shoot(desk, "people-round-propose")
    desk.click("button:has-text('确定拟聘并开始公示')")
    desk.wait_for_selector("#round-status:has-text('公示中')")

    phone.goto(f"/people/rounds/{rnd.pk}/")
    phone.click("text=提出异议")
    phone.fill("#id_text", "请公布民主测评的计分明细")
    shoot(phone, "people-round-objection")
    phone.click("button:has-text('提交')")
    phone.wait_for_selector("text=待答复")

    desk.goto(f"/people/rounds/{rnd.pk}/")
    assert "期满后才能确认聘任" in desk.content() and "确认聘任</a>" not in desk.content()
    desk.click("a:has-text('答复')")
    desk.fill("#id_answer", "明细已在公示栏张贴")
    desk.click("button:has-text('提交')")
    desk.wait_for_selector("text=明细已在公示栏张贴")
    zone.clock.advance(days=6)
    desk.goto(f"/people/rounds/{rnd.pk}/")
    desk.click("text=确认聘任")
    desk.click("button:has-text('确定')")
    desk.wait_for_selector("#round-status:has-text('已聘任')")
    shoot(desk, "people-round-confirmed")
    assert Round.objects.get().status == Round.Status.CONFIRMED
    assert Contract.objects.filter(starts_on=date(2023, 1, 1)).count() == 2
    phone.goto(f"/people/rounds/{rnd.pk}/")
    shoot(phone, "people-round-confirmed")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("width", [1280, 360])
def test_the_posts_contracts_and_staff_file_pages_fit_the_screen(zone, open_page, width):
    page = open_page(width)
    login(page, "weiyuan", PASSWORD)
    for path, name in [
        ("/people/posts/", "people-posts"),
        ("/people/contracts/", "people-contracts"),
        (f"/people/contracts/{Contract.objects.get(user=zone.staff[4]).pk}/", "people-contract"),
    ]:
        page.goto(path)
        shoot(page, name)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assess_zone(zone)
    pay.sheet_confirm(actor=zone.committee, sheet=pay.sheet_prepare(actor=zone.committee, cycle=zone.cycle))
    elimination.recommendations_sync(cycle=zone.cycle)
    rec = Recommendation.objects.get(user=zone.staff[2], rule_code="R2")
    elimination.recommendation_decide(actor=zone.committee, recommendation=rec, decision="dismiss", reason="两次不合格")
    me = open_page(width)
    login(me, "kong5", PASSWORD)
    me.goto(f"/org/staff/{zone.staff[4].pk}/")
    assert "部长" in me.content() and "7800.00" in me.content()
    shoot(me, "staff-file")
    assert me.evaluate("document.documentElement.scrollWidth") <= width
    admin = open_page(width)
    login(admin, "xs_admin", PASSWORD)
    admin.goto(f"/org/staff/{zone.staff[2].pk}/")  # 孔三 as the unit's admin reads it: 不合格, decided 解聘
    assert "申诉期至 2022-10-25" in admin.content()
    shoot(admin, "staff-file-decisions")
    assert admin.evaluate("document.documentElement.scrollWidth") <= width
