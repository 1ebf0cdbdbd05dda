"""/api/people/posts, /contracts and /rounds: the pages' reads as JSON, scoped the same way — the committee reads its
unit's, a staff member only their own contracts and a round's 公示, another unit gets 404."""

from datetime import date
from decimal import Decimal as D

import pytest

from taizhang.people import rounds
from taizhang.people.models import Application, Contract
from tests.people.conftest import ROUND_DAY, new_round


def _kong(zone, i) -> Contract:
    return Contract.objects.get(user=zone.staff[i])


def test_the_committee_reads_each_post_with_its_head_count_holders_and_vacancies(in_term, zone, login):
    body = login(zone.committee).get("/api/people/posts").json()
    assert body["count"] == 3
    rows = {p["name"]: p for p in body["items"]}
    assert rows["经济运行岗"] == {
        "id": zone.officer_post.pk,
        "unit": "新市镇",
        "department": "经济发展部",
        "name": "经济运行岗",
        "grade": "七级",
        "monthly_pay": "5000.00",
        "headcount": 3,
        "filled": 2,
        "vacant": 1,
        "in_use": True,
    }
    only = login(zone.committee).get(f"/api/people/posts?department={zone.office.pk}").json()
    assert [p["name"] for p in only["items"]] == ["综合文秘岗"]


def test_posts_count_holders_on_contracts_in_force_only(zone, login, clock):
    clock.set(date(2023, 1, 1))  # the zone's contracts ended the day before
    rows = {p["name"]: p for p in login(zone.committee).get("/api/people/posts").json()["items"]}
    assert (rows["经济运行岗"]["filled"], rows["经济运行岗"]["vacant"]) == (0, 3)


def test_staff_may_not_read_the_posts_and_another_unit_sees_none(zone, world, login):
    refused = login(zone.staff[0]).get("/api/people/posts")
    assert refused.status_code == 403 and "查看岗位设置" in refused.json()["detail"]
    assert login(world.jy_admin).get("/api/people/posts").json() == {"items": [], "count": 0}


def test_the_committee_lists_contracts_with_the_pages_filters(in_term, zone, login, clock):
    client = login(zone.committee)
    body = client.get("/api/people/contracts").json()
    assert body["count"] == 5 and {c["name"] for c in body["items"]} == {"孔一", "孔二", "孔三", "孔四", "孔五"}
    first = next(c for c in body["items"] if c["name"] == "孔一")
    assert first == {
        "id": _kong(zone, 0).pk,
        "username": "kong1",
        "name": "孔一",
        "department": "党政办公室",
        "post": "综合文秘岗",
        "starts_on": "2020-01-01",
        "ends_on": "2022-12-31",
        "monthly_pay": "4000.00",
        "performance_shares": ["30", "35", "40"],
        "status": "active",
        "status_label": "在聘",
    }
    office = client.get(f"/api/people/contracts?department={zone.office.pk}").json()
    assert {c["name"] for c in office["items"]} == {"孔一", "孔二"}
    assert client.get("/api/people/contracts?ending_within_days=184").json()["count"] == 5  # 06-30 + 184 = 12-31
    assert client.get("/api/people/contracts?ending_within_days=183").json()["count"] == 0
    assert client.get("/api/people/contracts?status=expired").json()["count"] == 0
    clock.set(date(2023, 1, 1))
    expired = client.get("/api/people/contracts?status=expired").json()
    assert expired["count"] == 5 and {c["status_label"] for c in expired["items"]} == {"期满"}
    assert client.get("/api/people/contracts?status=active").json()["count"] == 0
    assert client.get("/api/people/contracts?ending_within_days=90").json()["count"] == 0
    assert client.get("/api/people/contracts?status=lapsed").status_code == 422
    assert client.get("/api/people/contracts?ending_within_days=-1").status_code == 422


def test_a_staff_member_reads_only_their_own_contracts(zone, login):
    client = login(zone.staff[0])
    body = client.get("/api/people/contracts").json()
    assert [c["username"] for c in body["items"]] == ["kong1"] and body["count"] == 1
    assert client.get(f"/api/people/contracts/{_kong(zone, 0).pk}").json()["post_grade"] == "八级"
    colleague = client.get(f"/api/people/contracts/{_kong(zone, 1).pk}")
    assert colleague.status_code == 403 and colleague.json()["detail"] == "只能查看本人的聘任合同"


def test_another_unit_gets_404_on_a_contract_and_an_empty_list(zone, world, login):
    client = login(world.jy_admin)
    assert client.get(f"/api/people/contracts/{_kong(zone, 0).pk}").status_code == 404
    assert client.get("/api/people/contracts").json() == {"items": [], "count": 0}


def test_a_contract_reads_its_renewal_both_ways(zone, login, clock):
    from taizhang.people import contracts

    clock.set(date(2023, 2, 1))
    old = _kong(zone, 0)
    new = contracts.contract_renew(
        actor=zone.committee, contract=old, ends_on=date(2025, 12, 31), monthly_pay=D(4200), shares=[D(40)] * 3
    )
    client = login(zone.committee)
    before = client.get(f"/api/people/contracts/{old.pk}").json()
    after = client.get(f"/api/people/contracts/{new.pk}").json()
    assert (before["status"], before["renewed_by"], before["renewal_of"]) == ("renewed", new.pk, None)
    assert (after["status"], after["renewal_of"], after["starts_on"], after["unit"]) == (
        "active",
        old.pk,
        "2023-01-01",
        "新市镇",
    )


def test_the_contract_list_keeps_its_query_count_with_many_contracts(zone, login, django_assert_max_num_queries):
    for contract in Contract.objects.all():
        for year in range(4):
            contract.pk = None
            contract.starts_on, contract.ends_on = date(2008 + 3 * year, 1, 1), date(2010 + 3 * year, 12, 31)
            contract.save()
    client = login(zone.committee)
    with django_assert_max_num_queries(11):
        body = client.get("/api/people/contracts").json()
    assert body["count"] == 25 and len(body["items"]) == 25
    with django_assert_max_num_queries(11):
        assert len(client.get("/api/people/posts").json()["items"]) == 3


# --- rounds -----------------------------------------------------------------------------------------------------


@pytest.fixture
def in_publicity(zone, open_round, clock):
    """The open round in its 公示: 孔五 proposed for 部长 over 孔一, 孔三 for 经济运行岗."""
    head, officer = open_round.posts.get(post=zone.head_post), open_round.posts.get(post=zone.officer_post)
    for user, offered in ((zone.staff[0], head), (zone.staff[4], head), (zone.staff[2], officer)):
        rounds.applications_set(actor=user, rnd=open_round, round_posts=[offered])
    scores = {"kong1": (90, 90, 90), "kong5": (91, 91, 91), "kong3": (88, 80, 70)}
    applications = Application.objects.filter(round=open_round).select_related("user")
    rounds.scores_set(
        actor=zone.committee,
        rnd=open_round,
        scores={a.pk: tuple(D(s) for s in scores[a.user.username]) for a in applications},
    )
    chosen = {a.pk for a in applications if a.user.username in ("kong5", "kong3")}
    clock.advance(days=6)
    return rounds.publicity_start(actor=zone.committee, rnd=open_round, proposed_ids=chosen)


def test_the_committee_reads_a_round_with_its_rankings(zone, in_publicity, login):
    client = login(zone.committee)
    listed = client.get("/api/people/rounds").json()
    assert listed["count"] == 1
    assert {k: listed["items"][0][k] for k in ("title", "status", "post_count", "applicant_count")} == {
        "title": "2023年中层岗位竞聘",
        "status": "publicity",
        "post_count": 2,
        "applicant_count": 3,
    }
    body = client.get(f"/api/people/rounds/{in_publicity.pk}").json()
    assert [(p["department"], p["post"], p["openings"]) for p in body["posts"]] == [
        ("经济发展部", "经济运行岗", 1),
        ("经济发展部", "部长", 1),
    ]
    assert sorted((a["name"], a["post"]) for a in body["publicity"]) == [("孔三", "经济运行岗"), ("孔五", "部长")]
    head = next(r for r in body["rankings"] if r["post"] == "部长")
    assert [(row["name"], row["rank"], row["total"], row["proposed"]) for row in head["rows"]] == [
        ("孔五", 1, "91.00", True),
        ("孔一", 2, "90.00", False),
    ]


def test_a_staff_member_sees_the_publicity_and_their_own_application_but_no_rankings(zone, in_publicity, login):
    body = login(zone.staff[0]).get(f"/api/people/rounds/{in_publicity.pk}").json()
    assert body["rankings"] is None
    assert [(a["name"], a["post"], a["proposed"]) for a in body["mine"]] == [("孔一", "部长", False)]
    assert len(body["publicity"]) == 2 and "written" not in body["mine"][0]


def test_a_draft_round_is_hidden_from_staff_and_another_unit_gets_404(zone, world, login, clock):
    clock.set(ROUND_DAY)
    draft = new_round(zone, title="草稿竞聘", posts={zone.head_post: 1})
    assert login(zone.staff[0]).get(f"/api/people/rounds/{draft.pk}").status_code == 404
    assert login(zone.staff[0]).get("/api/people/rounds").json()["count"] == 0
    assert login(zone.committee).get(f"/api/people/rounds/{draft.pk}").json()["status"] == "draft"
    assert login(world.jy_admin).get(f"/api/people/rounds/{draft.pk}").status_code == 404
    assert login(world.jy_admin).get("/api/people/rounds").json()["count"] == 0


def test_the_rounds_list_and_a_round_keep_their_query_count(zone, in_publicity, login, django_assert_max_num_queries):
    client = login(zone.committee)
    with django_assert_max_num_queries(11):
        assert client.get("/api/people/rounds").status_code == 200
    with django_assert_max_num_queries(13):
        assert client.get(f"/api/people/rounds/{in_publicity.pk}").status_code == 200
