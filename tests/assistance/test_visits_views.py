"""The helper's field pages: the visit form (its rule, the confirmation), the visit's page and its 登记问题, the
household cards of the helper's home."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from taizhang.assistance.households import helpers_assign
from taizhang.assistance.models import Visit, VisitRuleVersion
from taizhang.registry.importing import household_import
from tests.assistance.conftest import assist, household, visit
from tests.assistance.test_views import visit_data
from tests.conftest import csv_bytes, household_rows, make_id


def test_a_checklist_item_marked_problem_offers_to_register_it(client, assisted):
    on_visit = visit(
        assisted.xs_worker,
        "XS001",
        date(2026, 3, 2),
        "09:00",
        40,
        values={"water": "problem", "water_note": "水管冻裂"},
    )
    client.force_login(assisted.xs_worker)
    detail = client.get(f"/assistance/visits/{on_visit.pk}/").content.decode()
    assert f"?visit={on_visit.pk}&amp;item=water" in detail
    assert "item=housing" not in detail  # 看看房屋 was not marked 有问题


def test_the_problem_form_is_prefilled_from_the_checklist_item(client, assisted):
    on_visit = visit(
        assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40, values={"archive": "problem", "archive_note": ""}
    )
    client.force_login(assisted.xs_worker)
    form = client.get(f"/assistance/problems/new/?visit={on_visit.pk}&item=archive").context["form"]
    assert form.initial == {
        "found_on": date(2026, 3, 2),
        "category": "其他",
        "description": "翻翻档案（档案资料）有问题",
    }
    plain = client.get(f"/assistance/problems/new/?visit={on_visit.pk}").context["form"]
    assert plain.initial == {"found_on": date(2026, 3, 2)}
    assert client.get(f"/assistance/problems/new/?visit={on_visit.pk}&item=roof").status_code == 404


def test_who_may_not_register_a_problem_is_not_offered_it(client, assisted):
    on_visit = visit(
        assisted.xs_worker, "XS001", timezone.localdate() - timedelta(days=1), "09:00", 40, values={"water": "problem"}
    )
    client.force_login(assisted.xs_group_leader)  # sees 新市村's visits, is not XS001's helper
    detail = client.get(f"/assistance/visits/{on_visit.pk}/").content.decode()
    assert "登记问题" not in detail and "登记发现的问题" not in detail
    assert household("XS001").pk == on_visit.assisted_id


def test_the_visit_page_states_the_units_rule_not_a_constant(client, assisted):
    VisitRuleVersion.objects.create(
        unit=assisted.xinshi, effective_from=date(2025, 1, 1), min_minutes=45, min_visits_per_month=3
    )
    client.force_login(assisted.xs_worker)
    page = client.get(f"/assistance/households/{household('XS001').pk}/visit/").content.decode()
    assert 'data-min-minutes="45"' in page and "不少于 3 次，每次不少于 45 分钟" in page
    assert 'data-draft="visit-' in page and "已恢复未提交的草稿" in page  # the note the phone shows on a restored draft


def test_a_submitted_visit_lands_on_its_confirmation(client, assisted):
    xs001 = household("XS001")
    client.force_login(assisted.xs_worker)
    data = visit_data(assisted.xs_worker, mode="phone", idempotency_key="c0ffee-1")
    first = client.post(f"/assistance/households/{xs001.pk}/visit/", data, HTTP_ACCEPT="application/json").json()
    again = client.post(f"/assistance/households/{xs001.pk}/visit/", data, HTTP_ACCEPT="application/json").json()
    recorded = Visit.objects.get()
    assert first["redirect"] == f"/assistance/visits/{recorded.pk}/?submitted=new"
    assert again["redirect"] == f"/assistance/visits/{recorded.pk}/?submitted=again"
    page = client.get(first["redirect"]).content.decode()
    assert "走访已提交" in page and "40 分钟；清单正常 3 项、有问题 1 项；照片 0 张" in page
    assert "计入本月走访" in page and "本月该户有效走访 1/2 次，还差 1 次" in page
    assert "此前已提交，未重复登记" in client.get(again["redirect"]).content.decode()
    assert "走访已提交" not in client.get(f"/assistance/visits/{recorded.pk}/").content.decode()


def test_the_form_without_the_phone_lands_on_the_confirmation_too(client, assisted):
    xs001 = household("XS001")
    client.force_login(assisted.xs_worker)
    response = client.post(f"/assistance/households/{xs001.pk}/visit/", visit_data(assisted.xs_worker))
    assert response.status_code == 302 and response.url.endswith("?submitted=new")


def test_the_confirmation_says_why_a_short_visit_does_not_count(client, assisted, clock):
    clock.set(timezone.make_aware(datetime(2026, 3, 20, 18, 0)))
    short = visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 25)
    client.force_login(assisted.xs_worker)
    page = client.get(f"/assistance/visits/{short.pk}/?submitted=new").content.decode()
    assert "不计入本月：走访时长 25 分钟，不足 30 分钟" in page and "本月该户有效走访 0/2 次" in page


def test_a_visit_entered_for_last_month_is_confirmed_for_that_month(client, assisted, clock):
    clock.set(timezone.make_aware(datetime(2026, 4, 2, 18, 0)))
    late = visit(assisted.xs_worker, "XS001", date(2026, 3, 30), "09:00", 40)
    client.force_login(assisted.xs_worker)
    page = client.get(f"/assistance/visits/{late.pk}/?submitted=new").content.decode()
    assert "计入2026年3月走访" in page and "该月该户有效走访 1/2 次" in page


# --- the helper's household cards ---------------------------------------------------------------


@pytest.fixture
def four_households(assisted, clock):
    """张帮扶 helps XS001 (张三), XS003 (王建国, with 刘芳) and XS004 (赵四) in 新市村; on 2026-03-20 XS001 has one valid
    visit this month, XS003 two, XS004 none, and XS004 passed to 刘组长 on 03-10."""
    clock.set(timezone.make_aware(datetime(2026, 3, 20, 18, 0)))
    rows = [
        ["XS003", "新市村", "新市村和平路8号", "王建国", make_id(50), "户主", "13900001111"],
        ["XS003", "新市村", "新市村和平路8号", "刘芳", make_id(51, date(1975, 1, 1)), "配偶", ""],
        ["XS004", "新市村", "新市村东街3号", "赵四", make_id(60), "户主", "0531-88123456"],
    ]
    assert household_import(unit=assisted.xinshi, data=csv_bytes(rows), filename="more.csv").applied
    for no in ("XS003", "XS004"):
        assist(assisted.xs_admin, no, assisted.xs_worker)
    visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    visit(assisted.xs_worker, "XS003", date(2026, 3, 3), "09:00", 40)
    visit(assisted.xs_worker, "XS003", date(2026, 3, 9), "09:00", 40)
    helpers_assign(
        actor=assisted.xs_admin, assisted=household("XS004"), helpers=[assisted.xs_group_leader], on=date(2026, 3, 10)
    )
    return assisted


def cards_on(client, **query) -> list[str]:
    return [card.household.household_no for card in client.get("/assistance/", query).context["mine"].cards]


def test_the_cards_put_the_most_visits_due_first(client, four_households):
    client.force_login(four_households.xs_worker)
    assert cards_on(client) == ["XS004", "XS001", "XS003"]  # 2, 1 and 0 visits still due


def test_a_card_shows_the_address_and_the_phone_to_call(client, four_households):
    client.force_login(four_households.xs_worker)
    page = client.get("/assistance/").content.decode()
    assert "新市村和平路8号" in page and 'href="tel:13900001111"' in page and 'href="tel:13812345678"' in page


def test_a_household_passed_to_another_helper_shows_its_phone_masked(client, four_households):
    client.force_login(four_households.xs_worker)
    page = client.get("/assistance/").content.decode()
    assert "0531-****3456" in page and "88123456" not in page  # XS004 is 刘组长's since 03-10
    client.force_login(four_households.xs_group_leader)
    assert 'href="tel:0531-88123456"' in client.get("/assistance/").content.decode()


@pytest.mark.parametrize(
    "query, found",
    [("刘芳", ["XS003"]), ("wjg", ["XS003"]), ("东街", ["XS004"]), ("xs001", ["XS001"]), ("钱", []), ("", None)],
)
def test_the_search_finds_cards_by_name_initials_address_or_number(client, four_households, query, found):
    client.force_login(four_households.xs_worker)
    assert cards_on(client, q=query) == (found if found is not None else ["XS004", "XS001", "XS003"])


def test_the_cards_take_the_same_queries_for_any_number_of_households(client, four_households):
    client.force_login(four_households.xs_worker)
    client.get("/assistance/")  # the session and the menu are warm
    with CaptureQueriesContext(connection) as three:
        client.get("/assistance/", {"q": "x"})
    rows = household_rows("XS005", "新市村", 2, 70)
    assert household_import(unit=four_households.xinshi, data=csv_bytes(rows), filename="five.csv").applied
    assist(four_households.xs_admin, "XS005", four_households.xs_worker)
    with CaptureQueriesContext(connection) as four:
        assert len(client.get("/assistance/", {"q": "x"}).context["mine"].cards) == 4
    assert len(four) == len(three)
