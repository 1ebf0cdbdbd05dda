"""/api/renewal/ 控违拆违 routes: list with filters, a report with photos (multipart), its progress; scoped."""

from __future__ import annotations

from datetime import timedelta

from taizhang.renewal.models import Violation
from tests.conftest import PASSWORD
from tests.renewal.conftest import FREEZE
from tests.renewal.test_violations_services import jpeg, report


def test_a_report_with_photos_then_its_demolition(client, renewal):
    client.login(username="jy_admin", password=PASSWORD)
    entry = renewal.entry("JY101")
    created = client.post(
        f"/api/renewal/projects/{renewal.project.pk}/violations",
        {
            "location": "东关居幸福街01号院内",
            "kind": "改建装修",
            "description": "突击装修",
            "area": "20.00",
            "found_on": (FREEZE + timedelta(days=2)).isoformat(),
            "entry_id": entry.pk,
            "photos": [jpeg("a.jpg"), jpeg("b.jpg")],
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["community"] == "东关居" and body["group"] == "第二工作组" and len(body["photos"]) == 2
    assert client.get(body["photos"][0]["url"]).status_code == 200
    url = f"/api/renewal/violations/{body['id']}/progress"
    refused = client.post(url, {"progress": "demolished", "on": (FREEZE + timedelta(days=9)).isoformat()})
    assert refused.status_code == 400 and "照片" in refused.json()["detail"]
    done = client.post(
        url, {"progress": "demolished", "on": (FREEZE + timedelta(days=9)).isoformat(), "photos": [jpeg("after.jpg")]}
    ).json()
    assert done["progress_label"] == "已拆除" and [p["stage"] for p in done["photos"]].count("demolished") == 1
    back = client.post(url, {"progress": "stopped", "on": (FREEZE + timedelta(days=9)).isoformat()})
    assert back.status_code == 400 and "只能向前" in back.json()["detail"]


def test_a_report_in_a_community_and_a_refused_date(client, renewal):
    client.login(username="jy_admin", password=PASSWORD)
    url = f"/api/renewal/projects/{renewal.project.pk}/violations"
    refused = client.post(
        url,
        {
            "location": "北街",
            "description": "新建棚",
            "community_id": renewal.world.chengli.pk,
            "found_on": (FREEZE - timedelta(days=1)).isoformat(),
        },
    )
    assert refused.status_code == 400 and "冻结" in refused.json()["detail"]
    outside = client.post(
        url,
        {
            "location": "北街",
            "description": "新建棚",
            "community_id": renewal.world.xinshi_village.pk,
            "found_on": FREEZE.isoformat(),
        },
    )
    assert outside.status_code == 400
    made = client.post(
        url,
        {
            "location": "北街",
            "description": "新建棚",
            "community_id": renewal.world.chengli.pk,
            "found_on": FREEZE.isoformat(),
        },
    )
    assert made.status_code == 201 and made.json()["entry_id"] is None and made.json()["community"] == "城里居"


def test_the_list_filters_by_community_and_progress(client, renewal):
    report(renewal)
    report(renewal, entry=renewal.entry("JY001"))
    client.login(username="jy_admin", password=PASSWORD)
    url = f"/api/renewal/projects/{renewal.project.pk}/violations"
    assert len(client.get(url).json()) == 2
    assert [v["community"] for v in client.get(url, {"community_id": renewal.dongguan.pk}).json()] == ["东关居"]
    assert client.get(url, {"progress": "demolished"}).json() == []
    client.logout()
    client.login(username="jy_worker", password=PASSWORD)
    assert [v["community"] for v in client.get(url).json()] == ["城里居"]


def test_another_unit_gets_404(client, renewal):
    violation = report(renewal)
    client.login(username="xs_admin", password=PASSWORD)
    assert client.get(f"/api/renewal/violations/{violation.pk}").status_code == 404
    assert client.post(f"/api/renewal/violations/{violation.pk}/progress", {"progress": "stopped"}).status_code == 404
    assert client.post(f"/api/renewal/projects/{renewal.project.pk}/violations", {}).status_code == 404
    assert Violation.objects.count() == 1
