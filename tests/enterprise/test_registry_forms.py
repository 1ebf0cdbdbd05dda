"""The registry's pages: an enterprise created and edited (its code checked as typed), its status changed through a
confirmation and withdrawn, the parks, the list as Excel and the file as a PDF; each write audited."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from taizhang.audit.models import AuditEntry
from taizhang.enterprise import registry
from taizhang.enterprise.models import Enterprise, Park, StatusChange
from taizhang.enterprise.rules.uscc import with_check
from tests.conftest import pdf_text

CODE = with_check("91370125MA3F00001")
WRONG = CODE[:-1] + ("0" if CODE[-1] != "0" else "1")


def _form(ez, **extra):
    data = {
        "uscc": CODE,
        "name": "济南新材科技有限公司",
        "park": ez.smart.pk,
        "chain": ez.smart_chain.pk,
        "links": [ez.links["核心零部件"].pk],
        "tag_new_technology": "on",
        "tag_specialized": "on",
        "land_mu": "42.5",
        "settled_on": "2020-05-01",
        "contact_name": "钱经理",
    }
    return data | extra


def test_a_wrong_check_character_is_refused_with_the_right_one_named_then_the_enterprise_is_created(ez, login):
    client = login(ez.officer)
    page = client.post("/enterprise/enterprises/new/", _form(ez, uscc=WRONG))
    assert page.status_code == 200 and f"按前 17 位应为 {CODE[-1]}" in page.content.decode()
    page = client.post("/enterprise/enterprises/new/", _form(ez, uscc=" " + CODE.lower()))
    created = Enterprise.objects.get(unit=ez.unit, uscc=CODE)
    assert page.status_code == 302 and page.url == f"/enterprise/enterprises/{created.pk}/"
    assert created.tag_labels == ["新技术", "专精特新"] and created.land_mu == Decimal("42.50")
    assert list(created.links.all()) == [ez.links["核心零部件"]]
    entry = AuditEntry.objects.get(object_type="enterprise.enterprise", object_id=str(created.pk))
    assert entry.action == AuditEntry.Action.CREATE and entry.changes["name"] == [None, "济南新材科技有限公司"]


@pytest.mark.parametrize(
    "extra, field, message",
    [
        ({"uscc": "91370125MO3F00001X"}, "uscc", "不使用字母 O"),
        ({"uscc": "91370125MA3F0001"}, "uscc", "应为 18 位"),
        ({"uscc": f"{CODE[:9]} {CODE[9:]}"}, None, None),
        ({"chain": "", "links": []}, None, None),
        ({"chain": ""}, "links", "不在所选产业链上"),
        ({"registered_on": "2021-01-01"}, "settled_on", "不能早于成立日期"),
        ({"name": ""}, "name", "必填"),
    ],
)
def test_the_enterprise_form_says_what_is_wrong(ez, login, extra, field, message):
    page = login(ez.officer).post("/enterprise/enterprises/new/", _form(ez, **extra))
    if field is None:
        assert page.status_code == 302
    else:
        assert page.status_code == 200
        assert any(message in e for e in page.context["form"].errors[field])


def test_a_code_already_in_the_unit_is_refused_on_create_and_edit(ez, login):
    page = login(ez.officer).post("/enterprise/enterprises/new/", _form(ez, uscc=ez.enterprises[1].uscc))
    assert "已登记为“山东齐鲁智造有限公司”" in page.content.decode()


def test_editing_an_enterprise_keeps_its_code_and_audits_what_changed(ez, login):
    enterprise = ez.enterprises[0]
    client = login(ez.officer)
    form = client.get(f"/enterprise/enterprises/{enterprise.pk}/edit/").context["form"]
    assert form.initial["uscc"] == enterprise.uscc and form.initial["tag_new_technology"] is True
    data = _form(ez, uscc=enterprise.uscc, name="济南鲁味食品股份有限公司", park=ez.food.pk)
    data |= {"chain": ez.food_chain.pk, "links": [ez.links["食品加工"].pk]}
    assert client.post(f"/enterprise/enterprises/{enterprise.pk}/edit/", data).status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.name == "济南鲁味食品股份有限公司" and enterprise.tag_specialized
    entry = AuditEntry.objects.filter(object_type="enterprise.enterprise", action=AuditEntry.Action.UPDATE).get()
    assert entry.changes["name"] == ["济南鲁味食品有限公司", "济南鲁味食品股份有限公司"] and "uscc" not in entry.changes


def test_only_the_units_staff_write_and_another_units_enterprise_is_a_404(ez, login, world, jy_enterprise):
    assert login(world.leader).get("/enterprise/enterprises/new/").status_code == 403
    assert login(world.leader).get(f"/enterprise/enterprises/{ez.enterprises[0].pk}/").status_code == 200
    assert login(ez.officer).get(f"/enterprise/enterprises/{jy_enterprise.pk}/edit/").status_code == 404
    with pytest.raises(PermissionDenied):
        registry.enterprise_save(actor=world.jy_admin, unit_id=ez.unit.pk, uscc=CODE, name="越权")


def test_the_status_change_asks_for_confirmation_then_can_be_withdrawn_with_a_reason(ez, login, clock):
    clock.set(date(2022, 3, 1))
    enterprise = ez.enterprises[2]
    client = login(ez.officer)
    url = f"/enterprise/enterprises/{enterprise.pk}/status/"
    data = {"status": "left", "on": "2022-02-15", "reason": "整体搬迁至德州"}
    page = client.post(url, data)
    assert page.status_code == 200 and "请确认" in page.content.decode()
    enterprise.refresh_from_db()
    assert enterprise.status == Enterprise.Status.ACTIVE  # nothing happens before the confirmation
    assert client.post(url, data | {"confirmed": "1"}).status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.status == Enterprise.Status.LEFT and enterprise.left_on == date(2022, 2, 15)
    text = client.get(f"/enterprise/enterprises/{enterprise.pk}/").content.decode()
    assert "整体搬迁至德州" in text and "撤回已迁出" in text
    withdraw = f"/enterprise/enterprises/{enterprise.pk}/status/withdraw/"
    assert client.post(withdraw, {"reason": ""}).status_code == 200
    assert client.post(withdraw, {"reason": "登记错了企业"}).status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.status == Enterprise.Status.ACTIVE and enterprise.left_on is None
    change = StatusChange.objects.get(enterprise=enterprise)
    assert change.withdraw_reason == "登记错了企业" and change.withdrawn_by == ez.officer
    reasons = list(
        AuditEntry.objects.filter(object_type="enterprise.enterprise", object_id=str(enterprise.pk))
        .order_by("id")
        .values_list("reason", flat=True)
    )
    assert reasons == ["整体搬迁至德州", "撤回已迁出：登记错了企业"]


def test_a_status_change_in_the_future_or_twice_is_refused(ez, clock):
    clock.set(date(2022, 3, 1))
    enterprise = ez.enterprises[0]
    with pytest.raises(ValidationError, match="不能晚于今天"):
        registry.status_change(
            actor=ez.officer, enterprise=enterprise, status="closed", on=date(2022, 3, 2), reason="x"
        )
    with pytest.raises(ValidationError, match="已是“已迁出”"):
        registry.status_change(
            actor=ez.officer, enterprise=ez.enterprises[3], status="closed", on=date(2022, 1, 1), reason="x"
        )
    with pytest.raises(ValidationError, match="没有可撤回"):
        registry.status_withdraw(actor=ez.officer, enterprise=enterprise, reason="x")


def test_the_parks_page_counts_enterprises_in_the_zone_and_their_land_and_parks_are_created_and_edited(ez, login):
    client = login(ez.officer)
    page = client.get("/enterprise/parks/")
    parks = {p.name: (p.active, p.land) for p in page.context["parks"]}
    assert parks["智能制造城"] == (1, Decimal(120))  # 华宇零部件 has left
    assert parks["食品饮料城"] == (2, Decimal(80))
    assert client.post("/enterprise/parks/new/", {"name": "台湾工业园", "area_mu": "2000"}).status_code == 302
    park = Park.objects.get(unit=ez.unit, name="台湾工业园")
    page = client.post(f"/enterprise/parks/{park.pk}/edit/", {"name": "食品饮料城"})
    assert "已有名为“食品饮料城”的园区" in page.content.decode()
    assert (
        client.post(f"/enterprise/parks/{park.pk}/edit/", {"name": "台湾产业园", "sort_order": "3"}).status_code == 302
    )
    assert AuditEntry.objects.filter(object_type="enterprise.park", object_id=str(park.pk)).count() == 2


def test_the_filtered_list_downloads_as_excel_and_is_audited(ez, login):
    response = login(ez.officer).get(f"/enterprise/enterprises/?chain={ez.food_chain.pk}&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("统一社会信用代码", "企业名称")
    assert sorted(r[1] for r in rows[1:]) == ["济南鲁味食品有限公司", "济阳黄河饮品有限公司"]
    assert AuditEntry.objects.filter(object_type="enterprise.enterprise", action=AuditEntry.Action.EXPORT).exists()


def test_the_list_has_the_new_enterprise_button_for_the_staff_only(ez, login, world):
    assert "新增企业" in login(ez.officer).get("/enterprise/enterprises/").content.decode()
    assert "新增企业" not in login(world.leader).get("/enterprise/enterprises/").content.decode()


def test_the_file_prints_as_a_pdf_with_its_name_and_figures(ez, login):
    enterprise = ez.enterprises[0]
    response = login(ez.officer).get(f"/enterprise/enterprises/{enterprise.pk}/pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "济南鲁味食品有限公司" in text and enterprise.uscc in text and "10001" in text
    assert AuditEntry.objects.filter(object_type="enterprise.enterprise", action=AuditEntry.Action.PRINT).exists()


def test_the_api_lists_the_parks_in_scope_with_their_counts(ez, jy_enterprise, login, world):
    parks = login(ez.officer).get("/api/enterprise/parks").json()
    assert {p["name"]: p["active"] for p in parks} == {"食品饮料城": 2, "智能制造城": 1}
    assert login(world.jy_admin).get("/api/enterprise/parks").json() == []


def test_the_parks_page_and_the_export_ask_a_bounded_number_of_queries(ez, login, django_assert_max_num_queries):
    client = login(ez.officer)
    with django_assert_max_num_queries(12):
        assert client.get("/enterprise/parks/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/enterprise/enterprises/?format=xlsx").status_code == 200
