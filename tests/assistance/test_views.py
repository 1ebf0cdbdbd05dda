"""The assistance pages: what a helper does on the phone and what the town office sees."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from taizhang.assistance.models import AssistedHousehold, Visit, VisitPhoto, VisitRuleVersion
from taizhang.audit.models import AuditEntry
from taizhang.org.models import OrgNode
from tests.assistance.conftest import household, visit


def login(client, user):
    client.force_login(user)
    return client


def visit_data(worker, **overrides):
    start = timezone.localtime() - timedelta(minutes=50)
    end = start + timedelta(minutes=40)
    data = {
        "visit_date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M:%S"),
        "end_time": end.strftime("%H:%M:%S"),
        "visitors": [worker.pk],
        "water": "ok",
        "housing": "problem",
        "housing_note": "西屋漏雨",
        "archive": "ok",
        "talk": "ok",
        "notes": "了解务工情况",
        "mode": "manual",
    }
    if end.date() != start.date():
        data["ends_next_day"] = "on"
    return data | overrides


def jpeg(name="photo.jpg"):
    stream = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(stream, "JPEG")
    stream.name = name
    stream.seek(0)
    return stream


def test_the_helpers_phone_page_lists_their_households_with_the_months_count(client, assisted):
    page = login(client, assisted.xs_worker).get("/assistance/").content.decode()
    assert "XS001" in page and "XS002" not in page and '0</span><span class="text-muted">/2 次' in page
    assert "还差 2 次" in page and "入户走访" in page


def test_a_visit_entered_on_the_page_is_recorded_and_counted(client, assisted):
    xs001 = household("XS001")
    response = login(client, assisted.xs_worker).post(
        f"/assistance/households/{xs001.pk}/visit/", visit_data(assisted.xs_worker)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    recorded = Visit.objects.get()
    assert (recorded.minutes, recorded.housing, recorded.housing_note, recorded.source) == (
        40,
        "problem",
        "西屋漏雨",
        "form",
    )
    detail = client.get(f"/assistance/visits/{recorded.pk}/").content.decode()
    assert "计入本月走访" in detail and "西屋漏雨" in detail
    assert '1</span><span class="text-muted">/2 次' in client.get("/assistance/").content.decode()


def test_the_phone_posts_json_and_a_resend_finds_the_first_visit(client, assisted):
    xs001 = household("XS001")
    login(client, assisted.xs_worker)
    data = visit_data(assisted.xs_worker, mode="phone", idempotency_key="0b6f2c1e-key")
    first = client.post(f"/assistance/households/{xs001.pk}/visit/", data, HTTP_ACCEPT="application/json").json()
    again = client.post(f"/assistance/households/{xs001.pk}/visit/", data, HTTP_ACCEPT="application/json").json()
    assert first["ok"] and first["created"] and again["ok"] and not again["created"]
    assert first["visit"] == again["visit"] and Visit.objects.count() == 1
    assert Visit.objects.get().source == "phone"


def test_bad_input_is_answered_in_chinese_and_writes_nothing(client, assisted):
    xs001 = household("XS001")
    login(client, assisted.xs_worker)
    data = visit_data(assisted.xs_worker) | {"end_time": "00:00:01"}
    data.pop("ends_next_day", None)
    json = client.post(f"/assistance/households/{xs001.pk}/visit/", data, HTTP_ACCEPT="application/json")
    assert json.status_code == 400 and "结束时间必须晚于开始时间" in json.json()["errors"][0]
    page = client.post(f"/assistance/households/{xs001.pk}/visit/", visit_data(assisted.xs_worker, start_time="9点"))
    assert page.status_code == 200 and "开始时间" in page.content.decode()
    assert not Visit.objects.exists()


def test_someone_elses_household_cannot_be_visited(client, assisted):
    xs002 = household("XS002")  # 闻韶村: not xs_worker's village either
    assert login(client, assisted.xs_worker).get(f"/assistance/households/{xs002.pk}/visit/").status_code == 404
    login(client, assisted.xs_group_leader)  # 新市村 group leader: sees XS001 but is not its helper
    xs001 = household("XS001")
    response = client.post(
        f"/assistance/households/{xs001.pk}/visit/",
        visit_data(assisted.xs_group_leader),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400 and not Visit.objects.exists()


def test_photos_are_kept_and_served_only_within_scope(client, assisted):
    xs001 = household("XS001")
    login(client, assisted.xs_worker).post(
        f"/assistance/households/{xs001.pk}/visit/", visit_data(assisted.xs_worker, photos=[jpeg(), jpeg("b.jpg")])
    )
    photo = VisitPhoto.objects.first()
    assert VisitPhoto.objects.count() == 2
    assert client.get(f"/assistance/photos/{photo.pk}/").status_code == 200
    assert login(client, assisted.wenshao_worker).get(f"/assistance/photos/{photo.pk}/").status_code == 404


def test_voiding_a_visit_from_its_page(client, assisted):
    recorded = visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    login(client, assisted.xs_admin)
    assert client.post(f"/assistance/visits/{recorded.pk}/void/", {"reason": "重复登记"}).status_code == 302
    recorded.refresh_from_db()
    assert (
        recorded.is_voided and "已作废：重复登记" in client.get(f"/assistance/visits/{recorded.pk}/").content.decode()
    )


def test_the_compliance_page_and_its_downloads(client, assisted):
    for day in (date(2026, 3, 2), date(2026, 3, 9)):
        visit(assisted.xs_worker, "XS001", day, "09:00", 40)
    login(client, assisted.xs_admin)
    page = client.get("/assistance/compliance/", {"month": "2026-03"}).content.decode()
    assert "2026年3月走访达标" in page and "新市村" in page and "XS002" in page and "孙帮扶" in page
    workbook = load_workbook(
        io.BytesIO(client.get("/assistance/compliance/", {"month": "2026-03", "format": "xlsx"}).content)
    )
    rows = [[c.value for c in row] for row in workbook.active.iter_rows()]
    assert rows == [
        ["新市镇2026年3月帮扶走访达标情况", None, None, None, None, None],
        ["户编号", "户主", "村居", "帮扶责任人", "有效走访次数", "是否达标"],
        ["XS001", "张三", "新市村", "张帮扶", 2, "达标"],
        ["XS002", "张三", "闻韶村", "孙帮扶", 0, "未达标"],
    ]


def test_the_compliance_workbook_of_one_village_is_titled_with_the_village(client, assisted):
    village = OrgNode.objects.get(name="闻韶村")
    login(client, assisted.xs_admin)
    response = client.get("/assistance/compliance/", {"month": "2026-03", "format": "xlsx", "community": village.pk})
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]
    assert rows[0][0] == "闻韶村2026年3月帮扶走访达标情况" and [r[0] for r in rows[2:]] == ["XS002"]


def test_a_bad_month_falls_back_to_this_month(client, assisted):
    today = timezone.localdate()
    page = login(client, assisted.xs_admin).get("/assistance/compliance/", {"month": "2026-13"}).content.decode()
    assert f"{today.year}年{today.month}月走访达标" in page


def test_the_admin_marks_a_household_assisted_and_reassigns_its_helpers(client, seeded):
    login(client, seeded.xs_admin)
    response = client.post(
        "/assistance/households/",
        {
            "household_no": "XS002",
            "category": "monitored",
            "start_date": "2026-01-01",
            "helpers": [seeded.wenshao_worker.pk],
        },
    )
    assisted = AssistedHousehold.objects.get()
    assert response.status_code == 302 and assisted.household.household_no == "XS002"
    response = client.post(
        f"/assistance/households/{assisted.pk}/",
        {"helpers": [seeded.xs_worker.pk], "on": "2026-02-01", "reason": "人员调整"},
    )
    assert response.status_code == 302
    page = client.get(f"/assistance/households/{assisted.pk}/").content.decode()
    assert "2026-01-31 止" in page and "张帮扶" in page
    assert (
        client.post(
            "/assistance/households/",
            {
                "household_no": "XS999",
                "category": "monitored",
                "start_date": "2026-01-01",
                "helpers": [seeded.xs_worker.pk],
            },
        ).status_code
        == 200
    )


def test_field_workers_cannot_mark_or_set_rules(client, assisted):
    login(client, assisted.xs_worker)
    assert "列为帮扶户" not in client.get("/assistance/households/").content.decode()
    client.post("/assistance/rules/", {"effective_from": "2026-03-01", "min_visits_per_month": 3, "min_minutes": 45})
    assert not VisitRuleVersion.objects.exists()


def test_the_admin_adds_a_rule_version(client, assisted):
    login(client, assisted.xs_admin)
    response = client.post(
        "/assistance/rules/",
        {"effective_from": "2026-03-01", "min_visits_per_month": 3, "min_minutes": 45, "note": "镇党委会议决定"},
    )
    assert response.status_code == 302
    assert "45 分钟" in client.get("/assistance/rules/").content.decode()
    assert AuditEntry.objects.filter(object_type="assistance.rule").exists()


def test_the_household_file_shows_the_assistance_section(client, assisted):
    visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    xs001 = household("XS001")
    page = login(client, assisted.xs_worker).get(f"/registry/households/{xs001.household_id}/").content.decode()
    assert "帮扶责任人：张帮扶" in page and "2026-03-02" in page
    pdf = client.get(f"/registry/households/{xs001.household_id}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    "url", ["/assistance/", "/assistance/households/", "/assistance/compliance/", "/assistance/rules/"]
)
def test_pages_render_for_every_role(client, assisted, url):
    for user in (assisted.leader, assisted.auditor, assisted.xs_admin, assisted.xs_group_leader, assisted.xs_worker):
        assert login(client, user).get(url).status_code == 200, (url, user.username)


def test_the_households_location_is_recorded(client, assisted):
    xs001 = household("XS001")
    client.force_login(assisted.xs_worker)
    response = client.post(
        f"/assistance/households/{xs001.pk}/",
        {"action": "location", "latitude": "36.978400", "longitude": "117.176900"},
    )
    assert response.status_code == 302
    xs001.refresh_from_db()
    assert xs001.location == (36.9784, 117.1769)


def test_the_old_signals_page_leads_to_the_kernels_list_of_the_month(client, assisted):
    response = login(client, assisted.xs_admin).get("/assistance/signals/", {"month": "2026-03"})
    assert response.status_code == 302
    assert response["Location"] == "/integrity/?module=assistance&month=2026-03"
    assert client.get(response["Location"]).status_code == 200
