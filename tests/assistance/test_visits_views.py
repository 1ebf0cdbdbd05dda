"""The helper's field pages: the visit form (its rule, the confirmation), the visit's page and its 登记问题, the
household cards of the helper's home."""

from datetime import date, timedelta

from django.utils import timezone

from tests.assistance.conftest import household, visit


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
