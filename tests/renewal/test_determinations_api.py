"""/api/renewal/: determinations, publicities and objections, scoped like the pages and in the OpenAPI schema."""

import json

import pytest

from taizhang.registry.models import Person
from taizhang.renewal.models import Determination, Objection, Publicity
from tests.conftest import PASSWORD
from tests.renewal.test_publicity_services import courtyard, determine_all

pytestmark = pytest.mark.django_db


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def members(renewal, no):
    return list(Person.objects.filter(household=renewal.entry(no).household).order_by("id"))


def test_recording_a_determination_and_reading_the_household(client, renewal):
    entry = renewal.entry("JY001")
    a, b = members(renewal, "JY001")
    login(client, renewal.jy_population_worker)
    url = f"/api/renewal/households/{entry.pk}/determinations"
    response = post(client, url, {"person_id": a.pk, "registered_on": "2020-06-01", "decided_on": "2020-07-01"})
    assert response.status_code == 201, response.content
    assert response.json()["verdict"] == "认定" and "冻结日" in response.json()["reason"]
    post(client, url, {"person_id": a.pk, "registered_on": "2020-06-02", "decided_on": "2020-07-02"})
    body = client.get(url).json()
    person = next(p for p in body["persons"] if p["person_id"] == a.pk)
    assert person["current"]["verdict"] == "不认定" and [h["verdict"] for h in person["history"]] == ["认定"]
    assert body["publicity_status"] == "未公示" and body["determined_on"] is None


def test_refusals_are_400_with_the_chinese_message(client, renewal):
    entry = renewal.entry("JY001")
    a, _ = members(renewal, "JY001")
    login(client, renewal.world.jy_admin)
    url = f"/api/renewal/households/{entry.pk}/determinations"
    response = post(client, url, {"person_id": a.pk, "registered_on": "2010-01-01", "left_for": "soldier"})
    assert response.status_code == 400 and "迁出日期" in response.json()["detail"]
    other = members(renewal, "JY101")[0]
    assert post(client, url, {"person_id": other.pk}).status_code == 400


def test_a_field_worker_outside_the_community_gets_404(client, renewal):
    login(client, renewal.world.jy_worker)
    entry = renewal.entry("JY101")
    assert client.get(f"/api/renewal/households/{entry.pk}/determinations").status_code == 404
    assert (
        post(
            client, f"/api/renewal/households/{entry.pk}/determinations", {"person_id": members(renewal, "JY101")[0].pk}
        ).status_code
        == 404
    )


def test_the_project_list_filters_by_verdict_and_masks_for_the_leader(client, renewal):
    determine_all(renewal, renewal.entry("JY101"))
    determine_all(renewal, renewal.entry("JY102"), registered_on=None)
    login(client, renewal.world.leader)
    url = f"/api/renewal/projects/{renewal.project.pk}/determinations"
    rows = client.get(url, {"verdict": "待定"}).json()
    assert len(rows) == 2 and {r["household_no"] for r in rows} == {"JY102"}
    assert "*" in rows[0]["id_number"]
    assert len(client.get(url).json()) == 5
    assert client.get(url, {"verdict": "乱写"}).status_code == 422


def test_publicity_and_objections_through_the_api(client, renewal):
    courtyard(renewal, "DG-01", [renewal.entry("JY101")], "120.50", "200.00")
    determine_all(renewal, renewal.entry("JY101"))
    login(client, renewal.world.jy_admin)
    response = post(
        client,
        f"/api/renewal/projects/{renewal.project.pk}/publicities",
        {"community_id": renewal.dongguan.pk, "starts_on": "2020-09-01"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["ends_on"] == "2020-09-07" and body["lines"][0]["floor_area"] in ("120.50", 120.5)
    assert body["lines"][0]["counted_persons"] == 3 and body["lines"][0]["status"] == "已确定"
    assert [p["id"] for p in client.get(f"/api/renewal/projects/{renewal.project.pk}/publicities").json()] == [
        body["id"]
    ]
    entry = renewal.entry("JY101")
    url = f"/api/renewal/publicities/{body['id']}/objections"
    late = post(
        client, url, {"entry_id": entry.pk, "submitted_by": "张三", "received_on": "2020-09-08", "content": "有误"}
    )
    assert late.status_code == 400 and "公示期内" in late.json()["detail"]
    made = post(
        client, url, {"entry_id": entry.pk, "submitted_by": "张三", "received_on": "2020-09-02", "content": "有误"}
    )
    assert made.status_code == 201 and made.json()["status"] == "open"
    assert client.get(f"/api/renewal/publicities/{body['id']}").json()["lines"][0]["status"] == "已公示·有异议"
    answer = post(
        client,
        f"/api/renewal/objections/{made.json()['id']}/answer",
        {"answer": "维持", "outcome": "维持原结果", "answered_on": "2020-09-03"},
    )
    assert answer.status_code == 200 and answer.json()["outcome"] == "维持原结果"
    again = post(client, f"/api/renewal/objections/{made.json()['id']}/answer", {"answer": "再答", "outcome": "已更正"})
    assert again.status_code == 400 and "已答复" in again.json()["detail"]
    assert len(client.get(url).json()) == 1


def test_a_field_worker_may_not_create_a_publicity(client, renewal):
    determine_all(renewal, renewal.entry("JY101"))
    login(client, renewal.jy_population_worker)
    response = post(
        client,
        f"/api/renewal/projects/{renewal.project.pk}/publicities",
        {"community_id": renewal.dongguan.pk, "starts_on": "2020-09-01"},
    )
    assert response.status_code == 403 and not Publicity.objects.exists()


def test_the_routes_are_in_the_openapi_schema(client, renewal):
    login(client, renewal.world.jy_admin)
    paths = client.get("/api/openapi.json").json()["paths"]
    for route in (
        "/api/renewal/projects/{project_id}/determinations",
        "/api/renewal/households/{entry_id}/determinations",
        "/api/renewal/publicities/{publicity_id}/objections",
        "/api/renewal/objections/{objection_id}/answer",
    ):
        assert route in paths
    assert Determination.objects.count() == 0 and Objection.objects.count() == 0
