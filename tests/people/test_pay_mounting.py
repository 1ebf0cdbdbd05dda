"""优绩优酬 and 刚性淘汰 plug in through the manifest: the committee's to-dos in 我的待办, the audit types in the audit
search, the links on the module's home."""

import pytest

from taizhang.people import elimination, pay

pytestmark = pytest.mark.django_db


def test_the_committees_inbox_lists_the_recommendations_to_decide(assessed_zone, login):
    elimination.recommendations_sync(cycle=assessed_zone.cycle)
    text = login(assessed_zone.committee).get("/hub/inbox/").content.decode()
    assert "决定淘汰建议" in text and "孔四" in text
    assert "决定淘汰建议" not in login(assessed_zone.staff[0]).get("/hub/inbox/").content.decode()


def test_the_audit_search_offers_and_finds_the_pay_sheets(assessed_zone, world, login):
    pay.sheet_prepare(actor=assessed_zone.committee, cycle=assessed_zone.cycle)
    page = login(world.xs_admin).get("/audit/", {"object_type": "people.paysheet"}).content.decode()
    assert "绩效薪酬发放表" in page and "2020Q3 绩效薪酬发放表（第 1 版）" in page
    assert "淘汰建议与决定" in page and "淘汰规则" in page


def test_the_module_home_links_to_pay_and_elimination(zone, login):
    text = login(zone.staff[0]).get("/people/").content.decode()
    assert 'href="/people/pay/"' in text and 'href="/people/elimination/"' in text
