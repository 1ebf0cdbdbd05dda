"""Household pages and the registry API: lists, 一户一档, audited edits, voiding, and masking by role."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.audit.models import AuditEntry
from taizhang.core.models import RecordStatus
from taizhang.core.rules import mask_bank_account, mask_id_number
from taizhang.registry import services
from taizhang.registry.models import Household, Person
from taizhang.registry.rules import luhn_check_digit
from tests.conftest import make_id

ZHANG_SAN = make_id(10, date(1960, 3, 1))  # XS001's head, as the seeded fixture imports him
ACCOUNT = "622848012345678901" + luhn_check_digit("622848012345678901")
LIST = "/registry/households/"


def xs001():
    return Household.objects.get(household_no="XS001")


def detail(household):
    return f"/registry/households/{household.pk}/"


def html(response):
    return response.content.decode()


def household_form(world, **changes):
    return {
        "household_no": "XS003",
        "community": world.xinshi_village.pk,
        "address": "新市村幸福街3号",
        "phone": "13900001111",
        "bank_name": "",
        "bank_account": "",
        "tags": "",
        **changes,
    }


def person_form(**changes):
    return {
        "name": "张小华",
        "id_number": make_id(40, date(2005, 6, 1)),
        "relation": "孙子",
        "phone": "",
        "employment": "",
        "disability_category": "",
        "disability_grade": "",
        "life_status": "alive",
        **changes,
    }


def counts():
    return Household.objects.count(), Person.objects.count(), AuditEntry.objects.count()


# --- list ------------------------------------------------------------------------------------


def test_the_list_shows_the_scope_and_filters_by_village(client, seeded):
    client.force_login(seeded.xs_admin)
    page = html(client.get(LIST))
    assert "XS001" in page and "XS002" in page and "JY001" not in page
    page = html(client.get(LIST, {"community": seeded.wenshao.pk}))
    assert "XS002" in page and "XS001" not in page
    client.force_login(seeded.xs_worker)  # 新市村 only
    page = html(client.get(LIST))
    assert "XS001" in page and "XS002" not in page and "JY001" not in page


def test_an_htmx_request_gets_only_the_rows(client, seeded):
    client.force_login(seeded.xs_admin)
    full = html(client.get(LIST))
    partial = html(client.get(LIST, {"q": "XS002"}, headers={"HX-Request": "true"}))
    assert "<html" in full and 'id="rows"' in full
    assert "<html" not in partial and 'id="rows"' not in partial
    assert "XS002" in partial and "XS001" not in partial and "共 1 户" in partial


# --- 一户一档 ---------------------------------------------------------------------------------


def test_the_household_file_shows_members_and_the_timeline(client, seeded):
    client.force_login(seeded.xs_admin)
    page = html(client.get(detail(xs001())))
    for name in ("张三", "李梅", "张小明"):
        assert name in page
    assert "家庭成员（3）" in page and ZHANG_SAN in page
    assert "变更记录" in page and "导入新建" in page and "暂无记录" not in page


def test_the_detail_page_runs_a_bounded_number_of_queries(client, seeded, django_assert_max_num_queries):
    client.force_login(seeded.xs_admin)
    household = xs001()
    with django_assert_max_num_queries(30):
        assert client.get(detail(household)).status_code == 200
    with CaptureQueriesContext(connection) as few:
        client.get(detail(household))
    for seq in range(5):
        services.person_add(
            actor=seeded.xs_admin,
            household=household,
            id_number=make_id(50 + seq, date(1990, 1, 1 + seq)),
            name=f"张{'一二三四五'[seq]}",
            relation="子",
        )
    with CaptureQueriesContext(connection) as many:
        page = html(client.get(detail(household)))
    assert "家庭成员（8）" in page
    assert len(many) == len(few)


# --- households: create, edit, void, restore --------------------------------------------------


def test_a_unit_admin_creates_a_household_and_it_is_audited(client, world):
    client.force_login(world.xs_admin)
    response = client.post("/registry/households/new/", household_form(world, tags="低保、独居"))
    household = Household.objects.get(household_no="XS003")
    assert response.status_code == 302 and response.url == f"/registry/households/{household.pk}/members/new/"
    assert household.unit == world.xinshi and household.tag_list == ["低保", "独居"]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, household_id=household.pk)
    assert entry.actor == world.xs_admin and entry.changes["地址"] == [None, "新市村幸福街3号"]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("phone", "12345", "联系电话格式不对"),
        ("bank_account", "6228480123456789010", "银行卡号校验失败"),
        ("household_no", "XS001", "本单位已有户编号 XS001"),
    ],
)
def test_bad_household_input_is_a_chinese_error_and_writes_nothing(client, seeded, field, value, message):
    client.force_login(seeded.xs_admin)
    before = counts()
    response = client.post(
        "/registry/households/new/", household_form(seeded, bank_name="中国农业银行", **{field: value})
    )
    assert response.status_code == 200 and message in html(response)
    assert counts() == before


def test_editing_a_household_is_audited_old_to_new(client, seeded):
    client.force_login(seeded.xs_admin)
    household = xs001()
    old = household.address
    data = household_form(seeded, household_no="XS001", address="新市村幸福街99号", phone="13812345678")
    response = client.post(f"/registry/households/{household.pk}/edit/", data)
    assert response.status_code == 302 and response.url == detail(household)
    household.refresh_from_db()
    assert household.address == "新市村幸福街99号"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, household_id=household.pk)
    assert entry.changes == {"地址": [old, "新市村幸福街99号"]}
    page = html(client.get(detail(household)))
    assert "修改" in page and old in page and "新市村幸福街99号" in page


@pytest.mark.parametrize("reason", ["", "   "])
def test_voiding_needs_a_reason(client, seeded, reason):
    client.force_login(seeded.xs_admin)
    household = xs001()
    before = counts()
    response = client.post(f"/registry/households/{household.pk}/void/", {"reason": reason})
    assert response.status_code == 200 and "必填" in html(response)
    household.refresh_from_db()
    assert household.status == RecordStatus.ACTIVE and counts() == before


def test_a_voided_household_leaves_the_list_and_can_be_restored(client, seeded):
    client.force_login(seeded.xs_admin)
    household = xs001()
    response = client.post(f"/registry/households/{household.pk}/void/", {"reason": "重复登记"})
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.is_voided and household.void_reason == "重复登记" and household.voided_by == seeded.xs_admin
    assert AuditEntry.objects.get(action=AuditEntry.Action.VOID, household_id=household.pk).reason == "重复登记"
    assert "XS001" not in html(client.get(LIST))
    assert "XS001" in html(client.get(LIST, {"status": "voided"}))
    assert "原因：重复登记" in html(client.get(detail(household)))

    response = client.post(f"/registry/households/{household.pk}/restore/", {"reason": "误作废"})
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.status == RecordStatus.ACTIVE and household.void_reason == ""
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RESTORE, household_id=household.pk).exists()
    assert "XS001" in html(client.get(LIST))


# --- persons ---------------------------------------------------------------------------------


def test_a_field_worker_adds_a_member(client, seeded):
    client.force_login(seeded.xs_worker)
    household = xs001()
    response = client.post(f"/registry/households/{household.pk}/members/new/", person_form())
    assert response.status_code == 302 and response.url == detail(household)
    person = Person.objects.get(name="张小华")
    assert person.household == household and person.birth_date == date(2005, 6, 1) and person.gender == "女"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, object_type="registry.person")
    assert entry.actor == seeded.xs_worker and entry.household_id == household.pk


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"id_number": ZHANG_SAN[:-1] + ("1" if ZHANG_SAN[-1] != "1" else "2")}, "身份证号校验位错误"),
        ({"id_number": "37012519800101"}, "身份证号应为18位"),
        ({"phone": "1381234"}, "联系电话格式不对"),
        ({"id_number": ZHANG_SAN}, "本单位已登记此身份证号"),
        ({"relation": "户主"}, "每户只能有一个户主"),
    ],
)
def test_bad_member_input_is_a_chinese_error_and_writes_nothing(client, seeded, changes, message):
    client.force_login(seeded.xs_admin)
    before = counts()
    response = client.post(f"/registry/households/{xs001().pk}/members/new/", person_form(**changes))
    assert response.status_code == 200 and message in html(response)
    assert counts() == before


def test_editing_a_member_is_audited_old_to_new(client, seeded):
    client.force_login(seeded.xs_admin)
    person = Person.objects.get(name="李梅", household=xs001())
    data = person_form(name="李美", id_number=person.id_number, relation="配偶")
    response = client.post(f"/registry/persons/{person.pk}/edit/", data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name == "李美" and person.name_initials == "lm"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE, object_type="registry.person")
    assert entry.changes == {"姓名": ["李梅", "李美"]}


def test_voiding_a_member_needs_a_reason(client, seeded):
    client.force_login(seeded.xs_admin)
    head = Person.objects.get(id_number=ZHANG_SAN)
    before = counts()
    response = client.post(f"/registry/persons/{head.pk}/void/", {"reason": ""})
    assert response.status_code == 200 and "必填" in html(response)
    assert Person.objects.get(pk=head.pk).status == RecordStatus.ACTIVE and counts() == before


def test_voiding_the_head_is_audited_and_clears_the_head(client, seeded):
    client.force_login(seeded.xs_admin)
    head = Person.objects.get(id_number=ZHANG_SAN)
    response = client.post(f"/registry/persons/{head.pk}/void/", {"reason": "已迁出"})
    assert response.status_code == 302 and response.url == detail(xs001())
    head.refresh_from_db()
    assert head.is_voided and xs001().head is None
    assert AuditEntry.objects.get(action=AuditEntry.Action.VOID, object_type="registry.person").reason == "已迁出"
    assert "已作废：已迁出" in html(client.get(detail(xs001())))


# --- masking by role -------------------------------------------------------------------------


def test_a_field_worker_sees_masked_ids_and_only_the_village(client, seeded):
    masked = mask_id_number(ZHANG_SAN)
    assert masked == ZHANG_SAN[:6] + "************"
    client.force_login(seeded.xs_worker)
    page = html(client.get(detail(xs001())))
    assert masked in page and ZHANG_SAN not in page  # member cards and the import's timeline entry
    assert client.get(detail(Household.objects.get(household_no="XS002"))).status_code == 404  # another village
    assert client.get(f"/api/registry/households/{Household.objects.get(household_no='JY001').pk}").status_code == 404
    client.force_login(seeded.xs_admin)
    page = html(client.get(detail(xs001())))
    assert ZHANG_SAN in page


def test_the_api_masks_ids_and_accounts_for_a_field_worker(client, seeded):
    household = services.household_update(actor=None, household=xs001(), bank_name="中国农业银行", bank_account=ACCOUNT)
    head = Person.objects.get(id_number=ZHANG_SAN)
    client.force_login(seeded.xs_worker)
    data = client.get(f"/api/registry/households/{household.pk}").json()
    assert data["bank_account"] == mask_bank_account(ACCOUNT)
    assert mask_id_number(ZHANG_SAN) in [m["id_number"] for m in data["members"]]
    assert ZHANG_SAN not in str(data)
    assert client.get(f"/api/registry/persons/{head.pk}").json()["id_number"] == mask_id_number(ZHANG_SAN)
    listed = client.get("/api/registry/households").json()
    assert [h["household_no"] for h in listed["items"]] == ["XS001"] and ACCOUNT not in str(listed)

    client.force_login(seeded.xs_admin)
    data = client.get(f"/api/registry/households/{household.pk}").json()
    assert data["bank_account"] == ACCOUNT and ZHANG_SAN in [m["id_number"] for m in data["members"]]
    assert client.get(f"/api/registry/persons/{head.pk}").json()["id_number"] == ZHANG_SAN
    client.logout()
    assert client.get("/api/registry/households").status_code == 401


def test_a_field_worker_never_sees_a_full_bank_account_on_the_page(client, seeded):
    services.household_update(actor=seeded.xs_admin, household=xs001(), bank_name="中国农业银行", bank_account=ACCOUNT)
    client.force_login(seeded.xs_worker)
    page = html(client.get(detail(xs001())))
    assert mask_bank_account(ACCOUNT) in page
    assert ACCOUNT not in page


def test_the_household_pdf_summarises_the_last_changes_masked_for_the_reader(client, seeded):
    from tests.conftest import pdf_text

    household = xs001()
    for n in range(7):
        services.household_update(actor=seeded.xs_admin, household=household, phone=f"1390000111{n}")
    wife = Person.objects.get(name="李梅", household=household)
    new_id = make_id(77, date(1962, 8, 8))
    services.person_update(actor=seeded.xs_admin, person=wife, id_number=new_id)
    client.force_login(seeded.xs_admin)
    client.get(f"/registry/households/{household.pk}/pdf/")  # a print is not a change

    client.force_login(seeded.xs_group_leader)
    text = "".join(pdf_text(client.get(f"/registry/households/{household.pk}/pdf/").content).split())
    summary = text[text.index("最近变更") : text.index("户主签字")]
    assert summary.count("王主任（xs_admin）") == 5 and "打印" not in summary
    assert "共9次变更，以上为最近5次" in summary  # the import, seven phone numbers, one ID number
    assert f"身份证号：{mask_id_number(new_id)}" in summary and new_id not in text
    assert "13900001116" in summary and "13900001111" not in summary
