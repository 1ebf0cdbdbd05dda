"""链长制 pages: the chains with their counts, a chain's map with its gaps, placing and removing enterprises, targets
and their list, the chain's figures, the 产业链 part of an enterprise's file page and the API; each scoped to the
user's unit and checked against the user's role."""

from datetime import date

import pytest

from taizhang.audit.models import AuditEntry
from taizhang.enterprise import chains as services
from taizhang.enterprise.models import Chain, ChainLink, ChainTarget


@pytest.fixture
def targets(ez):
    gap = ez.links["冷链物流"]
    return [
        services.target_create(
            actor=None,
            link=gap,
            company="青岛冷鲜物流集团",
            region="山东青岛",
            reason="区域冷链仓配",
            officer=ez.officer,
            next_on=date(2020, 10, 1),
        ),
        services.target_create(
            actor=None, link=ez.links["核心零部件"], company="台中精密机电", region="台湾台中", status="talks"
        ),
    ]


def test_the_chains_page_counts_links_gaps_enterprises_and_open_targets(ez, targets, login):
    page = login(ez.officer).get("/enterprise/chains/")
    rows = {row.chain.name: row for row in page.context["rows"]}
    food, smart = rows["食品饮料"], rows["智能制造"]
    assert (food.links, food.gaps, food.enterprises, food.open_targets) == (3, 1, 2, 1)
    # 华宇零部件 left the zone: 核心零部件 is a gap and the chain counts one enterprise
    assert (smart.links, smart.gaps, smart.enterprises, smart.open_targets) == (2, 1, 1, 1)
    assert "王链长" in page.content.decode() and "新建产业链" not in page.content.decode()


def test_the_map_shows_links_in_three_columns_with_gaps_and_their_targets(ez, targets, login):
    page = login(ez.officer).get(f"/enterprise/chains/{ez.food_chain.pk}/")
    chain_map = page.context["map"]
    assert [[v.link.name for v in column] for _, _, column in chain_map.columns] == [
        ["原料种植"],
        ["食品加工"],
        ["冷链物流"],
    ]
    assert [v.link.name for v in chain_map.gaps] == ["冷链物流"]
    text = page.content.decode()
    assert "缺链 1 个环节" in text and "青岛冷鲜物流集团" in text
    assert f'href="/enterprise/enterprises/{ez.enterprises[0].pk}/"' in text


def test_an_enterprise_that_left_shows_on_its_link_but_does_not_fill_it(ez, login):
    chain_map = login(ez.officer).get(f"/enterprise/chains/{ez.smart_chain.pk}/").context["map"]
    gap = next(v for v in chain_map.gaps)
    assert gap.link.name == "核心零部件" and [e.name for e in gap.enterprises] == ["华宇零部件有限公司"]
    assert "已迁出，不补链" in login(ez.officer).get(f"/enterprise/chains/{ez.smart_chain.pk}/").content.decode()


def test_an_officer_places_an_enterprise_on_a_gap_and_takes_it_off_with_a_reason(ez, login):
    client = login(ez.officer)
    gap = ez.links["冷链物流"]
    response = client.post(f"/enterprise/links/{gap.pk}/place/", {"enterprise": ez.enterprises[2].pk})
    assert response.status_code == 302 and response["Location"].endswith(f"#link-{gap.pk}")
    assert not client.get(f"/enterprise/chains/{ez.food_chain.pk}/").context["map"].gaps
    client.post(f"/enterprise/links/{gap.pk}/unplace/", {"enterprise": ez.enterprises[2].pk, "reason": ""})
    assert gap.enterprises.count() == 1  # no reason, nothing removed
    client.post(f"/enterprise/links/{gap.pk}/unplace/", {"enterprise": ez.enterprises[2].pk, "reason": "录入有误"})
    assert gap.enterprises.count() == 0
    entries = AuditEntry.objects.filter(object_type="enterprise.placement").order_by("id")
    assert [(e.action, e.reason) for e in entries] == [("create", ""), ("void", "录入有误")]
    assert entries[0].actor_id == ez.officer.pk and "济阳黄河饮品有限公司" in entries[0].object_repr


def test_an_enterprise_that_left_cannot_be_placed(ez, login):
    client = login(ez.officer)
    gap = ez.links["冷链物流"]
    client.post(f"/enterprise/links/{gap.pk}/place/", {"enterprise": ez.enterprises[3].pk})
    assert gap.enterprises.count() == 0
    with pytest.raises(Exception, match="已迁出"):
        services.placement_add(actor=ez.officer, link=gap, enterprise=ez.enterprises[3])


def test_only_the_unit_admin_sets_chains_and_links(ez, login, world):
    officer = login(ez.officer)
    assert officer.get("/enterprise/chains/new/").status_code == 403
    assert officer.get(f"/enterprise/chains/{ez.food_chain.pk}/links/new/").status_code == 403
    admin = login(ez.admin)
    response = admin.post("/enterprise/chains/new/", {"name": "特医食品", "leader_name": "张明", "description": ""})
    chain = Chain.objects.get(unit=ez.unit, name="特医食品")
    assert response["Location"] == f"/enterprise/chains/{chain.pk}/"
    admin.post(f"/enterprise/chains/{chain.pk}/links/new/", {"name": "临床评价", "position": "mid", "sort_order": 1})
    link = ChainLink.objects.get(chain=chain)
    admin.post(f"/enterprise/links/{link.pk}/edit/", {"name": "临床评价", "position": "up", "sort_order": 2})
    link.refresh_from_db()
    assert (link.position, link.sort_order) == ("up", 2)
    page = admin.post("/enterprise/chains/new/", {"name": "特医食品", "leader_name": ""})
    assert "本单位已有产业链“特医食品”" in page.content.decode()
    assert AuditEntry.objects.filter(object_type="enterprise.chain_link").count() == 2
    admin.post(
        f"/enterprise/chains/{chain.pk}/edit/", {"name": "特医食品", "leader_name": "张明明", "description": "x"}
    )
    chain.refresh_from_db()
    assert chain.leader_name == "张明明"


def test_targets_are_created_edited_and_moved_on_by_the_zones_staff(ez, login):
    client = login(ez.officer)
    gap = ez.links["冷链物流"]
    client.post(
        f"/enterprise/links/{gap.pk}/targets/new/",
        {"company": "青岛冷鲜物流集团", "region": "山东青岛", "status": "new", "officer": ez.officer.pk},
    )
    target = ChainTarget.objects.get(link=gap)
    data = {"company": "青岛冷鲜物流集团", "region": "山东青岛", "status": "contacted", "next_on": "2020-11-02"}
    client.post(f"/enterprise/targets/{target.pk}/edit/", data)
    client.post(f"/enterprise/targets/{target.pk}/status/", {"status": "talks", "next_on": "2020-11-09"})
    target.refresh_from_db()
    assert (target.status, target.next_on, target.officer_id) == ("talks", date(2020, 11, 9), None)
    changes = [e.changes for e in AuditEntry.objects.filter(object_type="enterprise.chain_target").order_by("id")]
    assert len(changes) == 3 and changes[2]["状态"] == ["已接触", "洽谈中"]
    page = client.post(f"/enterprise/links/{gap.pk}/targets/new/", {"company": "青岛冷鲜物流集团", "status": "new"})
    assert "已有目标企业“青岛冷鲜物流集团”" in page.content.decode()


def test_the_target_list_filters_by_chain_status_officer_and_search(ez, targets, login):
    client = login(ez.officer)

    def companies(query):
        page = client.get(f"/enterprise/targets/?{query}")
        assert page.status_code == 200
        return [t.company for t in page.context["page"]]

    assert companies("") == ["青岛冷鲜物流集团", "台中精密机电"]  # by next step date, undated last
    assert companies(f"chain={ez.smart_chain.pk}") == ["台中精密机电"]
    assert companies("status=talks") == ["台中精密机电"]
    assert companies(f"officer={ez.officer.pk}") == ["青岛冷鲜物流集团"]
    assert companies("q=台湾") == ["台中精密机电"]


def test_the_target_list_pages_and_asks_a_bounded_number_of_queries(ez, targets, login, django_assert_max_num_queries):
    for n in range(25):
        ChainTarget.objects.create(unit=ez.unit, link=ez.links["冷链物流"], company=f"目标{n:02d}", officer=ez.officer)
    client = login(ez.officer)
    with django_assert_max_num_queries(15):
        page = client.get("/enterprise/targets/")
    assert len(page.context["page"]) == 20 and page.context["page"].paginator.count == 27
    assert len(client.get("/enterprise/targets/?page=2").context["page"]) == 7


def test_the_map_asks_a_bounded_number_of_queries(ez, targets, login, django_assert_max_num_queries):
    for n in range(10):
        link = ChainLink.objects.create(unit=ez.unit, chain=ez.food_chain, name=f"环节{n}", position="down")
        ChainTarget.objects.create(unit=ez.unit, link=link, company=f"目标{n}", officer=ez.officer)
        ez.enterprises[n % 3].links.add(link)
    client = login(ez.officer)
    with django_assert_max_num_queries(16):
        assert client.get(f"/enterprise/chains/{ez.food_chain.pk}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/enterprise/chains/").status_code == 200


def test_the_chains_figures_are_its_enterprises_sums_per_year(ez, login):
    years = login(ez.officer).get(f"/enterprise/chains/{ez.food_chain.pk}/").context["years"]
    # 鲁味食品 (n=1, 50 亩) and 黄河饮品 (n=3, 30 亩): revenue 10000n + (year − 2019), tax 500n, output 12000n
    assert [(y.year, y.enterprises, y.revenue, y.tax, y.output) for y in years] == [
        (2019, 2, 40000, 2000, 48000),
        (2020, 2, 40002, 2000, 48000),
    ]
    assert years[0].tax_per_mu == 25  # 2,000 万元 over 80 亩
    smart = login(ez.officer).get(f"/enterprise/chains/{ez.smart_chain.pk}/").context["years"]
    # 齐鲁智造 and 华宇零部件, who left in 2021: its 2019–2020 figures were the chain's
    assert smart[0].revenue == 60000 and str(smart[0].tax_per_mu) == "21.43"  # 3,000 over 140 亩


def test_an_enterprise_placed_on_a_link_counts_in_that_chains_figures(ez, login):
    ez.enterprises[2].links.add(ez.links["整机装配"])  # 黄河饮品 on 智能制造 as well
    smart = login(ez.officer).get(f"/enterprise/chains/{ez.smart_chain.pk}/").context["years"]
    assert smart[0].enterprises == 3 and smart[0].revenue == 90000


def test_the_file_page_shows_the_chain_its_links_and_the_chains_gaps(ez, login):
    text = login(ez.officer).get(f"/enterprise/enterprises/{ez.enterprises[0].pk}/").content.decode()
    section = text[text.index('id="section-chains"') :]
    assert "食品饮料" in section and "中游 · 食品加工" in section and "下游 · 冷链物流" in section


def test_another_units_chain_link_and_target_are_404(ez, targets, login, world):
    client = login(world.jy_admin)
    assert client.get(f"/enterprise/chains/{ez.food_chain.pk}/").status_code == 404
    assert client.get(f"/enterprise/links/{ez.links['冷链物流'].pk}/edit/").status_code == 404
    assert client.post(f"/enterprise/links/{ez.links['冷链物流'].pk}/place/", {}).status_code == 404
    assert client.get(f"/enterprise/targets/{targets[0].pk}/edit/").status_code == 404
    assert client.get("/enterprise/chains/").context["rows"] == []
    assert client.get("/api/enterprise/chains").json() == []


def test_the_api_lists_chains_and_reads_a_map_with_gaps_and_figures(ez, targets, login):
    client = login(ez.officer)
    chains = {c["name"]: c for c in client.get("/api/enterprise/chains").json()}
    assert chains["食品饮料"]["gaps"] == 1
    found = client.get(f"/api/enterprise/chains/{ez.food_chain.pk}").json()
    gap = next(link for link in found["links"] if link["is_gap"])
    assert gap["name"] == "冷链物流" and gap["targets"][0]["company"] == "青岛冷鲜物流集团"
    assert found["years"][0]["tax_per_mu"] == "25.00"
    listed = client.get("/api/enterprise/targets?status=talks").json()
    assert [t["company"] for t in listed["items"]] == ["台中精密机电"]
