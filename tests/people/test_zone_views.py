"""The zone assessment pages: every staff member of the zone and district roles see it all, another unit sees
nothing of it; the Excel export; the indicators page edited by district admins only; bad input in Chinese."""

import io

import openpyxl
import pytest

from taizhang.imports.ledgers import importable
from taizhang.people.models import ZoneIndicator
from tests.people.zone_data import import_figures


@pytest.fixture
def assessed(district_zone, world):
    import_figures(world.xinshi, 2019)
    import_figures(world.xinshi, 2020)
    return district_zone


def test_a_staff_member_of_the_zone_sees_every_zones_figures_ranks_and_scores(assessed, login):
    page = login(assessed.staff[0]).get("/people/zone/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "新市镇 2020 年度" in text and 'id="own-zone"' in text
    assert "第 2 名" in text and "90.00" in text and "济南新材料产业园" in text and "98.00" in text
    assert "缺数据" in text  # 平阴工业园 has no 实际利用外资
    assert 'id="zone-chart"' in text and "zone-import" not in text  # staff do not import


def test_the_committee_is_offered_the_import_into_its_zone_and_year(assessed, login):
    text = login(assessed.committee).get("/people/zone/?year=2019").content.decode()
    assert "ledger=people.zone_figures&amp;target=2019" in text


def test_the_ledger_targets_the_committees_zone_for_six_years_and_nobody_elses(assessed, world, clock):
    (ledger, targets), *_ = [(lg, t) for lg, t in importable(assessed.committee) if lg.key == "people.zone_figures"]
    assert len(targets) == 6 and {t.unit for t in targets} == {world.xinshi}
    assert all(lg.key != "people.zone_figures" for lg, _ in importable(assessed.staff[0]))
    assert all(lg.key != "people.zone_figures" for lg, _ in importable(world.jy_admin))


def test_district_roles_choose_the_zone_and_the_year(assessed, world, login):
    client = login(world.leader)
    text = client.get(f"/people/zone/?unit={world.xinshi.pk}&year=2019").content.decode()
    assert "新市镇 2019 年度" in text and '<option value="2019" selected>' in text


def test_another_unit_sees_nothing_of_the_zones_assessment(assessed, world, login):
    text = login(world.jy_admin).get(f"/people/zone/?unit={world.xinshi.pk}&year=2020").content.decode()
    assert "本单位不是开发区" in text and "济南新材料产业园" not in text


@pytest.mark.parametrize("year", ["二〇二〇", "1" * 3000, "1999"])
def test_a_malformed_year_is_explained_in_chinese_and_the_latest_year_shown(assessed, login, year):
    page = login(assessed.staff[0]).get("/people/zone/", {"year": year})
    text = page.content.decode()
    assert page.status_code == 200 and 'id="filter-errors"' in text
    assert any(m in text for m in ("年度应是四位数字", "年度不能晚于", "年度不能早于")) and "新市镇 2020 年度" in text


def test_the_export_is_the_assessment_as_a_workbook(assessed, login):
    response = login(assessed.staff[0]).get("/people/zone/?year=2020&format=xlsx")
    assert response.status_code == 200 and "xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "新市镇-2020年度开发区综合考核"
    assert rows[1][:8] == [
        "综合排名",
        "开发区",
        "总分",
        "经济总量得分",
        "发展质量得分",
        "营业收入（亿元）",
        "营业收入名次",
        "营业收入得分",
    ]
    assert [r[:5] for r in rows[2:4]] == [[1, "济南新材料产业园", 98, 55, 43], [2, "新市镇", 90, 49.5, 40.5]]


def test_a_year_without_figures_says_so(assessed, login):
    text = login(assessed.committee).get("/people/zone/?year=2018").content.decode()
    assert "还没有 2018 年度的开发区考核数据" in text and "导入考核数据" in text


def test_the_assessment_page_reads_in_a_fixed_number_of_queries(assessed, world, login, django_assert_max_num_queries):
    client = login(assessed.staff[0])
    client.get("/people/zone/")
    import_figures(world.xinshi, 2020)
    with django_assert_max_num_queries(16):
        assert client.get("/people/zone/").status_code == 200


def test_everyone_reads_the_indicators_and_only_district_admins_edit_them(assessed, world, login, district_admin):
    text = login(assessed.staff[0]).get("/people/zone/indicators/").content.decode()
    assert "默认设置" in text and "单位增加值能耗" in text and "越低越好" in text and "indicator-form" not in text
    assert login(world.xs_admin).post("/people/zone/indicators/", {"from_year": "2021"}).status_code == 403
    assert 'id="indicator-form"' in login(district_admin).get("/people/zone/indicators/").content.decode()


def _post(client, year, rows):
    data = {"from_year": year, "form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
    for n, (name, weight) in enumerate(rows):
        data |= {f"form-{n}-name": name, f"form-{n}-group": "经济总量", f"form-{n}-measure": "亿元"}
        data |= {f"form-{n}-direction": "higher", f"form-{n}-weight": weight}
    return client.post("/people/zone/indicators/", data, follow=True)


def test_a_district_admin_saves_a_version_and_the_page_lists_it(district_zone, login, district_admin):
    client = login(district_admin)
    text = _post(client, "2021", [("营业收入", "60"), ("税收", "40"), ("", "")]).content.decode()
    assert "已保存 2021 年起适用的开发区考核指标" in text and "2021 年起适用" in text
    assert ZoneIndicator.objects.count() == 2


@pytest.mark.parametrize(
    ("year", "rows", "message"),
    [
        ("2021", [("营业收入", "60")], "各项指标权重合计应为 100，现为 60"),
        ("2021", [("营业收入", "六十")], "权重应是数字"),
        ("2021", [("营业收入", "")], "请填写权重"),
        ("2021", [("营" * 3000, "100")], "指标名称最多 32 个字"),
        ("x" * 3000, [("营业收入", "100")], "年度应是四位数字"),
    ],
)
def test_bad_indicators_are_refused_in_chinese(district_zone, login, district_admin, year, rows, message):
    text = _post(login(district_admin), year, rows).content.decode()
    assert message in text and not ZoneIndicator.objects.exists()


def test_a_district_user_without_zones_is_told_there_are_none(zone, world, login):
    assert "您管辖的范围内还没有开发区" in login(world.leader).get("/people/zone/").content.decode()


def test_the_audit_search_offers_the_zone_types(district_zone, world, login):
    text = login(world.xs_admin).get("/audit/").content.decode()
    assert "开发区考核数据" in text and "开发区考核指标" in text
