"""The day's pages: a steward's check-in page and the scan URL's confirmation (planners and assigned staff; another
unit 404), the undo page, the live dashboard everyone in scope reads, the API; and the public tickets through their
private links (phone masked, the QR holding the check-in URL, none on a cancelled sign-up, a PDF)."""

import io

import pypdf
import pytest

from taizhang.events import tickets
from taizhang.events.models import SignUp, StaffAssignment
from taizhang.events.rules import codes, places
from tests.events.fixtures_checkin import FESTIVAL_MORNING, signup, vendor


@pytest.fixture
def morning(clock):
    clock.set(FESTIVAL_MORNING)
    return clock


def test_a_steward_types_a_code_sees_who_it_is_and_checks_them_in(client, login, festival, morning):
    resident = signup(festival.morning, "李秀英")
    login(festival.admin)
    typed = client.get(f"/events/{festival.event.pk}/checkin/", {"code": codes.shown(resident.code).lower()})
    url = f"/events/{festival.event.pk}/checkin/{resident.code}/"
    assert typed.status_code == 302 and typed["Location"] == url
    page = client.get(url).content.decode()
    assert "李秀英" in page and "采摘·上午场" in page and 'id="checkin-button"' in page
    assert resident.phone in page  # the planner calls people: the phone whole
    done = client.post(url, follow=True).content.decode()
    assert "已签到：李秀英" in done and "最近签到" in done
    assert SignUp.objects.get(pk=resident.pk).checked_in_at == morning.now()
    again = client.get(url).content.decode()
    assert "不能重复签到" in again and 'id="checkin-button"' not in again and "撤销签到" in again


def test_a_malformed_code_is_refused_on_the_check_in_page(client, login, festival, morning):
    login(festival.admin)
    page = client.get(f"/events/{festival.event.pk}/checkin/", {"code": "12"}).content.decode()
    assert "签到码应为 8 位字母和数字" in page
    assert "用手机相机或微信扫一扫扫码，或输入签到码" in page


def test_a_waiting_sign_up_s_code_shows_why_and_no_button(client, login, festival, morning):
    waiting = signup(festival.morning, state=places.WAITING)
    login(festival.admin)
    page = client.get(f"/events/{festival.event.pk}/checkin/{waiting.code}/").content.decode()
    assert "候补中，未获得名额" in page and 'id="checkin-button"' not in page


def test_the_scan_url_asks_for_a_login_first(client, festival):
    resident = signup(festival.morning)
    answer = client.get(f"/events/{festival.event.pk}/checkin/{resident.code}/")
    assert answer.status_code == 302 and "/login/" in answer["Location"]


def test_another_unit_s_steward_gets_404_and_an_unassigned_worker_403(client, login, world, festival, morning):
    resident = signup(festival.morning)
    url = f"/events/{festival.event.pk}/checkin/{resident.code}/"
    login(world.jy_admin)
    assert client.get(url).status_code == 404
    login(world.xs_worker)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    StaffAssignment.objects.create(unit=world.xinshi, event=festival.event, user=world.xs_worker, duty="签到")
    assert client.post(url).status_code == 302


def test_a_check_in_is_undone_on_the_confirm_page_with_a_reason(client, login, festival, morning):
    resident = signup(festival.morning)
    login(festival.admin)
    client.post(f"/events/{festival.event.pk}/checkin/{resident.code}/")
    undo = f"/events/{festival.event.pk}/checkin/{resident.code}/undo/"
    assert "签到码可以再次使用" in client.get(undo).content.decode()
    assert client.post(undo, {"reason": ""}).status_code == 200
    assert client.post(undo, {"reason": "认错人"}).status_code == 302
    assert SignUp.objects.get(pk=resident.pk).checked_in_at is None


def test_the_dashboard_shows_the_day_and_refreshes_itself_with_few_queries(
    client, login, world, festival, morning, django_assert_max_num_queries
):
    for n in range(3):
        signup(festival.morning, f"居民{n}")
    signup(festival.noon, state=places.WAITING)
    team = signup(festival.tug, "队长", team_name="新市村一队", people=8)
    signup(festival.noon, "现场来的", source=SignUp.Source.WALK_IN)
    holder = vendor(festival.event, stall=festival.stalls[0])
    from taizhang.events import checkin

    checkin.check_in(actor=festival.admin, event=festival.event, code=team.code)
    checkin.check_in(actor=festival.admin, event=festival.event, code=holder.code)
    login(world.xs_worker)  # in scope, not assigned: reads the dashboard
    with django_assert_max_num_queries(18):
        page = client.get(f"/events/{festival.event.pk}/dashboard/").content.decode()
    assert 'hx-trigger="every 15s"' in page
    assert "新市村一队" in page and "摊位 A-01" in page and "约 8 人" in page
    assert "1 / 1 / 4" in page  # stalls occupied / allocated / total
    with django_assert_max_num_queries(16):
        fragment = client.get(f"/events/{festival.event.pk}/dashboard/", headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and "新市村一队" in fragment.content.decode()
    login(world.jy_admin)
    assert client.get(f"/events/{festival.event.pk}/dashboard/").status_code == 404


def test_the_event_page_has_the_check_in_card(client, login, festival, morning):
    login(festival.admin)
    page = client.get(f"/events/{festival.event.pk}/").content.decode()
    assert 'id="event-checkin"' in page and f"/events/{festival.event.pk}/checkin/" in page


def test_the_api_checks_in_by_code_and_reads_the_dashboard(client, login, world, festival, morning):
    resident = signup(festival.morning, "李秀英")
    login(festival.admin)
    url = f"/api/events/events/{festival.event.pk}/checkin"
    answer = client.post(url, {"code": resident.code}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["name"] == "李秀英"
    again = client.post(url, {"code": resident.code}, content_type="application/json")
    assert again.status_code == 400 and "不能重复签到" in again.json()["detail"]
    board = client.get(f"/api/events/events/{festival.event.pk}/dashboard").json()
    assert board["checked_in"] == 1 and board["stalls_total"] == 4
    login(world.jy_admin)
    assert client.get(f"/api/events/events/{festival.event.pk}/dashboard").status_code == 404
    login(world.xs_worker)
    assert client.post(url, {"code": resident.code}, content_type="application/json").status_code == 403


def test_the_public_ticket_shows_the_session_the_masked_phone_and_the_code(client, festival):
    resident = signup(festival.morning, "李秀英")
    page = client.get(f"/public/events/ticket/{resident.token}/")
    html = page.content.decode()
    assert page.status_code == 200 and page["Referrer-Policy"] == "no-referrer"
    assert "李秀英" in html and "采摘·上午场" in html and codes.shown(resident.code) in html
    assert resident.phone not in html and "138****" in html
    assert f"/public/events/ticket/{resident.token}/qr.svg" in html


def test_the_qr_holds_the_absolute_check_in_url_of_the_code(client, festival):
    resident = signup(festival.morning)
    svg = client.get(f"/public/events/ticket/{resident.token}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    expected = f"http://testserver/events/{festival.event.pk}/checkin/{resident.code}/"
    assert svg.content == tickets.qr_svg(expected)
    assert svg.content != tickets.qr_svg(expected.replace(resident.code, "X" * 8))


def test_a_cancelled_sign_up_s_ticket_says_so_without_a_qr(client, festival):
    resident = signup(festival.morning, state=places.CANCELLED)
    html = client.get(f"/public/events/ticket/{resident.token}/").content.decode()
    assert "该报名已取消，此凭证作废" in html and "qr.svg" not in html
    assert client.get(f"/public/events/ticket/{resident.token}/qr.svg").status_code == 404


def test_a_wrong_token_is_404(client, festival):
    for url in ("ticket/nope/", "ticket/nope/qr.svg", "ticket/nope/pdf/", "vendor-ticket/nope/"):
        assert client.get(f"/public/events/{url}").status_code == 404


def test_the_vendor_ticket_shows_the_stall_and_prints_as_a_pdf(client, festival):
    holder = vendor(festival.event, stall=festival.stalls[2])
    html = client.get(f"/public/events/vendor-ticket/{holder.token}/").content.decode()
    assert "摊位 A-03" in html and "139****9876" in html and codes.shown(holder.code) in html
    pdf = client.get(f"/public/events/vendor-ticket/{holder.token}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    svg = client.get(f"/public/events/vendor-ticket/{holder.token}/qr.svg")
    assert svg.content == tickets.qr_svg(f"http://testserver/events/{festival.event.pk}/checkin/{holder.code}/")


def test_the_sign_up_ticket_prints_as_a_one_page_pdf(client, festival):
    resident = signup(festival.morning)
    pdf = client.get(f"/public/events/ticket/{resident.token}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert len(pypdf.PdfReader(io.BytesIO(pdf.content)).pages) == 1


def test_a_walk_in_is_registered_on_the_spot_and_a_full_session_refused(client, login, festival, morning):
    login(festival.admin)
    url = f"/events/{festival.event.pk}/walk-in/"
    form = client.get(url).content.decode()
    assert "采摘·上午场（余 3）" in form and "拔河（余 3）" in form and "群众演出专场" not in form
    data = {"session": festival.noon.pk, "name": "路过的", "phone": "13805319999", "people": 2}
    done = client.post(url, data, follow=True).content.decode()
    assert "已现场登记并签到：路过的（采摘·中午场" in done
    for n in range(2):
        signup(festival.noon, f"居民{n}")
    refused = client.post(url, {**data, "phone": "13805318888"}).content.decode()
    assert "该场次已满（容量 3，已报名 3），没有空余名额" in refused
