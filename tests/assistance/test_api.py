"""/api/assistance/: the same operations as the pages, scoped the same way, in the OpenAPI schema."""

import json
from datetime import date, timedelta

from django.utils import timezone

from taizhang.assistance.models import Visit
from tests.assistance.conftest import household, visit


def post(client, url, payload):
    return client.post(url, json.dumps(payload, default=str), content_type="application/json")


def recent(minutes=40):
    start = timezone.now() - timedelta(minutes=minutes + 10)
    return {"started_at": start.isoformat(), "ended_at": (start + timedelta(minutes=minutes)).isoformat()}


def test_a_helper_records_a_visit_once_however_often_it_is_sent(client, assisted):
    client.force_login(assisted.xs_worker)
    url = f"/api/assistance/households/{household('XS001').pk}/visits"
    payload = recent() | {
        "water": "ok",
        "housing": "problem",
        "housing_note": "墙体裂缝",
        "idempotency_key": "api-1",
        "start_latitude": "36.978400",
        "start_longitude": "117.176900",
    }
    first, again = post(client, url, payload), post(client, url, payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and first.json()["counted"] and Visit.objects.count() == 1
    stored = Visit.objects.get()
    assert (stored.housing, stored.housing_note, str(stored.start_latitude)) == ("problem", "墙体裂缝", "36.978400")
    listed = client.get(url).json()
    assert [v["id"] for v in listed] == [stored.pk] and listed[0]["visitors"] == ["张帮扶"]


def test_bad_visits_get_chinese_errors(client, assisted):
    client.force_login(assisted.xs_worker)
    url = f"/api/assistance/households/{household('XS001').pk}/visits"
    backwards = {"started_at": recent()["ended_at"], "ended_at": recent()["started_at"]}
    assert post(client, url, backwards).json()["detail"] == "结束时间必须晚于开始时间"
    assert post(client, url, recent() | {"visitors": [assisted.jy_worker.pk]}).status_code == 400
    short = post(client, url, recent(minutes=20)).json()
    assert not short["counted"] and short["not_counted_reason"] == "走访时长 20 分钟，不足 30 分钟"


def test_not_the_households_helper_is_403_and_another_village_is_404(client, assisted):
    client.force_login(assisted.xs_group_leader)
    assert post(client, f"/api/assistance/households/{household('XS001').pk}/visits", recent()).status_code == 403
    client.force_login(assisted.xs_worker)
    assert post(client, f"/api/assistance/households/{household('XS002').pk}/visits", recent()).status_code == 404
    assert not Visit.objects.exists()


def test_mine_and_compliance(client, assisted):
    for day in (date(2026, 3, 2), date(2026, 3, 9)):
        visit(assisted.xs_worker, "XS001", day, "09:00", 40)
    client.force_login(assisted.xs_worker)
    mine = client.get("/api/assistance/mine", {"month": "2026-03"}).json()
    assert [(r["household_no"], r["valid_visits"], r["met"]) for r in mine["rows"]] == [("XS001", 2, True)]
    client.force_login(assisted.xs_admin)
    town = client.get("/api/assistance/compliance", {"month": "2026-03"}).json()
    assert (town["households"], town["met"], town["missing_visits"]) == (2, 1, 2)
    assert client.get("/api/assistance/compliance", {"month": "2026-13"}).status_code == 400


def test_voiding_through_the_api(client, assisted):
    recorded = visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    client.force_login(assisted.xs_worker)
    assert post(client, f"/api/assistance/visits/{recorded.pk}/void", {"reason": " "}).status_code == 400
    voided = post(client, f"/api/assistance/visits/{recorded.pk}/void", {"reason": "录错户"}).json()
    assert voided["status"] == "voided" and not voided["counted"]
    client.force_login(assisted.jy_admin)
    assert client.get(f"/api/assistance/visits/{recorded.pk}").status_code == 404


def test_the_operations_are_in_the_openapi_schema(client, assisted):
    client.force_login(assisted.xs_admin)
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/assistance/mine",
        "/api/assistance/compliance",
        "/api/assistance/households/{assisted_id}/visits",
        "/api/assistance/visits/{visit_id}",
        "/api/assistance/visits/{visit_id}/void",
    ):
        assert path in paths, path


def test_a_problem_through_the_api(client, assisted):
    from taizhang.assistance.models import Department, Problem
    from taizhang.assistance.problems import ensure_departments

    found = visit(assisted.xs_worker, "XS001", timezone.localdate() - timedelta(days=1), "09:00", 40)
    client.force_login(assisted.xs_worker)
    created = post(
        client,
        f"/api/assistance/households/{household('XS001').pk}/problems",
        {"category": "医疗", "description": "慢性病药费负担重", "visit_id": found.pk},
    )
    assert created.status_code == 201 and created.json()["stage"] == "reported"
    problem_id = created.json()["id"]
    ensure_departments(assisted.xinshi.id)
    clinic = Department.objects.get(unit=assisted.xinshi, name="卫生院")
    assert (
        post(client, f"/api/assistance/problems/{problem_id}/assign", {"department_id": clinic.pk}).status_code == 403
    )
    client.force_login(assisted.xs_admin)
    assigned = post(client, f"/api/assistance/problems/{problem_id}/assign", {"department_id": clinic.pk}).json()
    assert assigned["department"] == "卫生院" and assigned["due_date"] and not assigned["overdue"]
    assert post(client, f"/api/assistance/problems/{problem_id}/resolve", {"resolution": ""}).status_code == 400
    assert (
        post(client, f"/api/assistance/problems/{problem_id}/resolve", {"resolution": "纳入慢病救助"}).json()["stage"]
        == "resolved"
    )
    assert [p["id"] for p in client.get("/api/assistance/problems").json()] == [problem_id]
    client.force_login(assisted.jy_admin)
    assert client.get(f"/api/assistance/problems/{problem_id}").status_code == 404
    assert Problem.objects.count() == 1


def test_trainings_archives_and_living_environment_through_the_api(client, assisted):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from taizhang.assistance.archives import archive_check
    from taizhang.assistance.environment import batch_create
    from taizhang.assistance.models import FurnitureNeed, TrainingSession
    from taizhang.assistance.trainings import schedule
    from tests.assistance.test_views import jpeg

    schedule(actor=assisted.xs_admin, unit_id=assisted.xinshi.id, start=date(2026, 3, 2), until=date(2026, 3, 2))
    session = TrainingSession.objects.get()
    client.force_login(assisted.xs_admin)
    attended = post(client, f"/api/assistance/trainings/{session.pk}/attendance", {"present": [assisted.xs_worker.pk]})
    assert attended.json()["present"] == 1 and attended.json()["expected"] == 2
    assert client.get("/api/assistance/trainings", {"month": "2026-03"}).json()[0]["held"]

    archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    findings = client.get("/api/assistance/archive-findings").json()
    assert findings and all(f["fixed_at"] is None for f in findings)
    assert post(client, f"/api/assistance/archive-findings/{findings[0]['id']}/fix", {"note": ""}).status_code == 400
    assert post(client, f"/api/assistance/archive-findings/{findings[0]['id']}/fix", {"note": "已补齐"}).json()[
        "fixed_at"
    ]

    client.force_login(assisted.xs_worker)
    xs001 = household("XS001").pk
    assert (
        post(
            client,
            f"/api/assistance/households/{xs001}/cleanings",
            {"cleaner_kind": "party", "cleaner_name": "王党员", "rating": "好"},
        ).status_code
        == 201
    )
    need = post(client, f"/api/assistance/households/{xs001}/furniture-needs", {"item": "床"}).json()
    assert need["stage"] == "待采购"
    batch_create(
        actor=assisted.xs_admin,
        unit_id=assisted.xinshi.id,
        day=date(2026, 3, 1),
        supplier="家具厂",
        lines=[("床", 1, __import__("decimal").Decimal("600"))],
        needs=[FurnitureNeed.objects.get(pk=need["id"])],
    )
    delivered = client.post(
        f"/api/assistance/furniture-needs/{need['id']}/delivery",
        {"photo": SimpleUploadedFile("d.jpg", jpeg().read(), content_type="image/jpeg")},
    )
    assert delivered.status_code == 200 and delivered.json()["stage"] == "已送达"
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/assistance/furniture-needs/{need_id}/delivery" in paths and "/api/assistance/trainings" in paths
