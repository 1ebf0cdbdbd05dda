"""The exhibition-sale's pages: the public application and the vendor's private page (no login, by token), the
staff's list, vendor page, plan, stall and export, scoped to the unit with phones masked by role."""

import io

import pytest
from openpyxl import load_workbook

from taizhang.events import vendors
from taizhang.events.models import VendorApplication
from tests.events.fixtures_vendors import allocated, apply, png


def _form(**extra):
    return {
        "holder": "赵大妈",
        "phone": "13698765432",
        "village": "闻韶村",
        "produce": "莲藕、莲子",
        "website": "",
    } | extra


def test_the_public_page_links_to_the_vendor_form_and_shows_no_vendor(client, festival):
    allocated(festival)
    page = client.get(f"/public/events/{festival.event.public_key}/").content.decode()
    assert f"/public/events/{festival.event.public_key}/vendor/" in page
    assert "李春生" not in page and "13912345678" not in page


def test_a_vendor_applies_with_a_certificate_and_gets_the_private_link(client, festival):
    url = f"/public/events/{festival.event.public_key}/vendor/"
    assert client.get(url).status_code == 200
    response = client.post(url, _form(certificate=png()))
    vendor = VendorApplication.objects.get(holder="赵大妈")
    assert response.status_code == 200 and f"/public/events/vendor/{vendor.token}/" in response.content.decode()
    assert vendor.certificate.name.endswith(".jpg")  # decoded and stored again, without metadata
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"phone": "1391234567"}, "应为以13–19开头的11位数字"),
        ({"certificate": "pdf-lie"}, "内容不是 PDF 文件"),
        ({"certificate": "exe"}, "不是照片或 PDF 文件"),
    ],
)
def test_a_bad_phone_or_certificate_is_refused_naming_it(client, festival, extra, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = {
        "pdf-lie": SimpleUploadedFile("证明.pdf", b"MZ\x90\x00 not a pdf"),
        "exe": SimpleUploadedFile("证明.exe", b"MZ\x90\x00"),
    }
    data = _form(**{k: files.get(v, v) for k, v in extra.items()})
    response = client.post(f"/public/events/{festival.event.public_key}/vendor/", data)
    assert message in response.content.decode()
    assert not VendorApplication.objects.exists()


def test_a_filled_honeypot_gets_the_thank_you_page_and_nothing_is_saved(client, festival):
    response = client.post(f"/public/events/{festival.event.public_key}/vendor/", _form(website="http://spam"))
    assert "已提交摊主报名" in response.content.decode() and not VendorApplication.objects.exists()


def test_the_private_page_shows_the_stall_and_confirms_it_and_only_that_vendor(client, festival):
    vendor = allocated(festival)
    other = allocated(festival, "王秀英", 1)
    url = f"/public/events/vendor/{vendor.token}/"
    page = client.get(url).content.decode()
    assert "A-01" in page and "您的摊位" in page and "王秀英" not in page and other.phone not in page
    assert f"/public/events/vendor-ticket/{vendor.token}/qr.svg" in page  # the check-in QR, once a stall is held
    client.post(url, {"action": "confirm"})
    vendor.refresh_from_db()
    assert vendor.state == "confirmed"
    assert client.get("/public/events/vendor/not-a-token/").status_code == 404


def test_a_vendor_withdraws_on_the_confirm_page_with_a_reason(client, festival):
    vendor = allocated(festival)
    url = f"/public/events/vendor/{vendor.token}/withdraw/"
    assert "撤回后摊位将分给其他摊主" in client.get(url).content.decode()
    client.post(url, {"reason": "家里有事"})
    vendor.refresh_from_db()
    assert vendor.state == "withdrawn" and vendor.stall is None


def test_the_unit_admin_lists_vendors_with_whole_phones_and_the_leader_reads_them_masked(
    client, login, world, festival, django_assert_max_num_queries
):
    for n in range(12):
        apply(festival.event, f"摊主{n}", f"1390000{n:04d}")
    login(world.xs_admin)
    with django_assert_max_num_queries(20):
        page = client.get(f"/events/{festival.event.pk}/vendors/").content.decode()
    assert "13900000003" in page and "共 12 位摊主" in page
    login(world.leader)
    page = client.get(f"/events/{festival.event.pk}/vendors/", {"q": "摊主3"}).content.decode()
    assert "13900000003" not in page and "139****0003" in page


def test_another_unit_gets_404_on_the_vendor_pages(client, login, world, festival):
    vendor = allocated(festival)
    login(world.jy_admin)
    for url in (
        f"/events/{festival.event.pk}/vendors/",
        f"/events/vendors/{vendor.pk}/",
        f"/events/vendors/{vendor.pk}/certificate/",
        f"/events/stalls/{vendor.stall_id}/",
        f"/events/{festival.event.pk}/stalls/export/",
    ):
        assert client.get(url).status_code == 404, url


def test_the_certificate_downloads_as_an_attachment(client, login, world, festival):
    vendor = allocated(festival)
    login(world.xs_worker)
    response = client.get(f"/events/vendors/{vendor.pk}/certificate/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_admin_approves_and_allocates_on_the_vendor_page(client, login, world, festival):
    vendor = apply(festival.event)
    login(world.xs_admin)
    url = f"/events/vendors/{vendor.pk}/"
    client.post(url, {"action": "approve", "note": "材料齐全"})
    client.post(url, {"action": "allocate", "stall": festival.stalls[2].pk})
    vendor.refresh_from_db()
    assert vendor.state == "allocated" and vendor.stall.number == "A-03" and vendor.review_note == "材料齐全"


def test_a_field_worker_reads_the_vendor_page_but_may_not_review(client, login, world, festival):
    vendor = apply(festival.event)
    login(world.xs_worker)
    page = client.get(f"/events/vendors/{vendor.pk}/").content.decode()
    assert "通过审核" not in page
    assert client.post(f"/events/vendors/{vendor.pk}/", {"action": "approve"}).status_code == 403
    assert client.get(f"/events/vendors/{vendor.pk}/reject/").status_code == 403


def test_rejecting_goes_through_the_confirm_page(client, login, world, festival):
    vendor = apply(festival.event)
    login(world.xs_admin)
    assert "摊主会在自己的页面上看到" in client.get(f"/events/vendors/{vendor.pk}/reject/").content.decode()
    client.post(f"/events/vendors/{vendor.pk}/reject/", {"note": "产品不属于农产品"})
    vendor.refresh_from_db()
    assert vendor.state == "rejected"


def test_the_plan_lays_out_stalls_and_shows_who_holds_them(
    client, login, world, festival, django_assert_max_num_queries
):
    allocated(festival)
    login(world.xs_admin)
    url = f"/events/{festival.event.pk}/stalls/"
    client.post(url, {"area": "B区", "rows": 2, "columns": 5, "note": "特色小吃"})
    with django_assert_max_num_queries(15):
        page = client.get(url).content.decode()
    assert "B-10" in page and "李春生" in page and "stall-allocated" in page


def test_choosing_an_approved_vendor_on_a_free_stall_allocates_it(client, login, world, festival):
    vendor = apply(festival.event)
    vendors.vendor_approve(actor=festival.admin, vendor=vendor)
    login(world.xs_admin)
    client.post(f"/events/stalls/{festival.stalls[3].pk}/", {"vendor": vendor.pk})
    vendor.refresh_from_db()
    assert vendor.stall == festival.stalls[3]


def test_the_stall_list_exports_to_excel_and_the_event_card_counts(client, login, world, festival):
    vendors.vendor_confirm(vendor=allocated(festival))
    login(world.xs_admin)
    response = client.get(f"/events/{festival.event.pk}/stalls/export/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("摊位号", "区域", "摊主", "村居", "产品", "状态", "销售额（元）")
    assert rows[2][:3] == ("A-01", "A区", "李春生") and rows[2][5] == "已确认"
    card = client.get(f"/events/{festival.event.pk}/").content.decode()
    assert "已分配 1 / 已确认 1 / 共 4 个" in card


def test_the_api_lists_reviews_and_allocates_scoped_to_the_unit(client, login, world, festival):
    vendor = apply(festival.event)
    login(world.xs_admin)
    listed = client.get(f"/api/events/events/{festival.event.pk}/vendors").json()
    assert [v["holder"] for v in listed] == ["李春生"] and listed[0]["phone"] == "13912345678"
    reviewed = client.post(f"/api/events/vendors/{vendor.pk}/review", {"decision": "approve"}, "application/json")
    assert reviewed.json()["state"] == "approved"
    stall = festival.stalls[1].pk
    moved = client.post(f"/api/events/vendors/{vendor.pk}/allocate", {"stall_id": stall}, "application/json")
    assert moved.json()["stall"] == "A-02"
    login(world.leader)
    assert client.get(f"/api/events/events/{festival.event.pk}/vendors").json()[0]["phone"] == "139****5678"
    login(world.jy_admin)
    assert client.get(f"/api/events/events/{festival.event.pk}/vendors").status_code == 404
    assert (
        client.post(f"/api/events/vendors/{vendor.pk}/review", {"decision": "reject"}, "application/json").status_code
        == 404
    )


def test_a_planner_enters_a_phoned_in_sales_figure_with_a_reason(client, login, world, festival):
    vendor = vendors.vendor_confirm(vendor=allocated(festival))
    login(world.xs_admin)
    url = f"/events/vendors/{vendor.pk}/"
    client.post(url, {"action": "correct_sales", "sales": "860", "reason": ""})
    vendor.refresh_from_db()
    assert vendor.sales is None  # no reason, nothing saved
    client.post(url, {"action": "correct_sales", "sales": "860", "reason": "摊主电话报送"})
    vendor.refresh_from_db()
    assert str(vendor.sales) == "860.00"


def test_the_stalls_command_prints_the_stall_list(festival):
    from io import StringIO

    from django.core.management import call_command

    vendors.vendor_confirm(vendor=allocated(festival))
    out = StringIO()
    call_command("event-stalls", event=festival.event.name, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "A-01 A区: 李春生 新市村 黄河大米 已确认 —"
    assert lines[1].startswith("A-02 A区: — ") and lines[-1] == "共 4 个摊位，已分配 1 个"


def test_the_event_page_s_card_adds_the_sales_up_to_the_fen(client, login, world, festival):
    for n, sales in enumerate(["0.10", "0.20", "1234.5"]):
        vendors.vendor_correct_sales(
            actor=festival.admin, vendor=allocated(festival, f"摊主{n}", n), sales=sales, reason="电话报来"
        )
    login(world.xs_admin)
    page = client.get(f"/events/{festival.event.pk}/").content.decode()
    assert "销售额：1234.80 元（3 位摊主填报）" in page
