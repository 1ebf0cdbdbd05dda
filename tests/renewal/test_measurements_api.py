"""/api/renewal/: sites, a site with its measurements, recording (JSON), photos (multipart), voiding."""

from datetime import date
from decimal import Decimal as D

from taizhang.renewal import measurements
from taizhang.renewal.models import Measurement, Site
from taizhang.renewal.sites import site_create
from tests.conftest import PASSWORD
from tests.renewal.scoping_measurements import jpeg


def _site(renewal):
    return site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number="CL-001",
        community=renewal.world.chengli,
        owners=[renewal.entry("JY001")],
    )


def _payload(renewal, **extra):
    return {
        "measured_on": "2020-05-20",
        "measurers": [renewal.jy_group_leader.pk, renewal.world.jy_worker.pk],
        "buildings": [{"label": "主房", "structure": "砖混", "floors": 2, "floor_area": "160.25"}],
        "attachments": [{"kind": "水井", "quantity": "1", "measure_unit": "眼"}],
        "site_area": "100",
        **extra,
    }


def test_record_list_get_photos_and_void(client, renewal):
    site = _site(renewal)
    client.login(username="jy_group", password=PASSWORD)
    response = client.post(
        f"/api/renewal/sites/{site.pk}/measurements", _payload(renewal), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["floor_area"] == "160.25" and body["is_current"] and body["source"] == "api"
    assert body["buildings"][0]["floors"] == 2 and body["attachments"][0]["kind"] == "水井"
    listed = client.get(f"/api/renewal/projects/{renewal.project.pk}/sites", {"measured": "yes"}).json()
    assert [s["number"] for s in listed] == ["CL-001"] and listed[0]["owners"] == ["JY001"]
    response = client.post(f"/api/renewal/measurements/{body['id']}/photos", {"photos": [jpeg("a.jpg"), jpeg("b.jpg")]})
    assert response.status_code == 201 and len(response.json()["photo_ids"]) == 2
    detail = client.get(f"/api/renewal/sites/{site.pk}").json()
    assert len(detail["measurements"]) == 1 and len(detail["measurements"][0]["photo_ids"]) == 2
    response = client.post(
        f"/api/renewal/measurements/{body['id']}/void", {"reason": "量错了"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "voided"
    site.refresh_from_db()
    assert site.measured_on is None


def test_refusals_are_400_with_the_chinese_message(client, renewal):
    site = _site(renewal)
    client.login(username="jy_group", password=PASSWORD)
    response = client.post(
        f"/api/renewal/sites/{site.pk}/measurements",
        _payload(renewal, measured_on="2019-01-01"),
        content_type="application/json",
    )
    assert response.status_code == 400 and "不能早于项目启动日期" in response.json()["detail"]
    response = client.post(
        f"/api/renewal/sites/{site.pk}/measurements",
        _payload(renewal, measurers=[renewal.jy_group_leader.pk, renewal.world.xs_worker.pk]),
        content_type="application/json",
    )
    assert response.status_code == 400 and "不属于本单位" in response.json()["detail"]
    response = client.post(
        f"/api/renewal/sites/{site.pk}/measurements",
        _payload(renewal, buildings=[{"structure": "土坯", "floor_area": "10"}]),
        content_type="application/json",
    )
    assert response.status_code == 400 and "建筑结构" in response.json()["detail"]
    assert not Measurement.objects.exists()


def test_flagged_sites_are_filtered(client, renewal):
    site = _site(renewal)
    measurements.measurement_record(
        actor=renewal.world.jy_admin,
        site=site,
        measured_on=date(2020, 5, 20),
        measurers=[renewal.jy_group_leader, renewal.world.jy_worker],
        buildings=[{"structure": "砖混", "floor_area": D("2500")}],
    )
    client.login(username="jy_admin", password=PASSWORD)
    flagged = client.get(f"/api/renewal/projects/{renewal.project.pk}/sites", {"flagged": "true"}).json()
    assert len(flagged) == 1 and "超过 2000 m²" in flagged[0]["flags"][0]


def test_another_community_is_404(client, renewal):
    site = site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.FACTORY,
        number="F-1",
        community=renewal.dongguan,
        enterprise="东关印刷厂",
    )
    client.login(username="jy_worker", password=PASSWORD)
    assert client.get(f"/api/renewal/sites/{site.pk}").status_code == 404
    assert (
        client.post(
            f"/api/renewal/sites/{site.pk}/measurements", _payload(renewal), content_type="application/json"
        ).status_code
        == 404
    )
