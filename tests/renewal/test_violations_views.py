"""控违拆违 pages: the phone report form with camera photos, the list with its filters, figures and Excel (no N+1),
a report's progress with the after photo, voiding, photos served only within scope."""

from __future__ import annotations

import io
from datetime import timedelta

from django.urls import reverse
from openpyxl import load_workbook

from taizhang.renewal import violations
from taizhang.renewal.models import Violation
from tests.conftest import PASSWORD
from tests.renewal.conftest import FREEZE
from tests.renewal.test_violations_services import jpeg, report


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def form_data(**overrides):
    return {
        "household_no": "JY101",
        "location": "东关居幸福街01号院内",
        "kind": "扩建",
        "description": "南屋加盖二层",
        "area": "18.5",
        "found_on": (FREEZE + timedelta(days=5)).isoformat(),
        "photos": [jpeg("a.jpg"), jpeg("b.jpg")],
    } | overrides


def test_the_report_form_opens_the_phones_camera(client, renewal):
    login(client, "jy_worker")
    page = client.get(reverse("renewal:violation_new", args=[renewal.project.pk])).content.decode()
    assert 'capture="environment"' in page and 'accept="image/*"' in page and "multiple" in page
    assert 'enctype="multipart/form-data"' in page


def test_a_report_with_photos_on_a_household(client, renewal):
    login(client, "jy_admin")
    response = client.post(reverse("renewal:violation_new", args=[renewal.project.pk]), form_data())
    assert response.status_code == 302
    violation = Violation.objects.get()
    assert violation.entry == renewal.entry("JY101") and violation.photos.count() == 2
    assert response.url == reverse("renewal:violation_detail", args=[violation.pk])


def test_a_report_in_a_chosen_community_without_a_household(client, renewal):
    login(client, "jy_admin")
    response = client.post(
        reverse("renewal:violation_new", args=[renewal.project.pk]),
        form_data(household_no="", community=renewal.world.chengli.pk, location="城里居北街空地"),
    )
    assert response.status_code == 302 and Violation.objects.get().community == renewal.world.chengli


def test_a_date_before_the_freeze_or_an_unknown_household_is_shown_on_the_form(client, renewal):
    login(client, "jy_admin")
    url = reverse("renewal:violation_new", args=[renewal.project.pk])
    page = client.post(url, form_data(found_on=(FREEZE - timedelta(days=1)).isoformat())).content.decode()
    assert "冻结公告发布后" in page
    page = client.post(url, form_data(household_no="JY999")).content.decode()
    assert "没有户 JY999" in page
    assert not Violation.objects.exists()


def test_a_worker_cannot_report_on_a_household_outside_their_community(client, renewal):
    login(client, "jy_worker")  # 城里居; JY101 is in 东关居
    page = client.post(reverse("renewal:violation_new", args=[renewal.project.pk]), form_data()).content.decode()
    assert "没有户 JY101" in page and not Violation.objects.exists()


def test_the_list_filters_counts_and_exports_without_n_plus_1(client, renewal, django_assert_max_num_queries):
    for i in range(8):
        report(renewal, location=f"东关居{i}号", entry=renewal.entry("JY101" if i % 2 else "JY102"))
    stopped = report(renewal, entry=renewal.entry("JY001"), location="城里居幸福街01号")
    violations.violation_progress(
        actor=renewal.world.jy_admin, violation=stopped, progress="stopped", on=FREEZE + timedelta(days=11)
    )
    login(client, "jy_admin")
    url = reverse("renewal:violation_list", args=[renewal.project.pk])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.context["page"].paginator.count == 9 and response.context["total"] == 9
    assert [c for _, c, _ in response.context["figures"]] == [8, 1, 0]
    chengli = client.get(url, {"community": renewal.world.chengli.pk}).context["page"]
    assert [v.location for v in chengli] == ["城里居幸福街01号"]
    assert client.get(url, {"progress": "stopped"}).context["page"].paginator.count == 1
    with django_assert_max_num_queries(12):
        export = client.get(url, {"community": renewal.dongguan.pk, "format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("村居", "户编号", "位置") and len(rows) == 9 and {r[0] for r in rows[1:]} == {"东关居"}


def test_the_detail_records_demolition_with_an_after_photo(client, renewal):
    violation = report(renewal)
    login(client, "jy_admin")
    url = reverse("renewal:violation_detail", args=[violation.pk])
    on = (FREEZE + timedelta(days=20)).isoformat()
    page = client.post(url, {"progress": "demolished", "on": on}).content.decode()
    assert "拆除后的照片" in page
    assert (
        client.post(
            url, {"progress": "demolished", "on": on, "photos": [jpeg("after.jpg")], "note": "组织拆除"}
        ).status_code
        == 302
    )
    violation.refresh_from_db()
    assert violation.progress == "demolished" and violation.demolished_on.isoformat() == on
    page = client.get(url).content.decode()
    assert "登记进展" not in page and page.count("/renewal/violation-photos/") == 4  # link + image, twice


def test_photos_are_served_within_scope_only(client, renewal):
    violation = report(renewal)  # 东关居
    photo = violation.photos.get()
    login(client, "jy_admin")
    response = client.get(reverse("renewal:violation_photo", args=[photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    client.logout()
    login(client, "jy_worker")  # 城里居
    assert client.get(reverse("renewal:violation_photo", args=[photo.pk])).status_code == 404
    assert client.get(reverse("renewal:violation_detail", args=[violation.pk])).status_code == 404


def test_voiding_asks_for_a_reason(client, renewal):
    violation = report(renewal)
    login(client, "jy_admin")
    url = reverse("renewal:violation_void", args=[violation.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "系冻结前已建成"}).status_code == 302
    violation.refresh_from_db()
    assert violation.status == "voided"
    assert (
        "已作废：系冻结前已建成"
        in client.get(reverse("renewal:violation_detail", args=[violation.pk])).content.decode()
    )
