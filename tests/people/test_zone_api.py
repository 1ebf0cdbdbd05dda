"""/api/people/zone/assessment: the page's assessment as JSON, scoped the same way."""

from tests.people.zone_data import import_figures


def test_the_api_gives_the_zones_assessment_best_first(district_zone, world, login):
    import_figures(world.xinshi, 2020)
    body = login(district_zone.staff[0]).get("/api/people/zone/assessment?year=2020").json()
    assert body["unit"] == "新市镇" and body["indicators_from_year"] is None
    assert [(r["zone"], r["total"], r["rank"], r["own"]) for r in body["rows"]][:2] == [
        ("济南新材料产业园", "98.00", 1, False),
        ("新市镇", "90.00", 2, True),
    ]
    assert body["rows"][1]["groups"] == {"经济总量": "49.50", "发展质量": "40.50"}
    pingyin = body["rows"][2]["cells"][4]
    assert pingyin == {"indicator": "实际利用外资", "value": None, "rank": 5, "score": "60.00"}


def test_district_roles_name_the_zone_and_other_units_get_404(district_zone, world, login):
    import_figures(world.xinshi, 2020)
    url = f"/api/people/zone/assessment?year=2020&unit={world.xinshi.pk}"
    assert login(world.leader).get(url).json()["unit"] == "新市镇"
    assert login(world.jy_admin).get(url).status_code == 404


def test_a_year_without_figures_or_out_of_range_is_refused(district_zone, login):
    client = login(district_zone.staff[0])
    missing = client.get("/api/people/zone/assessment?year=2019")
    assert missing.status_code == 404 and missing.json()["detail"] == "还没有 2019 年度的开发区考核数据"
    assert client.get("/api/people/zone/assessment?year=" + "9" * 3000).status_code == 422
