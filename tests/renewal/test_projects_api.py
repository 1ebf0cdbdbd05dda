"""/api/renewal/projects: the same scope and refusals as the pages."""

from taizhang.renewal.models import ProjectHousehold
from tests.conftest import PASSWORD


def test_the_api_lists_the_units_projects_with_groups(client, renewal):
    client.login(username="jy_worker", password=PASSWORD)
    [project] = client.get("/api/renewal/projects").json()
    assert project["name"] == "老城区棚改" and project["communities"] == ["城里居", "东关居"]
    detail = client.get(f"/api/renewal/projects/{project['id']}").json()
    assert [g["name"] for g in detail["groups"]] == ["第一工作组", "第二工作组", "人口界定工作组"]


def test_a_community_worker_lists_only_their_communitys_households(client, renewal):
    client.login(username="jy_worker", password=PASSWORD)
    rows = client.get(f"/api/renewal/projects/{renewal.project.pk}/households").json()["items"]
    assert [r["household_no"] for r in rows] == ["JY001"]


def test_the_admin_adds_a_household_and_a_worker_is_refused(client, renewal):
    ProjectHousehold.objects.filter(household__household_no="JY102").delete()
    url = f"/api/renewal/projects/{renewal.project.pk}/households"
    client.login(username="jy_worker", password=PASSWORD)
    assert client.post(url, {"household_no": "JY001"}, content_type="application/json").status_code == 403
    client.login(username="jy_admin", password=PASSWORD)
    response = client.post(url, {"household_no": "JY102"}, content_type="application/json")
    assert response.status_code == 201 and response.json()["group"] == "第二工作组"
    assert (
        client.post(url, {"household_no": "JY102"}, content_type="application/json")
        .json()["detail"]
        .endswith("已在项目“老城区棚改”的征收范围内")
    )


def test_another_units_project_is_a_404(client, renewal):
    from tests.renewal.conftest import xinshi_project

    other = xinshi_project(renewal.world)
    client.login(username="jy_admin", password=PASSWORD)
    assert client.get(f"/api/renewal/projects/{other.pk}").status_code == 404
    assert client.get("/api/renewal/projects").json()[0]["name"] == "老城区棚改"


def test_the_freeze_notice_is_read_through_the_api(client, renewal):
    from datetime import date

    from taizhang.renewal.projects import freeze_notice_save

    client.login(username="jy_worker", password=PASSWORD)
    url = f"/api/renewal/projects/{renewal.project.pk}/freeze-notice"
    assert client.get(url).json()["detail"] == "该项目还没有发布冻结公告"
    freeze_notice_save(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        issued_on=date(2020, 5, 25),
        scope="红线内",
        text="自2020年6月1日起冻结。",
    )
    assert client.get(url).json() == {
        "issued_on": "2020-05-25",
        "freeze_date": "2020-06-01",
        "scope": "红线内",
        "text": "自2020年6月1日起冻结。",
    }
