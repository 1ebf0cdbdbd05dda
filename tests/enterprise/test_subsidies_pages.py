"""The subsidy pages: the grant list with its filters and Excel, 免申即享 with preview and confirmation, a grant's
steps, policies and clauses edited by the unit admin, clawbacks, the file page's section — scoped and bounded."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from taizhang.audit.models import AuditEntry
from taizhang.core import clock
from taizhang.enterprise import subsidies
from taizhang.enterprise.models import Clause, Enterprise, Grant
from tests.enterprise.fixtures_subsidies import YEAR, make_subsidies

TODAY = date(2021, 3, 1)


@pytest.fixture
def sub(ez):
    with clock.frozen(TODAY):
        yield make_subsidies(ez)


def offer_picks(ez, sub):
    return [f"{ez.enterprises[1].pk}-{sub.rd.pk}", f"{ez.enterprises[0].pk}-{sub.topup.pk}"]


def test_the_offers_page_lists_who_qualifies_and_creates_grants_after_a_preview(ez, sub, login):
    client = login(ez.officer)
    text = client.get(f"/enterprise/subsidies/offers/?year={YEAR}").content.decode()
    assert "山东齐鲁智造有限公司" in text and "600,000.00" in text and "37,037.03" in text
    assert "上年研发投入 ≥ 500（实际 600）" in text
    preview = client.post(
        "/enterprise/subsidies/offers/", {"year": YEAR, "pick": offer_picks(ez, sub), "action": "preview"}
    )
    assert "637,037.03" in preview.content.decode() and not Grant.objects.exists()
    done = client.post(
        "/enterprise/subsidies/offers/", {"year": YEAR, "pick": offer_picks(ez, sub), "action": "confirm"}
    )
    assert done.status_code == 302
    assert Grant.objects.filter(state="proposed", automatic=True).count() == 2
    left = client.get(f"/enterprise/subsidies/offers/?year={YEAR}").content.decode()
    assert "已生成 · 待审核" not in left and "济阳黄河饮品有限公司" in left  # the one not picked is still offered
    again = client.get(f"/enterprise/subsidies/offers/?year={YEAR}&open=off").content.decode()
    assert "已生成 · 待审核" in again


def test_the_offers_are_filtered_by_policy_and_name_a_page_at_a_time(ez, sub, login):
    client = login(ez.officer)

    def shown(query):
        return [
            (o.enterprise_name, o.clause.pk)
            for o in client.get(f"/enterprise/subsidies/offers/?year={YEAR}&{query}").context["page"]
        ]

    every = shown("")
    assert len(every) == 3
    assert shown("q=齐鲁") == [e for e in every if e[0] == "山东齐鲁智造有限公司"]
    assert shown(f"q={ez.enterprises[1].uscc[-5:]}") == shown("q=齐鲁")
    of_policy = set(Clause.objects.filter(policy_id=sub.rd.policy_id).values_list("pk", flat=True))
    assert shown(f"policy={sub.rd.policy_id}") == [e for e in every if e[1] in of_policy]
    assert shown("policy=999999") == []


def test_the_list_filters_paginates_and_exports(ez, sub, login):
    subsidies.grants_create(
        actor=ez.officer,
        unit=ez.unit,
        year=YEAR,
        picks=[(ez.enterprises[1].pk, sub.rd.pk), (ez.enterprises[0].pk, sub.topup.pk)],
    )
    client = login(ez.officer)

    def names(query):
        page = client.get(f"/enterprise/subsidies/?{query}")
        assert page.status_code == 200
        return {g.enterprise.name for g in page.context["page"]}

    assert names("") == {"山东齐鲁智造有限公司", "济南鲁味食品有限公司"}
    assert names(f"clause={sub.topup.pk}") == {"济南鲁味食品有限公司"}
    assert names(f"policy={sub.policy.pk}&state=proposed") == {"山东齐鲁智造有限公司", "济南鲁味食品有限公司"}
    assert names("state=paid") == set()
    assert names(f"group={ez.smart.pk}") == {"山东齐鲁智造有限公司"}
    assert names("q=鲁味") == {"济南鲁味食品有限公司"}
    assert "免申即享" in client.get("/enterprise/subsidies/").content.decode()
    sheet = client.get(f"/enterprise/subsidies/?format=xlsx&clause={sub.rd.pk}")
    rows = list(openpyxl.load_workbook(io.BytesIO(sheet.content)).active.values)
    assert rows[1][2] == "山东齐鲁智造有限公司" and rows[1][6] == 600000 and len(rows) == 2
    assert AuditEntry.objects.filter(action="export", object_type="enterprise.grant").exists()


def test_the_list_asks_a_bounded_number_of_queries(ez, sub, login, django_assert_max_num_queries):
    subsidies.grants_create(
        actor=ez.officer,
        unit=ez.unit,
        year=YEAR,
        picks=[(ez.enterprises[1].pk, sub.rd.pk), (ez.enterprises[0].pk, sub.topup.pk)],
    )
    client = login(ez.officer)
    with django_assert_max_num_queries(22):
        assert client.get(f"/enterprise/subsidies/?year={YEAR}").status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(f"/enterprise/subsidies/offers/?year={YEAR}").status_code == 200


def test_a_grant_goes_through_review_approval_and_payment_on_its_page(ez, sub, login):
    grant = subsidies.grants_create(
        actor=ez.officer, unit=ez.unit, year=YEAR, picks=[(ez.enterprises[0].pk, sub.topup.pk)]
    )[0]
    url = f"/enterprise/subsidies/grants/{grant.pk}/"
    login(ez.officer).post(url, {"action": "review"})
    refused = login(ez.officer).post(url, {"action": "approve"}, follow=True).content.decode()
    assert "单位管理员" in refused
    login(ez.admin).post(url, {"action": "approve"})
    with clock.frozen(TODAY):
        login(ez.admin).post(url, {"action": "pay", "paid_on": "2021-02-01", "voucher": "记-12"})
    grant.refresh_from_db()
    assert grant.state == "paid" and grant.voucher == "记-12"
    assert login(ez.admin).post(f"{url}withdraw/", {"reason": "凭证号录错"}).status_code == 302
    grant.refresh_from_db()
    assert grant.state == "approved"
    assert login(ez.officer).get(f"{url}withdraw/").status_code == 403  # undoing an approval is the admin's


def test_the_admin_adds_a_clause_and_a_bad_one_is_refused_with_its_name(ez, sub, login):
    client = login(ez.admin)
    url = f"/enterprise/subsidies/policies/{sub.policy.pk}/"
    bad = client.post(
        url,
        {
            "action": "clause",
            "code": "第五条",
            "title": "亩产",
            "conditions": "亩均产值 ≥ 30",
            "kind": "fixed",
            "amount": "1",
        },
    )
    assert "字段“亩均产值”不认识" in bad.content.decode()
    client.post(
        url,
        {
            "action": "clause",
            "code": "第五条",
            "title": "亩均税收奖励",
            "conditions": "亩均税收 ≥ 30\n规上 = 是",
            "kind": "tiers",
            "of": "tax_per_mu",
            "tiers": "30 100000\n50 200000",
            "is_active": "on",
        },
    )
    clause = Clause.objects.get(code="第五条")
    assert clause.formula["tiers"][1] == {"from": "50", "amount": "200000"}
    assert "亩均税收 ≥ 30" in client.get(url).content.decode()
    edit = client.post(
        f"/enterprise/subsidies/clauses/{clause.pk}/",
        {
            **{
                "code": "第五条",
                "title": "亩均税收奖励",
                "conditions": "亩均税收 ≥ 40",
                "kind": "fixed",
                "amount": "50000",
            }
        },
    )
    assert edit.status_code == 302
    assert AuditEntry.objects.filter(object_type="enterprise.clause", action="update").exists()
    assert login(ez.officer).post(url, {"action": "clause", "code": "第六条"}).status_code == 403


def test_the_budget_is_set_on_the_policies_page(ez, sub, login):
    client = login(ez.admin)
    client.post("/enterprise/subsidies/policies/", {"action": "budget", "year": 2021, "amount": "3000000"})
    assert "2021 年度：3,000,000.00 元" in client.get("/enterprise/subsidies/policies/").content.decode()


def test_the_clawbacks_page_lists_a_departed_enterprise_and_records_the_recovery(ez, sub, login):
    subsidies.budget_set(actor=ez.admin, unit=ez.unit, year=YEAR, amount=Decimal(1000000))
    with clock.frozen(TODAY):
        grant = subsidies.grants_create(
            actor=ez.officer, unit=ez.unit, year=YEAR, picks=[(ez.enterprises[2].pk, sub.rd.pk)]
        )[0]
        subsidies.grant_review(actor=ez.officer, grant=grant)
        subsidies.grant_approve(actor=ez.admin, grant=grant)
        subsidies.grant_pay(actor=ez.admin, grant=grant, paid_on=date(2021, 1, 5), voucher="记-3")
    Enterprise.objects.filter(pk=ez.enterprises[2].pk).update(status="left", left_on=date(2021, 2, 20))
    client = login(ez.admin)
    with clock.frozen(TODAY):
        assert "济阳黄河饮品有限公司" in client.get("/enterprise/subsidies/clawbacks/").content.decode()
        client.post(
            f"/enterprise/subsidies/grants/{grant.pk}/recover/", {"recovered_on": "2021-02-28", "amount": "900000"}
        )
    grant.refresh_from_db()
    assert grant.recovered_on == date(2021, 2, 28)


def test_the_file_page_shows_what_the_enterprise_qualifies_for_and_its_grants(ez, sub, login):
    subsidies.grants_create(actor=ez.officer, unit=ez.unit, year=YEAR, picks=[(ez.enterprises[0].pk, sub.topup.pk)])
    with clock.frozen(date(2021, 5, 1)):
        text = login(ez.officer).get(f"/enterprise/enterprises/{ez.enterprises[0].pk}/").content.decode()
    assert "惠企政策与兑现" in text and "四新企业市级补贴配套" in text and "37,037.03" in text and "待审核" in text


def test_another_units_grant_policy_and_clause_are_404(ez, sub, login, world):
    grant = subsidies.grants_create(
        actor=ez.officer, unit=ez.unit, year=YEAR, picks=[(ez.enterprises[0].pk, sub.topup.pk)]
    )[0]
    client = login(world.jy_admin)
    for url in (
        f"/enterprise/subsidies/grants/{grant.pk}/",
        f"/enterprise/subsidies/grants/{grant.pk}/withdraw/",
        f"/enterprise/subsidies/policies/{sub.policy.pk}/",
        f"/enterprise/subsidies/clauses/{sub.rd.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/enterprise/subsidies/").context["page"].paginator.count == 0


def test_the_api_lists_grants_and_offers_in_scope(ez, sub, login, world):
    subsidies.grants_create(actor=ez.officer, unit=ez.unit, year=YEAR, picks=[(ez.enterprises[0].pk, sub.topup.pk)])
    client = login(ez.officer)
    listed = client.get("/api/enterprise/subsidies/grants?state=proposed").json()
    assert [(g["enterprise"], g["amount"], g["state"]) for g in listed["items"]] == [
        ("济南鲁味食品有限公司", "37037.03", "待审核")
    ]
    offered = client.get(f"/api/enterprise/subsidies/offers?year={YEAR}").json()
    assert len(offered) == 3 and sum(1 for o in offered if o["grant_id"]) == 1
    assert login(world.jy_admin).get("/api/enterprise/subsidies/grants").json()["count"] == 0
