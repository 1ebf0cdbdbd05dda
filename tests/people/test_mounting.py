"""The people module plugs in through its manifest: its home for its unit, 403 for a unit without it, its menu."""

from taizhang.hub.services import unit_modules_set


def test_the_committee_sees_the_units_posts_contracts_and_cycles(in_term, zone, world, login):
    page = login(zone.committee).get("/people/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "90天内到期合同" in text and "2020Q3" in text
    assert ">5<" in text.replace(" ", "")  # five staff on contracts


def test_a_staff_member_sees_only_their_own_contract_and_results(zone, login):
    text = login(zone.staff[0]).get("/people/").content.decode()
    assert "综合文秘岗" in text
    assert "经济运行岗" not in text and "考核周期" not in text


def test_a_unit_without_the_module_gets_403_and_no_menu_entry(zone, world, login):
    unit_modules_set(actor=None, unit=world.xinshi, keys=["assistance"])
    client = login(zone.committee)
    assert client.get("/people/").status_code == 403
    assert client.get("/api/people/cycles").status_code == 403
    assert 'href="/people/"' not in client.get("/").content.decode()


def test_the_menu_offers_the_module_to_its_units(zone, login):
    assert 'href="/people/"' in login(zone.staff[0]).get("/").content.decode()


def test_the_api_lists_the_cycles_in_scope(zone, world, login):
    assert [c["code"] for c in login(world.xs_admin).get("/api/people/cycles").json()] == ["2020Q3"]
    assert login(world.jy_admin).get("/api/people/cycles").json() == []
