"""The pipeline's pages: the project list and its filters, a project's page, moving a stage with evidence, dropping
through a confirm page, follow-ups and credits, lead sources and stage norms — scoped to the unit, with bounded
queries."""

from datetime import date
from decimal import Decimal

import pytest

from taizhang.enterprise import pipeline
from taizhang.enterprise.models import EnterpriseFigure, Project, StageEvent
from tests.enterprise.fixtures_pipeline import TODAY, new_project, pdf, signed_project


@pytest.fixture(autouse=True)
def _today(clock):
    clock.set(TODAY)


def names(client, query=""):
    page = client.get(f"/enterprise/projects/?{query}")
    assert page.status_code == 200
    return {p.name for p, _, _ in page.context["rows"]}


def test_the_list_filters_by_stage_source_chain_officer_and_search(ez, login, world):
    client = login(ez.officer)
    assert names(client) == {"黄河饮品扩产项目", "智能装配线项目", "冷链物流中心项目"}
    assert names(client, "stage=started") == {"智能装配线项目"}
    assert names(client, f"source={ez.referral.pk}") == {"黄河饮品扩产项目"}
    assert names(client, f"chain={ez.smart_chain.pk}") == {"智能装配线项目"}
    assert names(client, "q=台商") == {"冷链物流中心项目"}
    assert names(client, f"officer={world.xs_worker.pk}") == set()


def test_stuck_projects_are_those_longer_in_their_stage_than_its_usual_time(ez, login):
    # 签约 since 2020-06-01 (60 days usual), 开工 since 2020-08-15 (365), 洽谈 since 2020-09-01 (90)
    client = login(ez.officer)
    assert names(client, "stuck=on") == {"黄河饮品扩产项目", "冷链物流中心项目"}
    assert "停滞" in client.get(f"/enterprise/projects/{ez.projects[0].pk}/").content.decode()


def test_projects_behind_their_promise_are_listed_and_flagged(ez, login):
    project = ez.projects[1]  # 智能装配线项目 of 齐鲁智造 (120 亩; 2020: output 24,000, tax 1,000)
    Project.objects.filter(pk=project.pk).update(
        promise_year=2020, promised_output_per_mu=Decimal(300), promised_tax_per_mu=Decimal(5)
    )
    client = login(ez.officer)
    assert names(client, "lagging=on") == {"智能装配线项目"}
    text = client.get(f"/enterprise/projects/{project.pk}/").content.decode()
    assert "达效滞后" in text and "2020 年亩均产值 200.00 万元/亩，低于承诺的 300 万元/亩" in text
    EnterpriseFigure.objects.filter(enterprise=project.enterprise, year=2020).update(output=Decimal(40000))
    assert names(client, "lagging=on") == set()


def test_the_list_and_a_project_page_ask_a_bounded_number_of_queries(ez, login, django_assert_max_num_queries):
    project = signed_project(ez)
    pipeline.follow_up_add(actor=ez.officer, project=project, happened_on=TODAY, summary="回访")
    for n in range(25):
        new_project(ez, name=f"批量项目{n}")
    client = login(ez.officer)
    with django_assert_max_num_queries(20):
        assert client.get("/enterprise/projects/?stuck=on&lagging=on").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(f"/enterprise/projects/{project.pk}/").status_code == 200


def test_another_units_project_and_evidence_are_404(ez, login, world):
    project = signed_project(ez)
    event = StageEvent.objects.get(project=project, stage="signed")
    client = login(world.jy_admin)
    for url in (
        f"/enterprise/projects/{project.pk}/",
        f"/enterprise/projects/{project.pk}/move/",
        f"/enterprise/stage-events/{event.pk}/evidence/",
    ):
        assert client.get(url).status_code == 404, url
    assert login(ez.officer).get(f"/enterprise/stage-events/{event.pk}/evidence/").status_code == 200


def test_an_officer_creates_a_project_and_moves_it_with_evidence(ez, login):
    client = login(ez.officer)
    response = client.post(
        "/enterprise/projects/new/",
        {
            "name": "特医食品项目",
            "investor": "日本某株式会社",
            "chain": ez.food_chain.pk,
            "source": ez.station.pk,
            "officer": ez.officer.pk,
            "planned_investment": "30000",
            "start_stage": "talks",
            "start_on": "2021-01-05",
        },
    )
    project = Project.objects.get(name="特医食品项目")
    assert response.status_code == 302 and project.stage == "talks"
    refused = client.post(f"/enterprise/projects/{project.pk}/move/", {"target": "signed", "on": "2021-02-01"})
    assert "须上传佐证材料" in refused.content.decode()
    moved = client.post(
        f"/enterprise/projects/{project.pk}/move/",
        {"target": "signed", "on": "2021-02-01", "evidence": pdf(), "note": "签订投资协议"},
    )
    assert moved.status_code == 302
    project.refresh_from_db()
    assert (project.stage, project.stage_on) == ("signed", date(2021, 2, 1))
    page = client.get(f"/enterprise/projects/{project.pk}/").content.decode()
    assert "签订投资协议" in page and "佐证材料" in page and "撤回最近推进" in page


def test_dropping_asks_for_confirmation_and_can_be_withdrawn(ez, login):
    project = ez.projects[2]
    client = login(ez.officer)
    first = client.post(f"/enterprise/projects/{project.pk}/drop/", {"on": "2021-02-01", "reason": "投资方撤资"})
    assert "确认终止" in first.content.decode()
    assert Project.objects.get(pk=project.pk).dropped_on is None
    client.post(
        f"/enterprise/projects/{project.pk}/drop/", {"on": "2021-02-01", "reason": "投资方撤资", "confirmed": "True"}
    )
    assert Project.objects.get(pk=project.pk).dropped_on == date(2021, 2, 1)
    assert names(client) == {"黄河饮品扩产项目", "智能装配线项目"}
    assert names(client, "dropped=on") == {"冷链物流中心项目"}
    client.post(f"/enterprise/projects/{project.pk}/drop/withdraw/", {"reason": "投资方回心转意"})
    assert Project.objects.get(pk=project.pk).dropped_on is None


def test_follow_ups_and_credits_are_recorded_from_the_project_page(ez, login, world):
    project = ez.projects[0]
    client = login(ez.officer)
    client.post(
        f"/enterprise/projects/{project.pk}/follow-ups/new/",
        {
            "happened_on": "2021-02-20",
            "summary": "企业反映用电增容",
            "next_action": "协调供电",
            "next_on": "2021-03-05",
        },
    )
    refused = client.post(
        f"/enterprise/projects/{project.pk}/credits/",
        {"user_0": ez.officer.pk, "share_0": "70", "user_1": world.xs_worker.pk, "share_1": "20"},
    )
    assert "合计须为 100%，现为 90%" in refused.content.decode()
    client.post(
        f"/enterprise/projects/{project.pk}/credits/",
        {"user_0": ez.officer.pk, "share_0": "70", "user_1": world.xs_worker.pk, "share_1": "30"},
    )
    page = client.get(f"/enterprise/projects/{project.pk}/").content.decode()
    assert "企业反映用电增容" in page and "协调供电" in page and "70%" in page and "30%" in page


def test_lead_sources_and_stage_norms_are_the_admins_to_set(ez, login):
    officer = login(ez.officer)
    assert "台湾招商站" in officer.get("/enterprise/stations/").content.decode()
    assert officer.get("/enterprise/stations/new/").status_code == 403
    assert "设置新标准" not in officer.get("/enterprise/stage-norms/").content.decode()
    admin = login(ez.admin)
    admin.post(
        "/enterprise/stations/new/", {"name": "美国招商站", "kind": "station", "region": "美国", "is_active": "on"}
    )
    assert "美国招商站" in admin.get("/enterprise/stations/").content.decode()
    data = {"effective_on": "2021-03-01"}
    for code, days in [("lead", 30), ("talks", 90), ("signed", 60), ("registered", 90), ("land", 180)]:
        data[f"days_{code}"] = days
    data |= {"days_started": 365, "days_producing": 365}
    data |= {f"probability_{c}": 50 for c in ("lead", "talks", "signed", "registered", "land", "started", "producing")}
    data["probability_performing"] = 100
    assert admin.post("/enterprise/stage-norms/", data).status_code == 302
    assert names(admin, "stuck=on") == {"黄河饮品扩产项目", "冷链物流中心项目"}


def test_the_enterprise_file_shows_its_projects_with_their_stage(ez, login):
    text = login(ez.officer).get(f"/enterprise/enterprises/{ez.enterprises[1].pk}/").content.decode()
    assert 'id="section-pipeline"' in text and "智能装配线项目" in text
    assert '<span class="badge text-bg-primary">开工</span>' in text


def test_the_api_lists_projects_with_the_pages_filters_and_reads_one_with_its_path(ez, login, world):
    project = signed_project(ez)
    client = login(ez.officer)
    listed = client.get("/api/enterprise/projects?stuck=true").json()
    assert {p["name"] for p in listed["items"]} == {"黄河饮品扩产项目", "冷链物流中心项目", "新材料项目"}
    detail = client.get(f"/api/enterprise/projects/{project.pk}").json()
    assert detail["stage_label"] == "签约"
    assert [(e["stage"], e["skipped"], e["has_evidence"]) for e in detail["events"]] == [
        ("lead", False, False),
        ("talks", True, False),
        ("signed", False, True),
    ]
    assert login(world.jy_admin).get(f"/api/enterprise/projects/{project.pk}").status_code == 404
