"""The fiscal pages: revenue, sharing (table, chart data, Excel), infrastructure, the portfolio and a stake with its
exit through a confirm page; scoped to the user's unit, with bounded queries."""

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from taizhang.audit.models import AuditEntry
from taizhang.enterprise import fiscal, fiscal_equity
from taizhang.enterprise.models import EquityExit, InfraSpending, Revenue


def test_the_revenue_page_shows_the_years_by_source_with_totals(ez, books, login):
    client = login(ez.officer)
    text = client.get("/enterprise/fiscal/revenue/").content.decode()
    assert "2021年" in text and "土地出让收入" in text and "4500.0000" in text  # 2019: 1000 + 500 + 3000
    detail = client.get("/enterprise/fiscal/revenue/?year=2020").content.decode()
    assert "2020 年的收入明细" in detail and "600.5000" in detail


def test_an_officer_enters_revenue_and_voids_it_with_a_reason(ez, books, login):
    client = login(ez.officer)
    source = books.sources["非税收入"]
    response = client.post(
        "/enterprise/fiscal/revenue/new/", {"year": 2021, "source": source.pk, "amount": "321.5", "note": ""}
    )
    assert response.status_code == 302
    revenue = Revenue.objects.get(unit=ez.unit, year=2021, source=source, status="active")
    response = client.post(f"/enterprise/fiscal/revenue/{revenue.pk}/void/", {"reason": "录错年度"})
    assert response.status_code == 302
    revenue.refresh_from_db()
    assert revenue.is_voided


def test_only_the_unit_admin_adds_sources_and_sets_the_rule(ez, books, login):
    client = login(ez.officer)
    assert client.get("/enterprise/fiscal/sharing/rule/").status_code == 403
    assert client.get("/enterprise/fiscal/sources/new/").status_code == 403
    client = login(ez.admin)
    assert client.post("/enterprise/fiscal/sources/new/", {"name": "房产税", "kind": "tax"}).status_code == 302
    response = client.post(
        "/enterprise/fiscal/sharing/rule/",
        {"effective_year": 2021, "base_year": 2022, "zone_share": "60", "sources": [books.sources["增值税"].pk]},
    )
    assert "基数年度不能晚于起始年度" in response.content.decode()


def test_the_sharing_page_shows_the_years_the_chart_data_and_exports_excel(ez, books, login):
    client = login(ez.officer)
    response = client.get("/enterprise/fiscal/sharing/")
    text = response.content.decode()
    assert "120.3000" in text and "80.2000" in text and "短收" in text
    assert response.context["chart"]["years"] == [2019, 2020, 2021]
    assert response.context["chart"]["zone"] == [0.0, 120.3, 0.0]
    assert 'id="sharing-data"' in text and "echarts.min.js" in text and "<script>" not in text
    export = client.get("/enterprise/fiscal/sharing/?format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content) if export.streaming else export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "年度" and rows[3][0] == 2020 and Decimal(str(rows[3][6])) == Decimal("120.3")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT, object_type="enterprise.sharing_rule").exists()


def test_infrastructure_list_filters_by_year_and_totals_what_it_finds(ez, login):
    for project, year, amount in (("济北大道", 2020, "300"), ("污水厂", 2021, "200.5"), ("变电站", 2021, "99.5")):
        fiscal.infra_create(
            actor=ez.officer,
            unit_id=ez.unit.pk,
            project=project,
            year=year,
            amount=Decimal(amount),
            department="区住建局",
        )
    client = login(ez.officer)
    response = client.get("/enterprise/fiscal/infrastructure/?year=2021")
    assert {s.project for s in response.context["page"]} == {"污水厂", "变电站"}
    assert response.context["total"] == Decimal(300)
    response = client.post(
        "/enterprise/fiscal/infrastructure/new/",
        {"project": "园区绿化", "year": 2021, "amount": "50", "department": "区城管局", "note": ""},
    )
    assert response.status_code == 302 and InfraSpending.objects.filter(project="园区绿化").exists()


def test_the_portfolio_shows_its_figures_by_chain_and_filters(ez, books, login):
    client = login(ez.officer)
    response = client.get("/enterprise/fiscal/equity/")
    text = response.content.decode()
    assert "1.27x" in text  # (1800 + 2000) ÷ 3000
    assert [name for name, _ in response.context["portfolio"].by_chain] == ["智能制造", "食品饮料"]
    response = client.get(f"/enterprise/fiscal/equity/?chain={ez.food_chain.pk}")
    assert [s.pk for s in response.context["page"]] == [books.valued.pk]
    assert response.context["portfolio"].total.tvpi == Decimal("1.80")


def test_an_exit_is_confirmed_before_it_is_recorded_and_withdrawn_with_a_reason(ez, books, login):
    client = login(ez.officer)
    url = f"/enterprise/fiscal/equity/{books.valued.pk}/exit/"
    data = {"kind": "transfer", "exited_on": "2022-01-10", "proceeds": "2500", "note": "转让给产业基金"}
    confirm = client.post(url, data)
    assert "确认股权退出" in confirm.content.decode() and "2.50x" in confirm.content.decode()
    assert not EquityExit.objects.exists()
    assert client.post(url, {**data, "confirmed": "1"}).status_code == 302
    detail = client.get(f"/enterprise/fiscal/equity/{books.valued.pk}/").content.decode()
    assert "以转让方式退出" in detail and "撤回退出" in detail and "登记估值" not in detail
    withdraw = client.post(f"/enterprise/fiscal/equity/{books.valued.pk}/exit/withdraw/", {"reason": "协议未生效"})
    assert withdraw.status_code == 302
    assert EquityExit.objects.get().withdraw_reason == "协议未生效"


def test_an_officer_adds_a_valuation_on_the_stake_page(ez, books, login):
    client = login(ez.officer)
    url = f"/enterprise/fiscal/equity/{books.unvalued.pk}/"
    response = client.post(url, {"valued_on": "2021-09-01", "value": "2600", "basis": "新一轮融资"})
    assert response.status_code == 302
    assert "2600.0000" in client.get(url).content.decode()


def test_a_new_stake_with_its_agreement_document(ez, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(ez.officer)
    agreement = SimpleUploadedFile("投资协议.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        "/enterprise/fiscal/equity/new/",
        {
            "enterprise": ez.enterprises[2].pk,
            "invested": "800",
            "share": "8",
            "invested_on": "2021-05-01",
            "agreement": agreement,
        },
    )
    assert response.status_code == 302
    stake = ez.enterprises[2].stakes.get()
    download = client.get(f"/enterprise/fiscal/equity/{stake.pk}/agreement/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_enterprise_file_page_lists_its_stakes(ez, books, login):
    text = login(ez.officer).get(f"/enterprise/enterprises/{ez.enterprises[0].pk}/").content.decode()
    assert "产业投资公司股权投资" in text and "1800.0000" in text
    other = login(ez.officer).get(f"/enterprise/enterprises/{ez.enterprises[2].pk}/").content.decode()
    assert "产业投资公司股权投资" not in other


def test_another_units_records_are_404_and_its_books_are_not_shown(ez, books, login, world):
    client = login(world.jy_admin)
    revenue = Revenue.objects.filter(unit=ez.unit).first()
    for url in (
        f"/enterprise/fiscal/equity/{books.valued.pk}/",
        f"/enterprise/fiscal/equity/{books.valued.pk}/exit/",
        f"/enterprise/fiscal/revenue/{revenue.pk}/void/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/enterprise/fiscal/equity/").context["page"].paginator.count == 0
    assert "120.3000" not in client.get("/enterprise/fiscal/sharing/").content.decode()
    assert client.get("/api/enterprise/fiscal/equity").json()["items"] == []


def test_the_api_reads_the_sharing_years_and_the_stakes(ez, books, login):
    client = login(ez.officer)
    years = client.get("/api/enterprise/fiscal/sharing").json()
    assert years[1]["year"] == 2020 and years[1]["zone"] == "120.3000" and years[1]["district"] == "80.2000"
    stakes = client.get("/api/enterprise/fiscal/equity?status=held").json()["items"]
    by_id = {s["id"]: s for s in stakes}
    assert by_id[books.valued.pk]["current_value"] == "1800.0000" and by_id[books.unvalued.pk]["chain"] == "智能制造"


def test_the_lists_ask_a_bounded_number_of_queries(ez, books, login, django_assert_max_num_queries):
    for n in range(25):
        stake = fiscal_equity.stake_create(
            actor=ez.officer, unit_id=ez.unit.pk, enterprise=ez.enterprises[n % 3], invested=Decimal(10 + n),
            share=Decimal(1), invested_on=date(2021, 1, 1),
        )  # fmt: skip
        fiscal_equity.valuation_add(
            actor=ez.officer, stake=stake, valued_on=date(2021, 6, 1), value=Decimal(n), basis="x"
        )
        fiscal.infra_create(
            actor=ez.officer,
            unit_id=ez.unit.pk,
            project=f"项目{n}",
            year=2021,
            amount=Decimal(1),
            department="区住建局",
        )
    client = login(ez.officer)
    for url in (
        "/enterprise/fiscal/equity/",
        "/enterprise/fiscal/infrastructure/",
        "/enterprise/fiscal/sharing/",
        "/enterprise/fiscal/revenue/",
    ):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200, url
    with django_assert_max_num_queries(30):  # the file page: a section per area of the module
        assert client.get(f"/enterprise/enterprises/{ez.enterprises[0].pk}/").status_code == 200
