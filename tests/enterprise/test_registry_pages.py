"""The enterprise registry: the module's home, the list with its filters, an enterprise's file page and the API,
each scoped to the user's unit."""

from taizhang.hub.services import unit_modules_set


def test_the_home_counts_the_zones_enterprises_and_projects_by_stage(ez, login):
    text = login(ez.officer).get("/enterprise/").content.decode()
    assert "在园企业" in text and "企业名录" in text
    assert ">3<" in text.replace(" ", "")  # three enterprises still in the zone


def test_the_list_filters_by_park_chain_tag_and_search(ez, login):
    client = login(ez.officer)

    def names(query):
        page = client.get(f"/enterprise/enterprises/?{query}")
        assert page.status_code == 200
        return {e.name for e in page.context["page"]}

    assert len(names("")) == 4
    assert names(f"group={ez.smart.pk}") == {"山东齐鲁智造有限公司", "华宇零部件有限公司"}
    assert names(f"chain={ez.food_chain.pk}") == {"济南鲁味食品有限公司", "济阳黄河饮品有限公司"}
    assert names("tag=four_new") == {"济南鲁味食品有限公司"}
    assert names("tag=tag_high_tech") == {"山东齐鲁智造有限公司"}
    assert names("status=left") == {"华宇零部件有限公司"}
    assert names("q=黄河") == {"济阳黄河饮品有限公司"}
    assert names(f"q={ez.enterprises[0].uscc[-6:].lower()}") == {"济南鲁味食品有限公司"}


def test_the_list_asks_a_bounded_number_of_queries(ez, login, django_assert_max_num_queries):
    client = login(ez.officer)
    with django_assert_max_num_queries(15):
        assert client.get("/enterprise/enterprises/").status_code == 200


def test_the_file_page_shows_the_figures_with_what_is_derived_from_them(ez, login):
    text = login(ez.officer).get(f"/enterprise/enterprises/{ez.enterprises[0].pk}/").content.decode()
    assert ez.enterprises[0].uscc in text and "食品饮料城" in text and "新技术" in text
    assert "10.00 万元/亩" in text  # 500 万元 of tax on 50 亩
    assert "3.00%" in text  # 300 of R&D over 10,000 of revenue (2019)


def test_another_units_enterprise_is_a_404(ez, jy_enterprise, login, world):
    assert login(ez.officer).get(f"/enterprise/enterprises/{jy_enterprise.pk}/").status_code == 404
    assert login(world.jy_admin).get(f"/enterprise/enterprises/{ez.enterprises[0].pk}/").status_code == 404


def test_the_api_lists_and_reads_enterprises_in_scope(ez, jy_enterprise, login, world):
    client = login(ez.officer)
    listed = client.get("/api/enterprise/enterprises?tag=four_new").json()
    assert [e["name"] for e in listed["items"]] == ["济南鲁味食品有限公司"]
    detail = client.get(f"/api/enterprise/enterprises/{ez.enterprises[0].pk}").json()
    assert detail["tags"] == ["新技术"] and detail["figures"][0]["year"] == 2020
    assert detail["figures"][0]["tax_per_mu"] == "10.00"
    assert client.get(f"/api/enterprise/enterprises/{jy_enterprise.pk}").status_code == 404


def test_a_unit_without_the_module_gets_403_and_no_menu_entry(ez, world, login):
    unit_modules_set(actor=None, unit=world.xinshi, keys=["assistance"])
    client = login(ez.officer)
    assert client.get("/enterprise/").status_code == 403
    assert client.get("/api/enterprise/enterprises").status_code == 403
    assert 'href="/enterprise/"' not in client.get("/").content.decode()
