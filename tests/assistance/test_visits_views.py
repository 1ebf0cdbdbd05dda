"""The helper's field pages: the visit form (its rule, the confirmation), the visit's page and its 登记问题, the
household cards of the helper's home."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from taizhang.assistance.models import Visit, VisitRuleVersion
from tests.assistance.conftest import household, visit
from tests.assistance.test_views import visit_data


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
